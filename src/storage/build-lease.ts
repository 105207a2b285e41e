import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { StorageBackend } from './backend.ts';
import { LEASES_PREFIX, leaseKey, leasesPrefix } from './layout.ts';

// One build per name:tag across replicas that share a bucket (docs/scale-out.md, "Lease protocol"). A replica that
// wants to build writes its own claim object under the name's lease prefix, then lists the prefix: alone there, it
// holds the lease; otherwise it deletes its claim and waits. The holder rewrites its claim while it builds (each
// write changes the bytes), and stops building once a whole lease has passed since the start of its last renewal
// that completed. A waiter that sees the same bytes for longer than the lease plus a margin, by its own monotonic
// clock, deletes that claim and competes again. Only writes of one's own key, deletes and listings are used:
// every backend has them, and the emulators the tests run against honour them (they ignore preconditions).

/** What waiting replicas report when the holder's build failed: the holder's client-facing error. */
export interface LeaseFailure {
  status: number;
  code: string;
  message: string;
  detail?: unknown;
}

/** The bytes of one claim. Times are the holder's clock, for people only; the protocol never compares them. */
export interface LeaseRecord {
  /** The replica: host, pid and a random part (replicaId). */
  holder: string;
  image: string;
  tag: string;
  /** The holder's promise: it stops building this long after its last renewal began, unless a newer one completed. */
  durationMs: number;
  /** Bumped by every renewal, so each one changes the bytes that waiters watch. */
  renewals: number;
  state: 'building' | 'failed';
  since: string;
  renewedAt: string;
  /** Set with state "failed", for the replicas that were waiting on this build. */
  failure?: LeaseFailure;
}

/** A claim found in the bucket; record is null when its bytes do not parse (a write caught half-way, or foreign). */
export interface ListedLease {
  key: string;
  record: LeaseRecord | null;
}

interface ReadLease extends ListedLease {
  /** The bytes as read: what a waiter watches for change. */
  bytes: string;
}

/** A waiting replica's share of the holder's failure. */
export class SharedBuildFailure extends Error {
  override name = 'SharedBuildFailure';
  readonly failure: LeaseFailure;
  readonly holder: string;

  constructor(failure: LeaseFailure, holder: string) {
    super(`the build on replica ${holder} failed: ${failure.message}`);
    this.failure = failure;
    this.holder = holder;
  }
}

/** Another replica still held the lease when this replica stopped waiting for it. */
export class LeaseWaitExpired extends Error {
  override name = 'LeaseWaitExpired';
  readonly holder: string;

  constructor(image: string, tag: string, holder: string, waitedMs: number) {
    super(`${image}:${tag} is still being built by replica ${holder} after ${Math.round(waitedMs / 1000)}s of waiting`);
    this.holder = holder;
  }
}

export const DEFAULT_LEASE_MS = 30_000;
/**
 * A waiter takes a claim over only after seeing it unchanged for the lease plus this share of it: room for the
 * holder's timer firing late, its Nix processes' kill grace and the two machines' clock rates differing.
 */
export const TAKEOVER_MARGIN = 0.25;
/** Renewals per lease: two may fail or be slow before the holder gives up. */
const RENEWALS_PER_LEASE = 3;
const FIRST_POLL_MS = 200;

/** What an unreadable claim is given: the longest lease the settings allow. */
const UNREADABLE_LEASE_MS = 60 * 60 * 1000;

/**
 * Whether `nixery gc` may remove a claim: nothing has written it for two of its leases by the store's clock (its
 * modification time against the collector's start, both the store's). Its holder stopped building a lease after the
 * start of its last renewal that completed, and a claim's key is never written by another claim, so removing it
 * only frees the name for the waiters.
 */
export function isStaleLease(modified: number, storeNow: number, record: LeaseRecord | null): boolean {
  return modified < storeNow - 2 * (record ? record.durationMs : UNREADABLE_LEASE_MS);
}

/** `host-pid-random`, printable and usable in a key: which process of which machine holds a lease. */
export function replicaId(hostname: string = os.hostname(), pid: number = process.pid): string {
  const host =
    hostname
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 63) || 'host';
  return `${host}-${pid}-${randomBytes(3).toString('hex')}`;
}

