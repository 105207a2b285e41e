import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcryptjs';
import { findWorkerScript } from '../worker-script.ts';

// bcrypt checks off the event loop. One check at cost 10 is ~100-160 ms of pure CPU; run on the main thread, a
// few dozen wrong passwords stall every other request (health checks and token pulls included) for seconds.
// A few worker threads run bcryptjs instead; the main thread only queues checks and reads the answers.
// The queue is bounded: past it, verify() fails at once with VerifyQueueFull (the server answers 429).

export interface BcryptPoolOptions {
  /** Worker threads; default: one per core but one, 1 to 4. */
  threads?: number;
  /** Checks waiting for a free thread; more are refused with VerifyQueueFull. */
  maxQueued?: number;
}

export const DEFAULT_MAX_QUEUED_VERIFICATIONS = 16;

export class VerifyQueueFull extends Error {
  override name = 'VerifyQueueFull';
}

interface Job {
  password: string;
  hash: string;
  resolve: (ok: boolean) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
}

export class BcryptPool {
  private readonly slots: Slot[];
  private readonly maxQueued: number;
  private readonly queue: Job[] = [];
  private readonly workerScript: URL | null;
  private closed = false;

  constructor(options: BcryptPoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.slots = Array.from({ length: Math.max(1, threads) }, () => ({ worker: null, job: null }));
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED_VERIFICATIONS;
    this.workerScript = findWorkerScript('bcrypt-worker', import.meta.url);
  }

  /** Checks waiting plus checks running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((slot) => slot.job).length;
  }

  /** Whether `password` matches the bcrypt `hash`; rejects with VerifyQueueFull when too many checks wait. */
  verify(password: string, hash: string): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('the password checker is shut down'));
    const idle = this.slots.some((slot) => !slot.job);
    if (!idle && this.queue.length >= this.maxQueued) return Promise.reject(new VerifyQueueFull('too many password checks waiting'));
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ password, hash, resolve, reject });
      this.pump();
    });
  }

  /** Stops the threads; waiting checks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the password checker is shut down'));
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      if (this.workerScript === null) {
        // No thread script on disk (an unusual packaging): check here, still one at a time per slot (bcryptjs's async
        // compare yields between rounds, so the loop is slowed, not stopped).
        bcrypt.compare(job.password, job.hash).then(
          (ok) => this.finish(slot, ok),
          () => this.finish(slot, false),
        );
        continue;
      }
      this.workerFor(slot, this.workerScript).postMessage({ password: job.password, hash: job.hash });
    }
  }

  private workerFor(slot: Slot, script: URL): Worker {
    if (slot.worker) return slot.worker;
    const worker = new Worker(script);
    worker.unref(); // an idle pool never keeps the process alive
    worker.on('message', (ok: boolean) => this.finish(slot, ok === true));
    const lost = (error: Error): void => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const job = slot.job;
      slot.job = null;
      job?.reject(error);
      if (!this.closed) this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`password check thread exited with code ${code}`)));
    slot.worker = worker;
    return worker;
  }

  private finish(slot: Slot, ok: boolean): void {
    const job = slot.job;
    slot.job = null;
    job?.resolve(ok);
    if (!this.closed) this.pump();
  }
}
