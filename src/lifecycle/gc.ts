import pLimit from 'p-limit';
import type { ListedObject, StorageBackend } from '../storage/backend.ts';
import { ImageStore } from '../storage/image-store.ts';
import { isStaleLease, parseLeaseRecord } from '../storage/build-lease.ts';
import {
  BLOBS_PREFIX,
  LAYER_CACHE_PREFIX,
  LEASES_PREFIX,
  MANIFEST_CACHE_PREFIX,
  REFERRERS_PREFIX,
  TAGS_PREFIX,
  blobKey,
  parseBlobKey,
  parseReferrerKey,
  sweepRecordKey,
} from '../storage/layout.ts';
import { newSweepId, readSweepRecords, removeSweepRecord, writeSweepRecord } from '../storage/liveness.ts';
import { markLive } from './reachability.ts';
import { expiredTags } from './retention.ts';
import type { RetentionRules } from './retention.ts';

// `nixery gc`: mark from the tags, then sweep what is unreachable and older than the grace period, under the
// protocol of docs/garbage-collection.md: announce the candidates in a sweep record, mark again, look at the
// candidates' times again, delete only those still unreachable and still old, before the lease runs out.

export interface GcOptions {
  /** Unreachable blobs and cache entries are kept until their last write or touch is this old. */
  graceMs: number;
  /** The collector's promise to builders: no delete later than half of this after the sweep record is written. */
  leaseMs?: number;
  /** Report what would be removed; write and delete nothing. */
  dryRun?: boolean;
  /** Deletes in flight at once. */
  parallelism?: number;
  onWarning?: (message: string) => void;
  /** Tags to drop before marking (retention.ts). */
  retention?: RetentionRules;
}

export const DEFAULT_LEASE_MS = 10 * 60 * 1000;
/** Below this, the store's second-resolution times (S3) and a build's last steps could outlast the grace period. */
export const MIN_GRACE_MS = 2000;

export interface Tally {
  objects: number;
  bytes: number;
}

export interface GcReport {
  location: string;
  dryRun: boolean;
  tags: number;
  /** Blobs reached from the tags. */
  live: Tally;
  /** Unreachable blobs younger than the grace period: kept this time. */
  young: Tally;
  /** Blobs removed (or, with dryRun, that would be). */
  blobs: Tally;
  /** Layer and manifest cache entries that pointed at no live blob, removed. */
  cacheEntries: Tally;
  /** Referrers records (an SBOM's entry under its image) whose artifact or subject is gone, removed. */
  referrerRecords: Tally;
  /** Sweep records of collectors that died, removed. */
  staleRecords: number;
  /** Build leases of `serve --build` replicas that died, removed (live ones are never touched). */
  staleLeases: number;
  /** Candidates spared by the second look: a build reused or tagged them meanwhile. */
  spared: number;
  /** Tags the retention rules removed (or, with dryRun, would remove), as `name:tag`. */
  untagged: string[];
  /** Set when the lease ran out before every candidate was deleted (the rest waits for the next run). */
  stoppedEarly?: string;
  seconds: number;
}

