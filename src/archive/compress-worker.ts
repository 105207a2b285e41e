// A compression thread of compress-pool.ts: compresses one block per message. Its own entry point, so the bundle
// has it as dist/compress-worker.js.
import { parentPort } from 'node:worker_threads';
import { type BlockJob, compressBlockSync } from './block-codec.ts';

parentPort?.on('message', ({ id, job }: { id: number; job: BlockJob }) => {
  try {
    const compressed = compressBlockSync(job);
    // The input's memory goes back for reuse, and the output moves in memory of its own (zlib's output may be a slice
    // of a bigger buffer: copied to its exact size, which costs less than sending the whole buffer along).
    const output =
      compressed.byteOffset === 0 && compressed.byteLength === compressed.buffer.byteLength ? compressed : new Uint8Array(compressed);
    parentPort?.postMessage({ id, output, input: job.input }, [job.input.buffer as ArrayBuffer, output.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
