#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  isStaleLease,
  parseLeaseRecord
} from "./chunk-QXMWZOXH.js";
import {
  BUCKET_OPTIONS,
  S3_OPTIONS,
  S3_USAGE,
  bucketFlag,
  s3Settings
} from "./chunk-I55TT3F7.js";
import {
  parseCommandArgs
} from "./chunk-BI2ILFY6.js";
import {
  STORAGE_LOCATION_HELP,
  openStorage
} from "./chunk-FZNGP23G.js";
import {
  ImageStore,
  MAX_LEASE_MS,
  isManifestType,
  manifestReferences,
  newSweepId,
  pLimit,
  readSweepRecords,
  removeSweepRecord,
  writeSweepRecord
} from "./chunk-CE262DKV.js";
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
  parseTagKey,
  sweepRecordKey
} from "./chunk-6QJK6SSJ.js";
import "./chunk-GCYMDIW2.js";
import "./chunk-DUEYGPJ2.js";
import "./chunk-VQIJQ3JB.js";
import {
  UsageError,
  formatBytes
} from "./chunk-WXRP66RY.js";
import "./chunk-4ZPLT25K.js";

// src/lifecycle/reachability.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var PARALLEL = 16;
async function markLive(store, blobs, previous = /* @__PURE__ */ new Map(), excluded = /* @__PURE__ */ new Set()) {
  const read = previous;
  const limit = pLimit(PARALLEL);
  const readBlob = (digest) => read.has(digest) ? Promise.resolve(read.get(digest)) : limit(async () => {
    const bytes = await store.readBlob(digest);
    const kept = bytes && bytes[0] === 123 ? bytes : null;
    read.set(digest, kept);
    return kept;
  });
  const { images: all, unreadable } = await store.readTags();
  const images = all.filter((image) => !excluded.has(`${image.name}:${image.tag}`));
  const live = /* @__PURE__ */ new Set();
  const walk = async (digests) => {
    let frontier = digests.filter((d) => !live.has(d));
    for (const d of frontier) live.add(d);
    while (frontier.length) {
      const next = [];
      await Promise.all(
        frontier.map(async (digest) => {
          const bytes = await readBlob(digest);
          for (const child of bytes && manifestReferences(bytes)?.children || []) {
            if (live.has(child.digest)) continue;
            live.add(child.digest);
            if (isManifestType(child.mediaType)) next.push(child.digest);
          }
        })
      );
      frontier = next;
    }
  };
  await walk([...images.map((image) => image.manifest.digest), ...await store.platformRecordManifests()]);
  const subjects = /* @__PURE__ */ new Map();
  const small = [...blobs].filter(([digest, size]) => !live.has(digest) && size < MAX_MANIFEST_BYTES).map(([digest]) => digest);
  await Promise.all(
    small.map(async (digest) => {
      const bytes = await readBlob(digest);
      const subject = bytes ? manifestReferences(bytes)?.subject : void 0;
      if (subject) subjects.set(digest, subject);
    })
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const [referrer, subject] of subjects) {
      if (live.has(referrer) || !live.has(subject)) continue;
      await walk([referrer]);
      changed = true;
    }
  }
  return { live, read, unreadableTags: unreadable, tags: images.length };
}

// src/lifecycle/retention.ts
var CI_TAG = /^(pr|sha)-/;
function expiredTags(tagObjects, rules, now) {
  const expired = /* @__PURE__ */ new Map();
  const tags = tagObjects.flatMap((object) => {
    const parsed = parseTagKey(object.key);
    return parsed ? [{ ...parsed, modified: object.modified }] : [];
  });
  if (rules.maxTagAgeMs !== void 0) {
    for (const t of tags) {
      if (CI_TAG.test(t.tag) && t.modified < now - rules.maxTagAgeMs) {
        expired.set(`${t.name}:${t.tag}`, { name: t.name, tag: t.tag, rule: "max-tag-age" });
      }
    }
  }
  if (rules.keepSha !== void 0) {
    const byName = /* @__PURE__ */ new Map();
    for (const t of tags.filter((t2) => t2.tag.startsWith("sha-"))) byName.set(t.name, [...byName.get(t.name) ?? [], t]);
    for (const list of byName.values()) {
      list.sort((a, b) => b.modified - a.modified || (a.tag < b.tag ? -1 : 1));
      for (const t of list.slice(rules.keepSha)) {
        const ref = `${t.name}:${t.tag}`;
        if (!expired.has(ref)) expired.set(ref, { name: t.name, tag: t.tag, rule: "keep-sha" });
      }
    }
  }
  return [...expired.values()];
}