export type LeaseEvent = (msg: string, fields: Record<string, unknown>) => void;

export interface BuildLeaseOptions {
  /** This replica's id (replicaId()). */
  holder: string;
  durationMs?: number;
  onEvent?: LeaseEvent;
}

export interface CoordinateOptions<T> {
  image: string;
  tag: string;
  /** The result when the image is in the bucket already (another replica, or an earlier build, tagged it), else null. */
  done(): Promise<T | null>;
  /** The build itself, run while holding the lease; signal aborts when the lease is lost. */
  build(signal: AbortSignal): Promise<T>;
  /** What replicas waiting on this build report when it fails; null shares nothing (they take over instead). */
  shareFailure(error: unknown): LeaseFailure | null;
  /** How long to wait for another replica's build before giving up with LeaseWaitExpired. */
  waitMs: number;
  /** Stops waiting (the registry shuts down); the reason is thrown. */
  signal?: AbortSignal;
}

interface Observation {
  bytes: string;
  /** performance.now() when a read that returned these bytes had completed. */
  since: number;
}

export class BuildLeases {
  readonly holder: string;
  readonly durationMs: number;
  private readonly storage: StorageBackend;
  private readonly onEvent: LeaseEvent;
  private readonly pollCapMs: number;

  constructor(storage: StorageBackend, options: BuildLeaseOptions) {
    this.storage = storage;
    this.holder = options.holder;
    this.durationMs = options.durationMs ?? DEFAULT_LEASE_MS;
    if (!(this.durationMs >= 100)) throw new Error(`lease duration ${this.durationMs}ms is too short`);
    this.onEvent = options.onEvent ?? (() => {});
    // Waiters look often enough to notice a finished build quickly, and a dead holder within a fraction of a lease.
    this.pollCapMs = Math.min(1_000, Math.max(FIRST_POLL_MS, this.durationMs / 8));
  }

  /**
   * Makes sure image:tag gets built once across the replicas sharing this bucket: returns `done()`'s answer as soon
   * as it has one, runs `build` when this replica holds the lease, and otherwise waits for the holder.
   */
  async coordinate<T>(options: CoordinateOptions<T>): Promise<T> {
    const { image, tag } = options;
    const started = performance.now();
    const watched = new Map<string, Observation>();
    /** Claims seen building while we waited: their failure is ours to report. */
    const waitedOn = new Set<string>();
    let pause = FIRST_POLL_MS;
    let announced = '';
    for (;;) {
      const finished = await options.done();
      if (finished !== null) return finished;
      if (options.signal?.aborted) throw options.signal.reason;

      const readAt = performance.now();
      const leases = await this.read(image, tag);
      const failed = leases.find((lease) => lease.record?.state === 'failed' && waitedOn.has(lease.key));
      if (failed?.record?.failure) throw new SharedBuildFailure(failed.record.failure, failed.record.holder);

      const live: ReadLease[] = [];
      const stale: ReadLease[] = [];
      const present = new Set<string>();
      for (const lease of leases) {
        if (lease.record?.state === 'failed') continue; // a finished build, kept a moment for its waiters
        present.add(lease.key);
        const seen = watched.get(lease.key);
        if (!seen || seen.bytes !== lease.bytes) {
          watched.set(lease.key, { bytes: lease.bytes, since: performance.now() });
          live.push(lease);
        } else if (readAt - seen.since > this.takeoverAfter(lease.record)) {
          stale.push(lease);
        } else {
          live.push(lease);
        }
      }
      for (const key of watched.keys()) if (!present.has(key)) watched.delete(key);

      if (live.length === 0) {
        for (const lease of stale) {
          // The holder stopped building before this point (see the protocol); its claim only blocks the others.
          await this.storage.delete(lease.key);
          watched.delete(lease.key);
          this.onEvent('lease taken over', { image, tag, holder: this.holder, staleHolder: lease.record?.holder ?? lease.key });
        }
        const held = await this.claim(image, tag);
        if (held) {
          const outcome = await this.hold(held, options);
          if (outcome.built) return outcome.value;
          pause = FIRST_POLL_MS;
          continue;
        }
      } else {
        for (const lease of live) waitedOn.add(lease.key);
        const holder = live[0]!.record?.holder ?? live[0]!.key;
        if (announced !== holder) {
          announced = holder;
          this.onEvent('waiting for lease', { image, tag, holder: this.holder, leaseHolder: holder });
        }
      }

      const waited = performance.now() - started;
      if (waited > options.waitMs) throw new LeaseWaitExpired(image, tag, announced || 'unknown', waited);
      // Full jitter: replicas that collided on a claim come back at different times.
      await delay(Math.random() * pause + FIRST_POLL_MS / 2, undefined, options.signal ? { signal: options.signal } : {});
      pause = Math.min(pause * 1.5, this.pollCapMs);
    }
  }

