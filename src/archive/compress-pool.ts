// Threads that compress layer blocks (block-stream.ts) for every layer being compressed, so one big layer uses every
// core. One pool serves all layers: as many threads as cores, however many layers are packed at once.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { findWorkerScript } from '../worker-script.ts';
import { BLOCK_BYTES, type BlockCompression, type BlockJob, compressBlockAsync, DICTIONARY_BYTES } from './block-codec.ts';
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
const THREAD_LIMITS = { maxOldGenerationSizeMb: 32 };

// Blocks in flight per thread, in units of a gzip block (288 KiB with its dictionary), a zstd block (2 MiB) counting
// as 3: eight gzip blocks per thread, or five zstd blocks on two threads, keep a thread from waiting on the main
// thread when that is held up for a moment (a busy machine; two 4 MiB blocks per thread once left them idle a third
// of the time there). More zstd blocks cost memory and no time on an idle machine (peak RSS 241-252 MB with eight
// 2 MiB blocks on two threads, 223-236 MB with five, the same seconds).
const UNITS_PER_THREAD = 8;
const BLOCK_UNITS: Record<BlockCompression, number> = { gzip: 1, zstd: 3 };

export class CompressPool implements BlockCompressor {
  readonly threads: number;
  private readonly capacity: number;
  private readonly slots: (Thread | null)[];
  private readonly script: URL | null;
  private nextId = 0;
  private reserved = 0;
  private readonly waiting: { units: number; resolve: () => void }[] = [];
  /** Memory of compressed blocks, by size, for the next blocks: at most what can be in flight at once. */
  private readonly spare = new Map<number, Uint8Array[]>();

  constructor(threads: number = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`compression threads must be a whole number >= 1, not ${threads}`);
    this.threads = threads;
    this.capacity = UNITS_PER_THREAD * threads;
    this.slots = Array.from({ length: threads }, () => null);
    this.script = findWorkerScript('compress-worker', import.meta.url);
  }

  inFlight(compression: BlockCompression): number {
    return Math.floor(this.capacity / BLOCK_UNITS[compression]);
  }

  reserve(compression: BlockCompression): Promise<void> {
    const units = BLOCK_UNITS[compression];
    if (this.waiting.length === 0 && this.reserved + units <= this.capacity) {
      this.reserved += units;
      return Promise.resolve();
    }
    // Room is handed over by release() in order of arrival, never to someone who came later.
    return new Promise((resolve) => this.waiting.push({ units, resolve }));
  }

  allocate(bytes: number): Uint8Array {
    return this.spare.get(bytes)?.pop() ?? new Uint8Array(bytes);
  }

  compress(job: BlockJob): Promise<Buffer> {
    const script = this.script;
    const run = async () => (script === null ? this.compressHere(job) : this.compressOnThread(job, script));
    return run().finally(() => this.release(BLOCK_UNITS[job.compression]));
  }

  /** Stops the threads; blocks still being compressed fail. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((thread) => thread?.worker.terminate()));
  }

  private recycle(input: Uint8Array): void {
    const bytes = input.buffer.byteLength;
    const list = this.spare.get(bytes) ?? [];
    this.spare.set(bytes, list);
    if (list.length < this.spareLimit(bytes)) list.push(new Uint8Array(input.buffer));
  }

  /** No more spare blocks of a size than can be in flight at once. */
  private spareLimit(memoryBytes: number): number {
    for (const compression of ['gzip', 'zstd'] as const) {
      if (memoryBytes === BLOCK_BYTES[compression] + DICTIONARY_BYTES[compression]) return this.inFlight(compression);
    }
    return 0;
  }

  private release(units: number): void {
    this.reserved -= units;
    while (this.waiting.length > 0 && this.reserved + this.waiting[0]!.units <= this.capacity) {
      const next = this.waiting.shift()!;
      this.reserved += next.units;
      next.resolve();
    }
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

  /** Without a thread script (an unusual packaging): the same bytes, compressed without a thread of ours. */
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
