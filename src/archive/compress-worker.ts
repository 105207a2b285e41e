// A compression thread of compress-pool.ts: compresses one block per message. Its own entry point, so the bundle
// has it as dist/compress-worker.js.
import { parentPort } from 'node:worker_threads';
import { type BlockJob, compressBlockSync } from './block-codec.ts';

parentPort?.on('message', ({ id, job }: { id: number; job: BlockJob }) => {
  try {
    const output = compressBlockSync(job);
    // The input's memory goes back for reuse, and so does the output when it owns its memory (a slice of a shared
    // pool is copied instead): what moves to the main thread is not left here as garbage waiting for a collection.
    const transfer = [job.input.buffer as ArrayBuffer];
    if (output.byteOffset === 0 && output.byteLength === output.buffer.byteLength) transfer.push(output.buffer as ArrayBuffer);
    parentPort?.postMessage({ id, output, input: job.input }, transfer);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