  /** Every claim in the bucket, for the page and for gc. */
  async listAll(): Promise<ListedLease[]> {
    return (await this.readUnder(LEASES_PREFIX)).map(({ key, record }) => ({ key, record }));
  }

  private takeoverAfter(record: LeaseRecord | null): number {
    // An unreadable claim is judged by our own lease; it changes when its holder renews, which resets the clock.
    const duration = record ? record.durationMs : this.durationMs;
    return duration * (1 + TAKEOVER_MARGIN);
  }

  private read(image: string, tag: string): Promise<ReadLease[]> {
    return this.readUnder(leasesPrefix(image, tag));
  }

  private async readUnder(prefix: string): Promise<ReadLease[]> {
    const leases: ReadLease[] = [];
    for (const key of await this.storage.list(prefix)) {
      let bytes: Buffer | null;
      try {
        bytes = await this.storage.readBytes(key);
      } catch {
        // Listed, then unreadable: most often its holder deleted it in between, and an object store may abort such a
        // read rather than answer 404. It counts as a claim we can't read (nobody claims on a guess); one that stays
        // unreadable is judged like a claim whose holder went silent.
        leases.push({ key, record: null, bytes: '' });
        continue;
      }
      if (bytes) leases.push({ key, record: parseLeaseRecord(bytes), bytes: bytes.toString('latin1') });
    }
    return leases;
  }

  /** Writes our claim, then looks: alone, we hold the lease; with anyone else building, we take ours back. */
  private async claim(image: string, tag: string): Promise<HeldLease | null> {
    // A fresh key per claim: a key is only ever written by one claim, so deleting a stale one can never hit a newer claim.
    const key = leaseKey(image, tag, `${this.holder}-${randomBytes(3).toString('hex')}`);
    const now = new Date().toISOString();
    const record: LeaseRecord = {
      holder: this.holder,
      image,
      tag,
      durationMs: this.durationMs,
      renewals: 0,
      state: 'building',
      since: now,
      renewedAt: now,
    };
    const started = performance.now();
    await writeRecord(this.storage, key, record);
    const others = (await this.read(image, tag)).filter((lease) => lease.key !== key && lease.record?.state !== 'failed');
    if (others.length > 0) {
      await this.storage.delete(key);
      return null;
    }
    return new HeldLease(this.storage, key, record, started, this.onEvent);
  }

  /** Runs the build under the lease; `built: false` when the lease was lost and the caller should wait again. */
  private async hold<T>(lease: HeldLease, options: CoordinateOptions<T>): Promise<{ built: true; value: T } | { built: false }> {
    const fields = { image: options.image, tag: options.tag, holder: this.holder };
    let shared = false;
    try {
      // The holder before us may have tagged the image and let go between our look and our claim.
      const finished = await options.done();
      if (finished !== null) return { built: true, value: finished };
      this.onEvent('lease taken', { ...fields, durationMs: this.durationMs });
      const value = await options.build(lease.lost.signal);
      return { built: true, value };
    } catch (error) {
      if (lease.lost.signal.aborted) {
        this.onEvent('lease lost', { ...fields, reason: String(lease.lost.signal.reason?.message ?? lease.lost.signal.reason) });
        return { built: false };
      }
      const failure = options.shareFailure(error);
      if (failure) shared = await lease.publishFailure(failure, this.lingerMs());
      throw error;
    } finally {
      lease.stopRenewing();
      if (!shared) await lease.release();
      if (!lease.lost.signal.aborted) this.onEvent('lease released', fields);
    }
  }

  /** A failure stays long enough for every waiter's next look, then goes. */
  private lingerMs(): number {
    return this.pollCapMs * 3;
  }
}

