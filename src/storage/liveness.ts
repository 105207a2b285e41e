import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { StorageBackend } from './backend.ts';
import { SWEEPS_PREFIX, blobKey, sweepRecordKey } from './layout.ts';

// The bucket side of the protocol that keeps builds and `nixery gc` from losing data (docs/garbage-collection.md).
// A collector announces the blobs it is about to delete in a sweep record; a builder, before it makes blobs
// reachable (writes a tag or a referrer), touches them, reads the sweep records, then checks they still exist.
// Every step is one object-store operation with read-after-write consistency; the order is what makes it safe.

/** What a collector announces before it deletes anything. */
export interface SweepRecord {
  /** Random, names the record's object. */
  id: string;
  /** The collector issues no delete later than half of this after it began writing the record. */
  leaseMs: number;
  /** Digests the collector may delete while the record exists. */
  candidates: string[];
}

export interface ListedSweep extends SweepRecord {
  key: string;
  /** The record's modification time by the store's clock. */
  modified: number;
}

export function newSweepId(): string {
  return `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}

export async function writeSweepRecord(storage: StorageBackend, record: SweepRecord): Promise<void> {
  await storage.writeBytes(sweepRecordKey(record.id), Buffer.from(JSON.stringify(record)), { contentType: 'application/json' });
}

export async function removeSweepRecord(storage: StorageBackend, id: string): Promise<void> {
  await storage.delete(sweepRecordKey(id));
}

/**
 * Every sweep record in the bucket. One that does not parse (cut short on a store whose overwrites are not atomic,
 * or foreign) is read as condemning everything with the longest lease, so nobody relies on a blob it might name.
 */
export async function readSweepRecords(storage: StorageBackend): Promise<ListedSweep[]> {
  const records: ListedSweep[] = [];
  for (const object of await storage.listObjects(SWEEPS_PREFIX)) {
    const bytes = await storage.readBytes(object.key);
    if (!bytes) continue; // finished meanwhile
    records.push({ ...(parseSweepRecord(bytes) ?? UNREADABLE_RECORD), key: object.key, modified: object.modified });
  }
  return records;
}

/** Longest lease a collector may take; also what an unreadable record is given. */
export const MAX_LEASE_MS = 60 * 60 * 1000;
const UNREADABLE_RECORD: SweepRecord = { id: '?', leaseMs: MAX_LEASE_MS, candidates: ['*'] };

function parseSweepRecord(bytes: Buffer): SweepRecord | null {
  try {
    const record = JSON.parse(bytes.toString('utf8')) as Partial<SweepRecord>;
    if (typeof record.id !== 'string' || typeof record.leaseMs !== 'number' || !Array.isArray(record.candidates)) return null;
    if (!record.candidates.every((c) => typeof c === 'string')) return null;
    return { id: record.id, leaseMs: Math.min(record.leaseMs, MAX_LEASE_MS), candidates: record.candidates };
  } catch {
    return null;
  }
}

/** A blob this build relied on is gone: a concurrent `nixery gc` removed it. Nothing was tagged. */
export class CollectedBlobError extends Error {
  override name = 'CollectedBlobError';
  readonly digest: string;

  constructor(location: string, digest: string) {
    super(
      `blob ${digest}, which this build found in ${location} and reused, was removed by a concurrent "nixery gc" before ` +
        'the image was tagged; nothing was tagged, run the build again (it uploads the blob anew)',
    );
    this.digest = digest;
  }
}

export interface KeepAliveOptions {
  /** How often to look again while a running collector's record names one of the blobs. */
  pollMs?: number;
  /** Called once per wait, with the blocking record's id. */
  onWait?: (sweepId: string) => void;
}

// Existence checks and touches wait on the network, not on each other.
const PARALLEL = 16;

/**
 * The builder's step before it makes `digests` reachable: touch each blob, then read the sweep records, then check
 * each blob exists. When a record of a running collector names one of them, wait until that record is gone (or
 * its lease has run out since we first saw it) and start over. Throws CollectedBlobError when a blob is gone.
 */
export async function keepAlive(storage: StorageBackend, digests: string[], options: KeepAliveOptions = {}): Promise<void> {
  const wanted = new Set(digests);
  const limit = pLimit(PARALLEL);
  const firstSeen = new Map<string, number>();
  for (;;) {
    await Promise.all([...wanted].map((digest) => limit(() => storage.touch(blobKey(digest)))));
    const records = await readSweepRecords(storage);
    const present = await Promise.all(
      [...wanted].map((digest) => limit(async () => [digest, await storage.stat(blobKey(digest))] as const)),
    );
    const gone = present.find(([, info]) => info === null);
    if (gone) throw new CollectedBlobError(storage.location, gone[0]);
    const now = performance.now();
    const blocking = records.filter((record) => {
      if (!record.candidates.some((c) => c === '*' || wanted.has(c))) return false;
      const seen = firstSeen.get(record.key) ?? now;
      firstSeen.set(record.key, seen);
      return now - seen < record.leaseMs;
    });
    if (blocking.length === 0) return;
    options.onWait?.(blocking[0]!.id);
    await delay(options.pollMs ?? 500);
  }
}
