// A blob writer thread of blob-writer.ts: one layer at a time, its messages in order. Its own entry point, so the
// bundle has it as dist/blob-writer-worker.js.
import { parentPort } from 'node:worker_threads';
import { BlobFile } from './blob-file.ts';
import { CHUNK_BYTES } from './chunk-pool.ts';
import type { WriterReply, WriterRequest } from './blob-writer.ts';

let file: BlobFile | null = null;
/** Set by the layer's first failure; the rest of its bytes are only handed back. */
let failed = false;

const reply = (message: WriterReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

function fail(err: unknown): void {
  if (failed) return;
  failed = true;
  reply({ op: 'error', message: err instanceof Error ? err.message : String(err) });
}

/** Tells the main thread the bytes are done with, handing a lent chunk back for the next one. */
function done(request: { bytes: Uint8Array; lent: boolean }): void {
  if (request.lent && request.bytes.buffer.byteLength === CHUNK_BYTES)
    reply({ op: 'done', size: request.bytes.length, bytes: request.bytes }, [request.bytes.buffer as ArrayBuffer]);
  else reply({ op: 'done', size: request.bytes.length, bytes: null });
}

/** Requests are handled one at a time, in order, each to its end (the work is synchronous). */
function handle(request: WriterRequest): void {
  switch (request.op) {
    case 'open':
      failed = false;
      file = BlobFile.open(request.path);
      return;
    case 'tar':
      if (!failed) file!.addTar(request.bytes);
      done(request);
      return;
    case 'blob':
      if (!failed) {
        try {
          file!.addBlob(request.bytes);
        } catch (err) {
          fail(err);
        }
      }
      done(request);
      return;
    case 'close': {
      const closing = file;
      file = null;
      let sums = null;
      try {
        if (failed) closing?.abandon();
        else sums = closing!.close();
      } catch (err) {
        fail(err);
      }
      reply({ op: 'closed', sums });
      return;
    }
  }
}

// A message that could not be read here (no memory for it) would otherwise vanish, and the layer wait forever.
parentPort?.on('messageerror', (err) => fail(err));
parentPort?.on('message', (request: WriterRequest) => {
  try {
    handle(request);
  } catch (err) {
    fail(err);
  }
});