// src/lifecycle/gc.ts
var DEFAULT_LEASE_MS = 10 * 60 * 1e3;
var MIN_GRACE_MS = 2e3;
async function collectGarbage(storage, options) {
  const started = performance.now();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const dryRun = options.dryRun ?? false;
  const store = new ImageStore(storage, options.onWarning ? { onWarning: options.onWarning } : {});
  const limit = pLimit(options.parallelism ?? 16);
  const id = newSweepId();
  let now = Date.now();
  if (!dryRun) {
    await writeSweepRecord(storage, { id, leaseMs, candidates: [] });
    now = (await storage.listObjects(sweepRecordKey(id)))[0]?.modified ?? now;
  }
  const cutoff = now - options.graceMs;
  try {
    const listing = await storage.listObjects("");
    const blobs = blobSizes(listing);
    const expired = options.retention ? expiredTags(
      listing.filter((o) => o.key.startsWith(TAGS_PREFIX)),
      options.retention,
      now
    ) : [];
    const untagged = expired.map((t) => `${t.name}:${t.tag}`);
    if (!dryRun) {
      const byName = /* @__PURE__ */ new Map();
      for (const t of expired) byName.set(t.name, [...byName.get(t.name) ?? [], t.tag]);
      for (const [name, tags] of byName) await store.untag(name, tags);
    }
    const first = await markLive(store, blobs, /* @__PURE__ */ new Map(), dryRun ? new Set(untagged) : /* @__PURE__ */ new Set());
    for (const message of first.unreadableTags) store.onWarning(message);
    const young = { objects: 0, bytes: 0 };
    const live = { objects: 0, bytes: 0 };
    let candidates = [];
    for (const object of listing) {
      const digest = parseBlobKey(object.key);
      if (!digest) continue;
      if (first.live.has(digest)) add(live, object);
      else if (object.modified >= cutoff) add(young, object);
      else candidates.push(object);
    }
    let spared = 0;
    const leaseStart = performance.now();
    if (!dryRun && candidates.length) {
      await writeSweepRecord(storage, { id, leaseMs, candidates: candidates.map((c) => parseBlobKey(c.key)) });
      const again = await storage.listObjects(BLOBS_PREFIX);
      const second = await markLive(store, blobSizes(again), first.read);
      const times = new Map(again.map((o) => [o.key, o.modified]));
      const still = candidates.filter((c) => {
        const modified = times.get(c.key);
        return modified !== void 0 && modified < cutoff && !second.live.has(parseBlobKey(c.key));
      });
      spared = candidates.length - still.length;
      candidates = still;
    }
    const blobsRemoved = { objects: 0, bytes: 0 };
    let stoppedEarly;
    const deadline = leaseStart + leaseMs / 2;
    await Promise.all(
      candidates.map(
        (object) => limit(async () => {
          if (stoppedEarly) return;
          if (performance.now() >= deadline) {
            stoppedEarly = `the lease of ${Math.round(leaseMs / 1e3)}s ran out; run gc again for the rest`;
            return;
          }
          if (!dryRun) await storage.delete(object.key);
          add(blobsRemoved, object);
        })
      )
    );
    const removedKeys = new Set(candidates.map((c) => c.key));
    const kept = (digest) => typeof digest === "string" && blobs.has(digest) && !removedKeys.has(blobKeySafe(digest));
    const removeAll = async (objects, keep) => {
      const removed = { objects: 0, bytes: 0 };
      await Promise.all(
        objects.map(
          (object) => limit(async () => {
            if (await keep(object)) return;
            if (!dryRun) await storage.delete(object.key);
            add(removed, object);
          })
        )
      );
      return removed;
    };
    const cacheEntries = await removeAll(
      listing.filter((o) => (o.key.startsWith(LAYER_CACHE_PREFIX) || o.key.startsWith(MANIFEST_CACHE_PREFIX)) && o.modified < cutoff),
      async (entry) => kept(await cacheTarget(storage, entry.key))
    );
    const referrerRecords = await removeAll(
      listing.filter((o) => o.key.startsWith(REFERRERS_PREFIX) && o.modified < cutoff),
      (o) => {
        const record = parseReferrerKey(o.key);
        return record === null || kept(record.referrer) && kept(record.subject);
      }
    );
    let staleRecords = 0;
    for (const record of await readSweepRecords(storage)) {
      if (record.key === sweepRecordKey(id) || record.modified >= now - record.leaseMs) continue;
      if (!dryRun) await storage.delete(record.key);
      staleRecords++;
    }
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
      ...stoppedEarly ? { stoppedEarly } : {},
      seconds: (performance.now() - started) / 1e3
    };
  } finally {
    if (!dryRun) await removeSweepRecord(storage, id);
  }
}
function blobSizes(listing) {
  const sizes = /* @__PURE__ */ new Map();
  for (const object of listing) {
    const digest = parseBlobKey(object.key);
    if (digest) sizes.set(digest, object.size);
  }
  return sizes;
}
function add(tally, object) {
  tally.objects++;
  tally.bytes += object.size;
}
function blobKeySafe(digest) {
  try {
    return blobKey(digest);
  } catch {
    return "";
  }
}
async function cacheTarget(storage, key) {
  const bytes = await storage.readBytes(key);
  try {
    const entry = JSON.parse(bytes?.toString("utf8") ?? "null");
    return entry?.descriptor?.digest ?? entry?.digest;
  } catch {
    return void 0;
  }
}

