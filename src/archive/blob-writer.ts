// Hashing and writing a layer's blob off the main thread. At packing speed sha256 and the file writes cost as much
// as reading the store; on a thread of their own they overlap with packing, and the event loop stays free for
// `serve --build`'s requests. One thread per layer being written at once, kept for the next layer.
import { Worker } from 'node:worker_threads';
import { findWorkerScript } from '../worker-script.ts';
import { BlobFile, type BlobSums } from './blob-file.ts';
import { CHUNK_BYTES, isOwnedMemory, recycleChunk, WRITER_CHUNKS_IN_FLIGHT } from './chunk-pool.ts';

export type WriterRequest = { op: 'open'; path: string } | { op: 'tar' | 'blob'; bytes: Uint8Array; lent: boolean } | { op: 'close' };
export type WriterReply =
  | { op: 'done'; size: number; bytes: Uint8Array | null }
  | { op: 'error'; message: string }
  | { op: 'closed'; sums: BlobSums | null };

// Bytes handed to the thread and not yet written: enough to keep it busy while the next chunks are read.
const IN_FLIGHT_BYTES = WRITER_CHUNKS_IN_FLIGHT * CHUNK_BYTES;
// The compressed blocks a thread has written are garbage, and V8 collects sooner the smaller the heap's cap: at 16 MB
// a zstd layer's writer ran a full collection every few blocks (68 in one 1.7 GB run), at 32 MB half as many for the
// same peak memory; 64 MB cost 35 MB more.
const THREAD_LIMITS = { maxOldGenerationSizeMb: 32 };

const idle: Worker[] = [];
let script: URL | null | undefined;

/** Hashes and writes one layer's blob file; open one with openBlobWriter. */
export interface BlobWriter {
  /** Uncompressed tar bytes (hashed only). Owned memory (chunk-pool.ts) is taken over; other bytes are copied. */
  tar(bytes: Uint8Array): Promise<void> | undefined;
  /** Blob bytes (hashed and written), taken over like tar's. Returns a promise when it is time to wait. */
  blob(bytes: Uint8Array): Promise<void> | undefined;
  /** Waits for every byte to be written and closes the file. */
  close(): Promise<BlobSums>;
  /** Gives the layer up after a failure elsewhere (the caller removes the file). */
  abandon(): Promise<void>;
}

/** `onThread: false` does the work on the calling thread, as happens anyway when the thread script is missing. */
export function openBlobWriter(path: string, { onThread = true } = {}): BlobWriter {
  script ??= findWorkerScript('blob-writer-worker', import.meta.url);
  if (script === null || !onThread) return new LocalBlobWriter(path);
  return new ThreadBlobWriter(idle.pop() ?? startThread(script), path);
}

function startThread(url: URL): Worker {
  const worker = new Worker(url, { resourceLimits: THREAD_LIMITS });
  worker.unref(); // an idle thread never keeps the process alive
  return worker;
}

class ThreadBlobWriter implements BlobWriter {
  private inFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private whenClosed: ((sums: BlobSums | null) => void) | null = null;
  private finishing: Promise<BlobSums | null> | null = null;
  private readonly onMessage = (reply: WriterReply) => this.receive(reply);
  private readonly onLost = (error: Error) => this.lose(error);
  private readonly onExit = (code: number) => this.lose(new Error(`blob writer thread exited with code ${code}`));

  private readonly worker: Worker;

  constructor(worker: Worker, path: string) {
    this.worker = worker;
    worker.ref(); // bytes still to be written keep the process alive
    worker.on('message', this.onMessage);
    worker.on('error', this.onLost);
    worker.on('messageerror', this.onLost);
    worker.on('exit', this.onExit);
    this.post({ op: 'open', path });
  }

  tar(bytes: Uint8Array): Promise<void> | undefined {
    return this.send('tar', bytes);
  }

  blob(bytes: Uint8Array): Promise<void> | undefined {
    return this.send('blob', bytes);
  }

  async close(): Promise<BlobSums> {
    const sums = await this.finish();
    if (this.failure) throw this.failure;
    if (!sums) throw new Error('blob writer closed without sums');
    return sums;
  }

  async abandon(): Promise<void> {
    await this.finish().catch(() => {});
  }

  private send(op: 'tar' | 'blob', bytes: Uint8Array): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    const lent = isOwnedMemory(bytes);
    this.inFlight += bytes.length;
    this.post({ op, bytes, lent }, lent ? [bytes.buffer as ArrayBuffer] : []);
    if (this.inFlight < IN_FLIGHT_BYTES) return undefined;
    return new Promise<void>((resolve) => (this.wake = resolve)).then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** Closes the file once, however often it is asked (close after a failure, then abandon). */
  private finish(): Promise<BlobSums | null> {
    this.finishing ??= new Promise<BlobSums | null>((resolve) => {
      this.whenClosed = resolve;
      this.post({ op: 'close' });
    }).finally(() => this.release());
    return this.finishing;
  }

  private receive(reply: WriterReply): void {
    if (reply.op === 'done') {
      this.inFlight -= reply.size;
      if (reply.bytes) recycleChunk(reply.bytes.buffer);
      if (this.inFlight < IN_FLIGHT_BYTES / 2) this.resume();
    } else if (reply.op === 'error') {
      this.failure ??= new Error(reply.message);
      this.resume();
    } else {
      this.whenClosed?.(reply.sums);
    }
  }

  private lose(error: Error): void {
    this.failure ??= error;
    this.resume();
    this.whenClosed?.(null);
  }

  private resume(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private post(request: WriterRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  /** The thread goes back to the idle ones, unless it was lost. */
  private release(): void {
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onLost);
    this.worker.off('messageerror', this.onLost);
    this.worker.off('exit', this.onExit);
    this.worker.unref();
    if (this.worker.threadId >= 0) idle.push(this.worker);
  }
}

/** Without a thread script (an unusual packaging): the same work, on the calling thread. */
class LocalBlobWriter implements BlobWriter {
  private readonly file: BlobFile | Error;

  constructor(path: string) {
    // As on a thread, a file that cannot be opened fails the layer's next call, not the opening.
    try {
      this.file = BlobFile.open(path);
    } catch (err) {
      this.file = err as Error;
    }
  }

  tar(bytes: Uint8Array): undefined {
    this.opened().addTar(bytes);
  }

  blob(bytes: Uint8Array): undefined {
    this.opened().addBlob(bytes);
  }

  async close(): Promise<BlobSums> {
    return this.opened().close();
  }

  async abandon(): Promise<void> {
    if (this.file instanceof BlobFile) this.file.abandon();
  }

  private opened(): BlobFile {
    if (this.file instanceof Error) throw this.file;
    return this.file;
  }
}