/**
 * A lease this replica holds: renewed every third of its duration; lost (its signal aborts) once a whole duration
 * has passed since the start of the last renewal that completed.
 */
class HeldLease {
  readonly lost = new AbortController();
  private readonly storage: StorageBackend;
  private readonly key: string;
  private readonly record: LeaseRecord;
  private readonly onEvent: LeaseEvent;
  private deadline: number;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The renewal write in flight, so release and failure writes come after it. */
  private writing: Promise<void> = Promise.resolve();

  constructor(storage: StorageBackend, key: string, record: LeaseRecord, claimStarted: number, onEvent: LeaseEvent) {
    this.storage = storage;
    this.key = key;
    this.record = { ...record };
    this.onEvent = onEvent;
    this.deadline = claimStarted + record.durationMs;
    this.armDeadline();
    this.scheduleRenewal(record.durationMs / RENEWALS_PER_LEASE);
  }

  stopRenewing(): void {
    this.stopped = true;
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.renewTimer);
  }

  /** Removes the claim (success, or a failure nobody needs to hear about). A failed delete leaves it to go stale. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.writing;
    await this.storage.delete(this.key).catch((error: unknown) => {
      this.onEvent('lease not removed', { key: this.key, error: String(error) });
    });
  }

  /** Turns the claim into the failure waiting replicas report, and removes it after lingerMs. */
  async publishFailure(failure: LeaseFailure, lingerMs: number): Promise<boolean> {
    this.stopRenewing();
    await this.writing;
    const record: LeaseRecord = { ...this.record, state: 'failed', failure, renewedAt: new Date().toISOString() };
    try {
      await writeRecord(this.storage, this.key, record);
    } catch {
      return false;
    }
    setTimeout(() => void this.release(), lingerMs).unref();
    return true;
  }

  private armDeadline(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => this.checkDeadline(), Math.max(0, this.deadline - performance.now()));
  }

  private checkDeadline(): void {
    if (this.stopped || this.lost.signal.aborted) return;
    if (performance.now() >= this.deadline) {
      this.lost.abort(new Error(`no renewal of the lease completed within ${this.record.durationMs / 1000}s`));
      this.stopRenewing();
    } else {
      this.armDeadline();
    }
  }

  private scheduleRenewal(afterMs: number): void {
    this.renewTimer = setTimeout(() => {
      this.writing = this.renew();
    }, afterMs);
  }

  private async renew(): Promise<void> {
    if (this.stopped) return;
    const started = performance.now();
    this.record.renewals++;
    this.record.renewedAt = new Date().toISOString();
    try {
      await writeRecord(this.storage, this.key, this.record);
    } catch (error) {
      // Try again soon; the deadline decides when it is too late.
      this.onEvent('lease renewal failed', { key: this.key, holder: this.record.holder, error: String(error) });
      if (!this.stopped) this.scheduleRenewal(this.record.durationMs / (RENEWALS_PER_LEASE * 3));
      return;
    }
    if (this.stopped) return;
    // A renewal that completes after the deadline counts for nothing: a waiter may already have taken over.
    if (performance.now() >= this.deadline) {
      this.checkDeadline();
      return;
    }
    this.deadline = started + this.record.durationMs;
    this.armDeadline();
    this.scheduleRenewal(this.record.durationMs / RENEWALS_PER_LEASE);
  }
}

function writeRecord(storage: StorageBackend, key: string, record: LeaseRecord): Promise<void> {
  return storage.writeBytes(key, Buffer.from(JSON.stringify(record)), { contentType: 'application/json' });
}

/** A claim's record, or null when the bytes are not one. */
export function parseLeaseRecord(bytes: Buffer): LeaseRecord | null {
  try {
    const record = JSON.parse(bytes.toString('utf8')) as Partial<LeaseRecord>;
    if (typeof record.holder !== 'string' || typeof record.image !== 'string' || typeof record.tag !== 'string') return null;
    if (typeof record.durationMs !== 'number' || !(record.durationMs > 0) || typeof record.renewals !== 'number') return null;
    if (record.state !== 'building' && record.state !== 'failed') return null;
    return record as LeaseRecord;
  } catch {
    return null;
  }
}
