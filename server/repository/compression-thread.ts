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

parentPort?.on('message', (task: CompressTask) => {
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
});

/** A view of a whole, transferable (not shared) buffer. */
function ownsBuffer(view: Uint8Array): boolean {
  return view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}
