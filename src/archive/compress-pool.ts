// Threads that compress layer blocks (block-stream.ts) for every layer being compressed, so one big layer uses every
// core. One pool serves all layers: as many threads as cores, however many layers are packed at once.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { findWorkerScript } from '../worker-script.ts';
import { type BlockJob, compressBlockAsync } from './block-codec.ts';
import type { BlockCompressor } from './block-stream.ts';
import { ownMemory } from './chunk-pool.ts';

interface Waiter {
  resolve: (output: Buffer) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Waiter>;
}

type Reply = { id: number; output: Uint8Array; input: Uint8Array } | { id: number; error: string };

// A thread's heap stays tiny; a small old-generation limit makes V8 collect the buffers a thread lets go of soon,
// instead of letting tens of MB of them pile up in every thread before the first collection.
const THREAD_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };

export class CompressPool implements BlockCompressor {
  readonly threads: number;
  readonly inFlight: number;
  private readonly slots: (Thread | null)[];
  private readonly script: URL | null;
  private nextId = 0;
  private reserved = 0;
  private readonly waiting: (() => void)[] = [];
  /** Memory of compressed blocks, by size, for the next blocks: at most what can be in flight at once. */
  private readonly spare = new Map<number, Uint8Array[]>();

  constructor(threads: number = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`compression threads must be a whole number >= 1, not ${threads}`);
    this.threads = threads;
    // Two blocks per thread: a thread never waits for its next block while the main thread fills it.
    this.inFlight = 2 * threads;
    this.slots = Array.from({ length: threads }, () => null);
    this.script = findWorkerScript('compress-worker', import.meta.url);
  }

  reserve(): Promise<void> {
    if (this.reserved < this.inFlight) {
      this.reserved++;
      return Promise.resolve();
    }
    // The slot is handed over by release(), without ever being free for someone who came later.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  allocate(bytes: number): Uint8Array {
    return this.spare.get(bytes)?.pop() ?? new Uint8Array(bytes);
  }

  compress(job: BlockJob): Promise<Buffer> {
    const script = this.script;
    const run = async () => (script === null ? this.compressHere(job) : this.compressOnThread(job, script));
    return run().finally(() => this.release());
  }

  /** Stops the threads; blocks still being compressed fail. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((thread) => thread?.worker.terminate()));
  }

  private recycle(input: Uint8Array): void {
    const bytes = input.buffer.byteLength;
    const list = this.spare.get(bytes) ?? [];
    this.spare.set(bytes, list);
    if (list.length < this.inFlight) list.push(new Uint8Array(input.buffer));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.reserved--;
  }

  private compressOnThread(job: BlockJob, script: URL): Promise<Buffer> {
    const thread = this.leastBusy(script);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject });
      if (thread.jobs.size === 1) thread.worker.ref(); // a result being waited for keeps the process alive
      thread.worker.postMessage({ id, job }, [job.input.buffer as ArrayBuffer]);
    });
  }

  /** Without a thread script (an unusual packaging): the same bytes, compressed on libuv's threadpool instead. */
  private async compressHere(job: BlockJob): Promise<Buffer> {
    const output = await compressBlockAsync(job);
    this.recycle(job.input);
    return output;
  }

  private leastBusy(script: URL): Thread {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const thread = this.slots[i];
      if (!thread) {
        const started = this.start(script, i);
        this.slots[i] = started;
        return started;
      }
      if (best < 0 || thread.jobs.size < this.slots[best]!.jobs.size) best = i;
    }
    return this.slots[best]!;
  }

  private start(script: URL, slot: number): Thread {
    const worker = new Worker(script, { resourceLimits: THREAD_LIMITS });
    worker.unref(); // an idle pool never keeps the process alive
    const thread: Thread = { worker, jobs: new Map() };
    worker.on('message', (reply: Reply) => {
      const waiter = thread.jobs.get(reply.id);
      thread.jobs.delete(reply.id);
      if (thread.jobs.size === 0) worker.unref();
      if ('error' in reply) waiter?.reject(new Error(`layer compression failed: ${reply.error}`));
      else {
        this.recycle(reply.input);
        // A block's output comes in memory of its own (see compress-worker.ts): the blob writer may take it.
        ownMemory(reply.output.buffer);
        waiter?.resolve(Buffer.from(reply.output.buffer, reply.output.byteOffset, reply.output.byteLength));
      }
    });
    const lost = (error: Error): void => {
      if (this.slots[slot] === thread) this.slots[slot] = null;
      for (const waiter of thread.jobs.values()) waiter.reject(error);
      thread.jobs.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`layer compression thread exited with code ${code}`)));
    return thread;
  }
}

let shared: CompressPool | null = null;

/** The process's pool, one thread per core, started on first use. */
export function sharedCompressPool(): CompressPool {
  shared ??= new CompressPool();
  return shared;
}
