import { parentPort } from 'node:worker_threads';
import { compressBlock, type Codec } from './codecs';

// One thread of the compression pool: compresses a block synchronously and hands the frame
// back with the block itself, for the next block to reuse, transferring both buffers so no byte
// is copied between threads.

export type CompressTask = { id: number; codec: Codec; level: number | undefined; block: Uint8Array };
export type CompressReply = { id: number; frame: Uint8Array; block: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (task: CompressTask) => {
  let reply: CompressReply;
  try {
    const frame = compressBlock(task.codec, task.block, task.level);
    // A frame that shares the block's memory (codec none) is copied, so the transfer stays valid.
    reply = { id: task.id, frame: frame.buffer === task.block.buffer ? Buffer.from(frame) : frame, block: task.block };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  const transfer = 'frame' in reply ? [reply.block.buffer as ArrayBuffer, ...(ownsBuffer(reply.frame) ? [reply.frame.buffer as ArrayBuffer] : [])] : [];
  parentPort?.postMessage(reply, transfer);
});

function ownsBuffer(view: Uint8Array): boolean {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}
