#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  INDEX_KEY,
  OCI_LAYOUT_CONTENT,
  OCI_LAYOUT_KEY,
  SWEEPS_PREFIX,
  TAGS_PREFIX,
  blobKey,
  isPlatformRecordKey,
  isSha256Digest,
  parseTagKey,
  platformRecordKey,
  platformRecordsPrefix,
  referrerKey,
  referrersPrefix,
  sweepRecordKey,
  tagKey
} from "./chunk-6QJK6SSJ.js";
import {
  ARCHES,
  MediaType
} from "./chunk-GCYMDIW2.js";
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";

// node_modules/yocto-queue/index.js
var Node = class {
  value;
  next;
  constructor(value) {
    this.value = value;
  }
};
var Queue = class {
  #head;
  #tail;
  #size;
  constructor() {
    this.clear();
  }
  enqueue(value) {
    const node = new Node(value);
    if (this.#head) {
      this.#tail.next = node;
      this.#tail = node;
    } else {
      this.#head = node;
      this.#tail = node;
    }
    this.#size++;
  }
  dequeue() {
    const current = this.#head;
    if (!current) {
      return;
    }
    this.#head = this.#head.next;
    this.#size--;
    if (!this.#head) {
      this.#tail = void 0;
    }
    return current.value;
  }
  peek() {
    if (!this.#head) {
      return;
    }
    return this.#head.value;
  }
  clear() {
    this.#head = void 0;
    this.#tail = void 0;
    this.#size = 0;
  }
  get size() {
    return this.#size;
  }
  *[Symbol.iterator]() {
    let current = this.#head;
    while (current) {
      yield current.value;
      current = current.next;
    }
  }
  *drain() {
    while (this.#head) {
      yield this.dequeue();
    }
  }
};

// node_modules/p-limit/index.js
function pLimit(concurrency) {
  let rejectOnClear = false;
  if (typeof concurrency === "object") {
    ({ concurrency, rejectOnClear = false } = concurrency);
  }
  validateConcurrency(concurrency);
  if (typeof rejectOnClear !== "boolean") {
    throw new TypeError("Expected `rejectOnClear` to be a boolean");
  }
  const queue = new Queue();
  let activeCount = 0;
  const resumeNext = () => {
    if (activeCount < concurrency && queue.size > 0) {
      activeCount++;
      queue.dequeue().run();
    }
  };
  const next = () => {
    activeCount--;
    resumeNext();
  };
  const run = async (function_, resolve, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve, reject, arguments_) => {
    const queueItem = { reject };
    new Promise((internalResolve) => {
      queueItem.run = internalResolve;
      queue.enqueue(queueItem);
    }).then(run.bind(void 0, function_, resolve, arguments_));
    if (activeCount < concurrency) {
      resumeNext();
    }
  };
  const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
    enqueue(function_, resolve, reject, arguments_);
  });
  Object.defineProperties(generator, {
    activeCount: {
      get: () => activeCount
    },
    pendingCount: {
      get: () => queue.size
    },
    clearQueue: {
      value() {
        if (!rejectOnClear) {
          queue.clear();
          return;
        }
        const abortError = AbortSignal.abort().reason;
        while (queue.size > 0) {
          queue.dequeue().reject(abortError);
        }
      }
    },
    concurrency: {
      get: () => concurrency,
      set(newConcurrency) {
        validateConcurrency(newConcurrency);
        concurrency = newConcurrency;
        queueMicrotask(() => {
          while (activeCount < concurrency && queue.size > 0) {
            resumeNext();
          }
        });
      }
    },
    map: {
      async value(iterable, function_) {
        const promises = [];
        try {
          Array.from(iterable, (value, index) => {
            const promise = generator(function_, value, index);
            promises.push(promise);
            return promise;
          });
        } catch (error) {
          for (const promise of promises) {
            promise.catch(() => {
            });
          }
          throw error;
        }
        return Promise.all(promises);
      }
    }
  });
  return generator;
}
function validateConcurrency(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
    throw new TypeError("Expected `concurrency` to be a number from 1 and up");
  }
}

