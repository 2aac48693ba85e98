import { parentPort } from 'node:worker_threads';
import { compressBlock, type Codec } from './codecs';

// One thread of the compression pool: compresses a block synchronously. A block in shared
// memory has its frame written into the frame space beside it (see block-arena.ts), so nothing
// crosses threads but the frame's length. Any other block is handed back with its frame,
// both transferred, so no byte is copied between threads and the next block can reuse it.

export type CompressTask = { id: number; codec: Codec; level: number | undefined; block: Uint8Array; frameSpace?: Uint8Array };
export type CompressReply =
  | { id: number; frame: Uint8Array; block: Uint8Array }
  | { id: number; frameLength: number }
  | { id: number; error: string };

// lz4-napi's output buffers are freed by finalizers that run only when the event loop turns,
// and a port hands over every queued message in one turn: tasks are queued and worked through
// a few MiB per turn, which kept a 2 GB lz4 backup from growing each thread by some 150 MB.
const BYTES_PER_TURN = 4 * 1024 * 1024;
const queue: CompressTask[] = [];

parentPort?.on('message', (task: CompressTask) => {
  if (queue.push(task) === 1) setImmediate(work);
});

function work(): void {
  for (let bytes = 0; bytes < BYTES_PER_TURN; ) {
    const task = queue.shift();
    if (!task) return;
    bytes += task.block.byteLength;
    compressTask(task);
  }
  if (queue.length > 0) setImmediate(work);
}

function compressTask(task: CompressTask): void {
  let reply: CompressReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const frame = compressBlock(task.codec, task.block, task.level);
    if (task.frameSpace && frame.length <= task.frameSpace.length) {
      task.frameSpace.set(frame);
      reply = { id: task.id, frameLength: frame.length };
    } else {
      // A frame that shares the block's memory (codec none) is copied, so the transfer stays valid.
      const own = frame.buffer === task.block.buffer ? Buffer.from(frame) : frame;
      reply = { id: task.id, frame: own, block: task.block };
      transfer = [task.block, own].filter(ownsBuffer).map((view) => view.buffer as ArrayBuffer);
    }
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, transfer);
}

/** A view of a whole, transferable (not shared) buffer. */
function ownsBuffer(view: Uint8Array): boolean {
  return view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}