// src/cli/duration.ts
var UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDuration(flag, value) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} "${value}": expected a number with a unit (ms, s, m, h, d), e.g. 24h`);
  return Number(match[1]) * UNITS[match[2]];
}

// src/cli/gc-command.ts
var GC_USAGE = `Usage: nixery gc --storage BUCKET [--grace 24h] [--dry-run] [--json] [options]

Removes what no tag reaches: blobs (layers, configs, manifests) that no tag, index or referrer names, and layer and
manifest cache entries whose blob is gone, once they have not been written or reused for the grace period. Safe
while builds run into the same bucket (docs/garbage-collection.md): a build that reuses a blob refreshes its mark,
and waits while a collector is deleting something it needs.

  --grace DURATION        keep unreachable objects younger than this (default 24h; at least 2s), e.g. 7d, 90m
  --dry-run               report what would be removed; change nothing
  --keep-sha N            retention: per image keep the N most recently written sha- tags, untag the rest
  --max-tag-age DURATION  retention: untag pr- and sha- tags not written for this long (other tags never expire)
  --lease DURATION        how long builds may wait on this collector (default 10m; deletes stop at half of it)
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}
  --json                  print the report as JSON`;
async function gcCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      grace: { type: "string", default: "24h" },
      lease: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "keep-sha": { type: "string" },
      "max-tag-age": { type: "string" },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false }
    }
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const bucket = bucketFlag(values);
  if (bucket === void 0) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const graceMs = parseDuration("--grace", values.grace);
  if (graceMs < MIN_GRACE_MS)
    throw new UsageError(`--grace ${values.grace}: at least ${MIN_GRACE_MS / 1e3}s, so builds finishing now are safe`);
  const leaseMs = values.lease === void 0 ? DEFAULT_LEASE_MS : parseDuration("--lease", values.lease);
  if (leaseMs < 1e3 || leaseMs > MAX_LEASE_MS) throw new UsageError(`--lease ${values.lease}: between 1s and ${MAX_LEASE_MS / 6e4}m`);
  const retention = {};
  if (values["keep-sha"] !== void 0) {
    if (!/^\d+$/.test(values["keep-sha"])) throw new UsageError(`--keep-sha "${values["keep-sha"]}": expected a whole number, e.g. 10`);
    retention.keepSha = Number(values["keep-sha"]);
  }
  if (values["max-tag-age"] !== void 0) retention.maxTagAgeMs = parseDuration("--max-tag-age", values["max-tag-age"]);
  const storage = await openStorage(bucket, { s3: s3Settings(values) });
  const report = await collectGarbage(storage, { graceMs, leaseMs, dryRun: values["dry-run"], retention });
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : describeGc(report));
}
function describeGc(report) {
  const tally = (t) => `${t.objects} object${t.objects === 1 ? "" : "s"}, ${formatBytes(t.bytes)}`;
  const verb = report.dryRun ? "would remove" : "removed";
  return [
    `${report.dryRun ? "dry run: " : ""}gc of ${report.location} (${report.tags} tags) in ${report.seconds.toFixed(1)}s`,
    `  live          ${tally(report.live)}`,
    `  ${verb.padEnd(13)} ${tally(report.blobs)} of unreachable blobs`,
    `  ${" ".repeat(13)} ${tally(report.cacheEntries)} of cache entries`,
    ...report.referrerRecords.objects ? [`  ${" ".repeat(13)} ${tally(report.referrerRecords)} of referrers records`] : [],
    `  kept (young)  ${tally(report.young)} unreachable but within the grace period`,
    ...report.untagged.map((ref) => `  ${report.dryRun ? "would untag" : "untagged"}      ${ref} (retention rule)`),
    ...report.spared ? [`  spared        ${report.spared} reused by a build during the sweep`] : [],
    ...report.staleRecords ? [`  ${verb} ${report.staleRecords} sweep record(s) of collectors that died`] : [],
    ...report.staleLeases ? [`  ${verb} ${report.staleLeases} build lease(s) of serve replicas that died`] : [],
    ...report.stoppedEarly ? [`  stopped early: ${report.stoppedEarly}`] : [],
    ""
  ].join("\n");
}
export {
  GC_USAGE,
  describeGc,
  gcCommand
};