// src/storage/liveness.ts
import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
function newSweepId() {
  return `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
}
async function writeSweepRecord(storage, record) {
  await storage.writeBytes(sweepRecordKey(record.id), Buffer.from(JSON.stringify(record)), { contentType: "application/json" });
}
async function removeSweepRecord(storage, id) {
  await storage.delete(sweepRecordKey(id));
}
async function readSweepRecords(storage) {
  const records = [];
  for (const object of await storage.listObjects(SWEEPS_PREFIX)) {
    const bytes = await storage.readBytes(object.key);
    if (!bytes) continue;
    records.push({ ...parseSweepRecord(bytes) ?? UNREADABLE_RECORD, key: object.key, modified: object.modified });
  }
  return records;
}
var MAX_LEASE_MS = 60 * 60 * 1e3;
var UNREADABLE_RECORD = { id: "?", leaseMs: MAX_LEASE_MS, candidates: ["*"] };
function parseSweepRecord(bytes) {
  try {
    const record = JSON.parse(bytes.toString("utf8"));
    if (typeof record.id !== "string" || typeof record.leaseMs !== "number" || !Array.isArray(record.candidates)) return null;
    if (!record.candidates.every((c) => typeof c === "string")) return null;
    return { id: record.id, leaseMs: Math.min(record.leaseMs, MAX_LEASE_MS), candidates: record.candidates };
  } catch {
    return null;
  }
}
var CollectedBlobError = class extends Error {
  name = "CollectedBlobError";
  digest;
  constructor(location, digest) {
    super(
      `blob ${digest}, which this build found in ${location} and reused, was removed by a concurrent "nixery gc" before the image was tagged; nothing was tagged, run the build again (it uploads the blob anew)`
    );
    this.digest = digest;
  }
};
var PARALLEL = 16;
async function keepAlive(storage, digests, options = {}) {
  const wanted = new Set(digests);
  const limit = pLimit(PARALLEL);
  const firstSeen = /* @__PURE__ */ new Map();
  for (; ; ) {
    await Promise.all([...wanted].map((digest) => limit(() => storage.touch(blobKey(digest)))));
    const records = await readSweepRecords(storage);
    const present = await Promise.all(
      [...wanted].map((digest) => limit(async () => [digest, await storage.stat(blobKey(digest))]))
    );
    const gone = present.find(([, info]) => info === null);
    if (gone) throw new CollectedBlobError(storage.location, gone[0]);
    const now = performance.now();
    const blocking = records.filter((record) => {
      if (!record.candidates.some((c) => c === "*" || wanted.has(c))) return false;
      const seen = firstSeen.get(record.key) ?? now;
      firstSeen.set(record.key, seen);
      return now - seen < record.leaseMs;
    });
    if (blocking.length === 0) return;
    options.onWait?.(blocking[0].id);
    await delay(options.pollMs ?? 500);
  }
}

// src/storage/image-store.ts
import { createWriteStream } from "node:fs";
import { copyFile, link } from "node:fs/promises";
import { pipeline } from "node:stream/promises";

// src/oci/descriptor.ts
function isDescriptor(value) {
  if (typeof value !== "object" || value === null) return false;
  const d = value;
  return typeof d.mediaType === "string" && typeof d.digest === "string" && isSha256Digest(d.digest) && typeof d.size === "number" && Number.isSafeInteger(d.size) && d.size >= 0;
}

// src/oci/references.ts
function manifestReferences(bytes) {
  if (bytes.length === 0 || bytes[0] !== 123) return null;
  let parsed;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const children = [];
  if (isDescriptor(parsed.config)) children.push(parsed.config);
  for (const field of ["layers", "manifests", "blobs"]) {
    const list = parsed[field];
    if (Array.isArray(list)) children.push(...list.filter(isDescriptor));
  }
  const subject = isDescriptor(parsed.subject) ? parsed.subject.digest : void 0;
  return { children, ...subject ? { subject } : {} };
}
function isManifestType(mediaType) {
  return /manifest|index/.test(mediaType);
}

// src/storage/image-store.ts
var REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
function repairCommand(location) {
  return `nixery index --repair --storage ${location}`;
}
function warnOnStderr(message) {
  process.stderr.write(`nixery: warning: ${message}
`);
}
var ImageStore = class _ImageStore {
  storage;
  onWarning;
  constructor(storage, options = {}) {
    this.storage = storage;
    this.onWarning = options.onWarning ?? warnOnStderr;
  }
  /** The same bucket, with warnings going to `onWarning` (the registry's log, say). */
  withWarnings(onWarning) {
    return new _ImageStore(this.storage, { onWarning });
  }
  async hasBlob(digest, size) {
    return isBlob(await this.storage.stat(blobKey(digest)), digest, size);
  }
  /**
   * A writer's existence check: whether the bucket holds the blob, and if so its liveness mark is refreshed (a
   * touch), so a garbage collector that has not yet decided about it leaves it alone. Readers use hasBlob.
   */
  async reuseBlob(digest, size) {
    return isBlob(await this.storage.touch(blobKey(digest)), digest, size);
  }
  /** Stores a staged blob unless the bucket already holds it; returns the bytes actually written. */
  async putBlobFile(descriptor, localPath) {
    if (await this.reuseBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeFile(blobKey(descriptor.digest), localPath, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }
  async putBlobBytes(descriptor, bytes) {
    if (await this.reuseBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeBytes(blobKey(descriptor.digest), bytes, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }
  /**
   * Stores a manifest whose blobs are stored. A manifest with a subject (a referrer, such as an SBOM) is reachable
   * as soon as it is written, with no tag, so its blobs are kept alive first, as a tag's are (docs/garbage-collection.md).
   */
  async putManifest(descriptor, bytes) {
    const references = manifestReferences(bytes);
    if (references?.subject) await keepAlive(this.storage, [references.subject, ...references.children.map((c) => c.digest)]);
    return this.putBlobBytes(descriptor, bytes);
  }
  /**
   * The manifest and every blob it names, following indexes: what a tag makes reachable. Null when the manifest is
   * not stored; a child manifest that is missing is left for keepAlive to report.
   */
  async closure(manifest) {
    const found = /* @__PURE__ */ new Set([manifest]);
    const pending = [manifest];
    for (let digest = pending.pop(); digest !== void 0; digest = pending.pop()) {
      const bytes = await this.readBlob(digest);
      if (!bytes) {
        if (digest === manifest) return null;
        continue;
      }
      for (const child of manifestReferences(bytes)?.children ?? []) {
        if (found.has(child.digest)) continue;
        found.add(child.digest);
        if (isManifestType(child.mediaType)) pending.push(child.digest);
      }
    }
    return [...found];
  }
  /** The file that holds a blob, when the bucket is a local folder (readers may use it; nobody may move it). */
  localBlobFile(digest) {
    return this.storage.local?.path(blobKey(digest)) ?? null;
  }
  /**
   * Puts a stored blob at a local path (to hand to another target). A folder bucket links its own file there when it
   * can (instant: blobs are never written again), else copies it; other buckets download it.
   */
  async stageBlob(blob, localPath) {
    const key = blobKey(blob.digest);
    const own = this.storage.local?.path(key);
    if (own) return link(own, localPath).catch(() => copyFile(own, localPath));
    const stream = await this.storage.openRead(key);
    if (!stream) throw new Error(`blob ${blob.digest} is not in ${this.storage.location}`);
    await pipeline(stream, createWriteStream(localPath));
  }
  async readBlob(digest) {
    return this.storage.readBytes(blobKey(digest));
  }
  /**
   * Stores an artifact manifest, then the record that lists it among `subject`'s referrers (after the manifest, so a
   * listed referrer is always there); returns the manifest bytes written.
   */
  async putReferrer(subject, referrer, bytes) {
    const sent = await this.putBlobBytes(referrer, bytes);
    const key = referrerKey(subject.digest, referrer.digest);
    const record = Buffer.from(JSON.stringify(referrer));
    const existing = await this.storage.readBytes(key);
    if (!existing?.equals(record)) await this.storage.writeBytes(key, record, { contentType: "application/json" });
    return sent;
  }
  /** The descriptors of the artifacts that refer to `subjectDigest`, in digest order; unreadable records are skipped. */
  async listReferrers(subjectDigest) {
    const referrers = [];
    for (const key of (await this.storage.list(referrersPrefix(subjectDigest))).sort(compareStrings)) {
      const bytes = await this.storage.readBytes(key);
      let record = null;
      try {
        record = bytes ? JSON.parse(bytes.toString("utf8")) : null;
      } catch {
      }
      if (isDescriptor(record) && await this.hasBlob(record.digest, record.size)) referrers.push(record);
    }
    return referrers;
  }
  /** Points name:tag at a manifest that is already stored, then refreshes the OCI index. */
  async tag(name, tag, manifest) {
    await this.tagAll(name, [tag], manifest);
  }
  /**
   * Points every name:tag at one stored manifest; the index, which lists all tags, is refreshed once. Once the tag
   * objects are written the image is complete and pullable by tag, so a failed index refresh is a warning (with
   * the command that repairs it), not a failure: the index is derived and the next build or repair rewrites it.
   */
  async tagAll(name, tags, manifest) {
    const closure = await this.hasBlob(manifest.digest, manifest.size) ? await this.closure(manifest.digest) : null;
    if (!closure) {
      throw new Error(`cannot tag ${name}:${tags.join(",")}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    await keepAlive(this.storage, closure);
    const record = tagRecord(manifest);
    for (const tag of new Set(tags)) {
      await this.storage.writeBytes(tagKey(name, tag), record, { contentType: "application/json" });
    }
    try {
      await this.refreshIndex();
    } catch (error) {
      this.onWarning(
        `${name}:${[...new Set(tags)].join(",")} is stored and tagged, but index.json in ${this.storage.location} was not refreshed (${error.message}); OCI layout readers such as skopeo miss the tag until "${repairCommand(this.storage.location)}" or the next build`
      );
    }
  }
  /**
   * Removes name:tag for each tag (its tag object; blobs stay for `nixery gc`), then refreshes the OCI index once.
   * Returns the tags that were there. A failed index refresh is a warning, as for tagAll.
   */
  async untag(name, tags) {
    const removed = [];
    for (const tag of new Set(tags)) {
      for (const key of await this.storage.list(platformRecordsPrefix(name, tag))) await this.storage.delete(key);
      if (!await this.storage.stat(tagKey(name, tag))) continue;
      await this.storage.delete(tagKey(name, tag));
      removed.push(tag);
    }
    if (removed.length === 0) return removed;
    try {
      await this.refreshIndex();
    } catch (error) {
      this.onWarning(
        `${name}:${removed.join(",")} untagged, but index.json in ${this.storage.location} was not refreshed (${error.message}); OCI layout readers still list the tag until "${repairCommand(this.storage.location)}"`
      );
    }
    return removed;
  }
  /** Records that `manifest` (stored already) is name:tag's image for one architecture, for merging into an index. */
  async putPlatformRecord(name, tag, entry) {
    const { manifest, architecture } = entry;
    if (!await this.hasBlob(manifest.digest, manifest.size)) {
      throw new Error(`cannot record ${name}:${tag} for ${architecture}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    await keepAlive(this.storage, await this.closure(manifest.digest) ?? [manifest.digest]);
    await this.storage.writeBytes(platformRecordKey(name, tag, architecture), tagRecord(manifest), { contentType: "application/json" });
  }
  /** Every platform recorded for name:tag whose manifest is still stored; unreadable records are skipped with a warning. */
  async platformRecords(name, tag) {
    const entries = [];
    for (const key of await this.storage.list(platformRecordsPrefix(name, tag))) {
      const architecture = ARCHES.find((a) => key === platformRecordKey(name, tag, a));
      if (!architecture) continue;
      const bytes = await this.storage.readBytes(key);
      const manifest = bytes ? parseTagRecord(bytes) : null;
      if (!manifest) {
        if (bytes)
          this.onWarning(
            `platform record ${key} in ${this.storage.location} is not a record; ${architecture} is left out of ${name}:${tag}`
          );
        continue;
      }
      if (await this.hasBlob(manifest.digest, manifest.size)) entries.push({ manifest, architecture });
    }
    return entries;
  }
  /** The manifest name:tag points at; null when there is no tag object, or it holds no tag record (with a warning). */
  async resolveTag(name, tag) {
    const read = await this.readTag(name, tag);
    if (typeof read !== "string") return read;
    this.onWarning(read);
    return null;
  }
  /** Every readable tag; an unreadable tag object is skipped with a warning. */
  async listTaggedImages() {
    const { images, unreadable } = await this.readTags();
    for (const message of unreadable) this.onWarning(message);
    return images;
  }
  /**
   * `name:tag` -> manifest digest as index.json lists them: one read for the whole bucket. The index is derived
   * and may lag a tag object, so this is for advisory uses (the planner's known layers); empty when missing or damaged.
   */
  async indexedImages() {
    return indexEntries((await this.storage.readBytes(INDEX_KEY))?.toString("utf8") ?? "");
  }
  /**
   * Rewrites index.json from the tag objects when it differs (a build killed between its tag and the index, a
   * stale or damaged index.json), and says what changed: `nixery index --repair`.
   */
  async repairIndex() {
    return this.refreshIndex();
  }
  /** A tag's record; a message naming the object when it holds none (empty, cut short, not JSON, wrong fields). */
  async readTag(name, tag) {
    const key = tagKey(name, tag);
    const bytes = await this.storage.readBytes(key);
    if (!bytes) return null;
    return parseTagRecord(bytes) ?? `tag object ${key} in ${this.storage.location} is ${bytes.length === 0 ? "empty" : "not a tag record"}: ${name}:${tag} is treated as unknown until it is built (tagged) again`;
  }
  /** Manifests named by platform records (of builds merged into a tag's index): roots for gc, like tags. */
  async platformRecordManifests() {
    const digests = [];
    for (const key of await this.storage.list(TAGS_PREFIX)) {
      if (!isPlatformRecordKey(key)) continue;
      const bytes = await this.storage.readBytes(key);
      const manifest = bytes ? parseTagRecord(bytes) : null;
      if (manifest) digests.push(manifest.digest);
    }
    return digests;
  }
  /** Every tag, and messages for tag objects that hold no tag record, without warning (callers decide). */
  async readTags() {
    const images = [];
    const unreadable = [];
    for (const key of await this.storage.list(TAGS_PREFIX)) {
      const parsed = parseTagKey(key);
      if (!parsed) continue;
      const read = await this.readTag(parsed.name, parsed.tag);
      if (typeof read === "string") unreadable.push(read);
      else if (read) images.push({ ...parsed, manifest: read });
    }
    return { images, unreadable };
  }
  /**
   * index.json is derived from the tag objects. Writers race, so after writing we list again and rewrite until
   * what we wrote matches what is there: the last writer always re-checks after its own write, so it converges.
   * An index.json that already holds what we derive is left alone (someone derived it after our tags were written).
   *
   * A tag record that does not parse is left out. On object stores whose overwrites are not atomic (s3rver writes
   * in place) a reader may catch a record mid-write; that is one writer's tag still in flight, and that writer
   * refreshes the index itself after its write completes, reading the whole record then. Every index write is
   * followed by a derivation from its writer, so the index ends up with every complete record. Warnings about
   * unreadable records are given once, from the last derivation, so a record caught mid-write and whole the
   * next time is not reported.
   */
  async refreshIndex() {
    if (!await this.storage.stat(OCI_LAYOUT_KEY)) {
      await this.storage.writeBytes(OCI_LAYOUT_KEY, Buffer.from(OCI_LAYOUT_CONTENT));
    }
    const existing = (await this.storage.readBytes(INDEX_KEY))?.toString("utf8") ?? "";
    let written = existing;
    let rewritten = false;
    for (let attempt = 0; attempt < 20; attempt++) {
      const { images, unreadable } = await this.readTags();
      const index = serializeIndex(images);
      if (index === written) {
        for (const message of unreadable) this.onWarning(message);
        return { before: indexEntries(existing), after: indexEntries(index), rewritten, unreadable };
      }
      await this.storage.writeBytes(INDEX_KEY, Buffer.from(index), { contentType: MediaType.ociIndex });
      written = index;
      rewritten = true;
    }
    throw new Error(`index.json in ${this.storage.location} kept changing under concurrent writers; run the build again`);
  }
};
function isBlob(info, digest, size) {
  if (info?.sha256 !== void 0 && `sha256:${info.sha256}` !== digest) return false;
  return info !== null && (size === void 0 || info.size === size);
}
function serializeIndex(images) {
  const manifests = images.map((image) => ({
    ...image.manifest,
    annotations: { [REF_NAME_ANNOTATION]: `${image.name}:${image.tag}` }
  })).sort((a, b) => compareStrings(a.annotations[REF_NAME_ANNOTATION], b.annotations[REF_NAME_ANNOTATION]));
  return JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests });
}
function tagRecord(manifest) {
  return Buffer.from(JSON.stringify({ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size }));
}
function parseTagRecord(bytes) {
  let record;
  try {
    record = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof record !== "object" || record === null) return null;
  const { mediaType, digest, size } = record;
  if (typeof mediaType !== "string" || mediaType === "" || typeof digest !== "string" || !isSha256Digest(digest)) return null;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return null;
  return { mediaType, digest, size };
}
function indexEntries(text) {
  const entries = /* @__PURE__ */ new Map();
  try {
    const index = JSON.parse(text);
    if (!Array.isArray(index.manifests)) return entries;
    for (const entry of index.manifests) {
      const ref = entry?.annotations?.[REF_NAME_ANNOTATION];
      if (typeof ref === "string" && typeof entry?.digest === "string") entries.set(ref, entry.digest);
    }
  } catch {
  }
  return entries;
}

export {
  pLimit,
  newSweepId,
  writeSweepRecord,
  removeSweepRecord,
  readSweepRecords,
  MAX_LEASE_MS,
  CollectedBlobError,
  isDescriptor,
  manifestReferences,
  isManifestType,
  ImageStore
};
