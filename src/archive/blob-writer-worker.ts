// A blob writer thread of blob-writer.ts: one layer at a time, its messages in order. Its own entry point, so the
// bundle has it as dist/blob-writer-worker.js.
import { parentPort } from 'node:worker_threads';
import { BlobFile } from './blob-file.ts';
import type { WriterReply, WriterRequest } from './blob-writer.ts';

let file: BlobFile | null = null;
/** Set by the layer's first failure; the rest of its bytes are only handed back. */
let failed = false;

const reply = (message: WriterReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

function attempt(work: () => void): void {
  if (failed) return;
  try {
    work();
  } catch (err) {
    failed = true;
    file?.abandon();
    file = null;
    reply({ op: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

parentPort?.on('message', (request: WriterRequest) => {
  switch (request.op) {
    case 'open':
      failed = false;
      file = null;
      attempt(() => (file = new BlobFile(request.path)));
      return;
    case 'tar':
    case 'blob':
      attempt(() => (request.op === 'tar' ? file!.addTar(request.bytes) : file!.addBlob(request.bytes)));
      // The memory goes back for the next chunk when it was lent, rather than becoming garbage here.
      if (request.lent) reply({ op: 'done', bytes: request.bytes }, [request.bytes.buffer as ArrayBuffer]);
      else reply({ op: 'done', bytes: null });
      return;
    case 'close': {
      let sums = null;
      attempt(() => (sums = file!.close()));
      file = null;
      reply({ op: 'closed', sums });
      return;
    }
  }
});