export async function collectGarbage(storage: StorageBackend, options: GcOptions): Promise<GcReport> {
  const started = performance.now();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const dryRun = options.dryRun ?? false;
  const store = new ImageStore(storage, options.onWarning ? { onWarning: options.onWarning } : {});
  const limit = pLimit(options.parallelism ?? 16);

  // The start time, by the store's clock: the modification time of our own (empty) sweep record.
  const id = newSweepId();
  let now = Date.now();
  if (!dryRun) {
    await writeSweepRecord(storage, { id, leaseMs, candidates: [] });
    now = (await storage.listObjects(sweepRecordKey(id)))[0]?.modified ?? now;
  }
  const cutoff = now - options.graceMs;
  try {
    const listing = await storage.listObjects('');
    const blobs = blobSizes(listing);
    const expired = options.retention
      ? expiredTags(
          listing.filter((o) => o.key.startsWith(TAGS_PREFIX)),
          options.retention,
          now,
        )
      : [];
    const untagged = expired.map((t) => `${t.name}:${t.tag}`);
    if (!dryRun) {
      const byName = new Map<string, string[]>();
      for (const t of expired) byName.set(t.name, [...(byName.get(t.name) ?? []), t.tag]);
      for (const [name, tags] of byName) await store.untag(name, tags);
    }
    const first = await markLive(store, blobs, new Map(), dryRun ? new Set(untagged) : new Set());
    for (const message of first.unreadableTags) store.onWarning(message);

    const young: Tally = { objects: 0, bytes: 0 };
    const live: Tally = { objects: 0, bytes: 0 };
    let candidates: ListedObject[] = [];
    for (const object of listing) {
      const digest = parseBlobKey(object.key);
      if (!digest) continue;
      if (first.live.has(digest)) add(live, object);
      else if (object.modified >= cutoff) add(young, object);
      else candidates.push(object);
    }

    let spared = 0;
    // Builders wait on a record only once it names their blobs, so the lease runs from the announcement.
    const leaseStart = performance.now();
    if (!dryRun && candidates.length) {
      // Announce, then look again: a build that touched a candidate before this point is seen below; one that
      // touches it after reads this record before it tags anything, and waits.
      await writeSweepRecord(storage, { id, leaseMs, candidates: candidates.map((c) => parseBlobKey(c.key)!) });
      const again = await storage.listObjects(BLOBS_PREFIX);
      const second = await markLive(store, blobSizes(again), first.read);
      const times = new Map(again.map((o) => [o.key, o.modified]));
      const still = candidates.filter((c) => {
        const modified = times.get(c.key);
        return modified !== undefined && modified < cutoff && !second.live.has(parseBlobKey(c.key)!);
      });
      spared = candidates.length - still.length;
      candidates = still;
    }

    const blobsRemoved: Tally = { objects: 0, bytes: 0 };
    let stoppedEarly: string | undefined;
    const deadline = leaseStart + leaseMs / 2;
    await Promise.all(
      candidates.map((object) =>
        limit(async () => {
          if (stoppedEarly) return;
          if (performance.now() >= deadline) {
            stoppedEarly = `the lease of ${Math.round(leaseMs / 1000)}s ran out; run gc again for the rest`;
            return;
          }
          if (!dryRun) await storage.delete(object.key);
          add(blobsRemoved, object);
        }),
      ),
    );

    // Cache entries are advisory: one that points at no blob kept by this sweep goes once it is past the grace period.
    const removedKeys = new Set(candidates.map((c) => c.key));
    const kept = (digest: unknown) => typeof digest === 'string' && blobs.has(digest) && !removedKeys.has(blobKeySafe(digest));
    // Removes each of `objects` that `keep` spares not, `parallelism` at a time, and tallies what went.
    const removeAll = async (objects: ListedObject[], keep: (object: ListedObject) => Promise<boolean> | boolean) => {
      const removed: Tally = { objects: 0, bytes: 0 };
      await Promise.all(
        objects.map((object) =>
          limit(async () => {
            if (await keep(object)) return;
            if (!dryRun) await storage.delete(object.key);
            add(removed, object);
          }),
        ),
      );
      return removed;
    };
    const cacheEntries = await removeAll(
      listing.filter((o) => (o.key.startsWith(LAYER_CACHE_PREFIX) || o.key.startsWith(MANIFEST_CACHE_PREFIX)) && o.modified < cutoff),
      async (entry) => kept(await cacheTarget(storage, entry.key)),
    );

    // A referrers record whose artifact or subject this sweep removed would list a manifest the registry can no
    // longer serve; one past the grace period goes with them (a young one may belong to a build still publishing).
    const referrerRecords = await removeAll(
      listing.filter((o) => o.key.startsWith(REFERRERS_PREFIX) && o.modified < cutoff),
      (o) => {
        const record = parseReferrerKey(o.key);
        return record === null || (kept(record.referrer) && kept(record.subject));
      },
    );

    // Records of collectors that died: older than their lease, past which their collector deletes nothing.
    let staleRecords = 0;
    for (const record of await readSweepRecords(storage)) {
      if (record.key === sweepRecordKey(id) || record.modified >= now - record.leaseMs) continue;
      if (!dryRun) await storage.delete(record.key);
      staleRecords++;
    }

    // Build leases are no garbage while their holder builds; one left by a replica that died only blocks its name.
    let staleLeases = 0;
    for (const object of listing.filter((o) => o.key.startsWith(LEASES_PREFIX))) {
      const bytes = await storage.readBytes(object.key);
      if (!bytes || !isStaleLease(object.modified, now, parseLeaseRecord(bytes))) continue;
      if (!dryRun) await storage.delete(object.key);
      staleLeases++;
    }

    return {
      location: storage.location,
      dryRun,
      tags: first.tags,
      live,
      young,
      blobs: blobsRemoved,
      cacheEntries,
      referrerRecords,
      staleRecords,
      staleLeases,
      spared,
      untagged,
      ...(stoppedEarly ? { stoppedEarly } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (!dryRun) await removeSweepRecord(storage, id);
  }
}

function blobSizes(listing: ListedObject[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const object of listing) {
    const digest = parseBlobKey(object.key);
    if (digest) sizes.set(digest, object.size);
  }
  return sizes;
}

function add(tally: Tally, object: ListedObject): void {
  tally.objects++;
  tally.bytes += object.size;
}

function blobKeySafe(digest: string): string {
  try {
    return blobKey(digest);
  } catch {
    return '';
  }
}

/** The digest a layer-cache entry ({descriptor}) or manifest-cache entry (a descriptor) points at. */
async function cacheTarget(storage: StorageBackend, key: string): Promise<unknown> {
  const bytes = await storage.readBytes(key);
  try {
    const entry = JSON.parse(bytes?.toString('utf8') ?? 'null') as { digest?: unknown; descriptor?: { digest?: unknown } } | null;
    return entry?.descriptor?.digest ?? entry?.digest;
  } catch {
    return undefined;
  }
}
