import { createWriteStream } from 'node:fs';
import { copyFile, link } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { compareStrings } from '../compare.ts';
import type { StorageBackend } from './backend.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { isSha256Digest } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import { isDescriptor } from '../oci/descriptor.ts';
import { ARCHES } from '../oci/platform.ts';
import type { PlatformManifest } from '../oci/index.ts';
import {
  INDEX_KEY,
  OCI_LAYOUT_CONTENT,
  OCI_LAYOUT_KEY,
  TAGS_PREFIX,
  blobKey,
  parseTagKey,
  referrerKey,
  referrersPrefix,
  platformRecordKey,
  platformRecordsPrefix,
  tagKey,
} from './layout.ts';

export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export interface TaggedImage {
  name: string;
  tag: string;
  manifest: Descriptor;
}

/** Where an image store reports problems it works around (an unreadable tag object, an index left stale). */
export type WarningSink = (message: string) => void;

export interface ImageStoreOptions {
  /** Default: one "nixery: warning: …" line on stderr. */
  onWarning?: WarningSink;
}

/** What a refresh of index.json found and did; `nixery index --repair` prints it. */
export interface IndexRefresh {
  /** `name:tag` -> manifest digest, as index.json listed them before (empty when it was missing or unreadable). */
  before: Map<string, string>;
  /** The same for the index as derived from the tag objects now. */
  after: Map<string, string>;
  /** Whether index.json was rewritten. */
  rewritten: boolean;
  /** Tag objects skipped because they do not hold a tag record. */
  unreadable: string[];
}

/** The command that rebuilds a bucket's index.json from its tag objects. */
export function repairCommand(location: string): string {
  return `nixery index --repair --storage ${location}`;
}

function warnOnStderr(message: string): void {
  process.stderr.write(`nixery: warning: ${message}\n`);
}

/**
 * Images in a bucket: content-addressed blobs, one object per tag, and the derived OCI index.
 * Order of writes is what makes readers safe: blobs before the manifests that name them, manifests before tags.
 */
export class ImageStore {
  readonly storage: StorageBackend;
  readonly onWarning: WarningSink;

  constructor(storage: StorageBackend, options: ImageStoreOptions = {}) {
    this.storage = storage;
    this.onWarning = options.onWarning ?? warnOnStderr;
  }

  /** The same bucket, with warnings going to `onWarning` (the registry's log, say). */
  withWarnings(onWarning: WarningSink): ImageStore {
    return new ImageStore(this.storage, { onWarning });
  }

  async hasBlob(digest: string, size?: number): Promise<boolean> {
    const info = await this.storage.stat(blobKey(digest));
    // A recorded checksum that disagrees means a foreign object sits under the key: treat it as missing.
    if (info?.sha256 !== undefined && `sha256:${info.sha256}` !== digest) return false;
    return info !== null && (size === undefined || info.size === size);
  }

  /** Stores a staged blob unless the bucket already holds it; returns the bytes actually written. */
  async putBlobFile(descriptor: Descriptor, localPath: string): Promise<number> {
    if (await this.hasBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeFile(blobKey(descriptor.digest), localPath, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }

  async putBlobBytes(descriptor: Descriptor, bytes: Buffer): Promise<number> {
    if (await this.hasBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeBytes(blobKey(descriptor.digest), bytes, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }

  /** The file that holds a blob, when the bucket is a local folder (readers may use it; nobody may move it). */
  localBlobFile(digest: string): string | null {
    return this.storage.local?.path(blobKey(digest)) ?? null;
  }

  /**
   * Puts a stored blob at a local path (to hand to another target). A folder bucket links its own file there when it
   * can (instant: blobs are never written again), else copies it; other buckets download it.
   */
  async stageBlob(blob: Descriptor, localPath: string): Promise<void> {
    const key = blobKey(blob.digest);
    const own = this.storage.local?.path(key);
    if (own) return link(own, localPath).catch(() => copyFile(own, localPath));
    const stream = await this.storage.openRead(key);
    if (!stream) throw new Error(`blob ${blob.digest} is not in ${this.storage.location}`);
    await pipeline(stream, createWriteStream(localPath));
  }

  async readBlob(digest: string): Promise<Buffer | null> {
    return this.storage.readBytes(blobKey(digest));
  }

  /**
   * Stores an artifact manifest, then the record that lists it among `subject`'s referrers (after the manifest, so a
   * listed referrer is always there); returns the manifest bytes written.
   */
  async putReferrer(subject: Descriptor, referrer: Descriptor, bytes: Buffer): Promise<number> {
    const sent = await this.putBlobBytes(referrer, bytes);
    const key = referrerKey(subject.digest, referrer.digest);
    const record = Buffer.from(JSON.stringify(referrer));
    const existing = await this.storage.readBytes(key);
    if (!existing?.equals(record)) await this.storage.writeBytes(key, record, { contentType: 'application/json' });
    return sent;
  }

  /** The descriptors of the artifacts that refer to `subjectDigest`, in digest order; unreadable records are skipped. */
  async listReferrers(subjectDigest: string): Promise<Descriptor[]> {
    const referrers: Descriptor[] = [];
    for (const key of (await this.storage.list(referrersPrefix(subjectDigest))).sort(compareStrings)) {
      const bytes = await this.storage.readBytes(key);
      let record: unknown = null;
      try {
        record = bytes ? JSON.parse(bytes.toString('utf8')) : null;
      } catch {
        // a record cut short is skipped, like an unreadable tag
      }
      if (isDescriptor(record) && (await this.hasBlob(record.digest, record.size))) referrers.push(record);
    }
    return referrers;
  }

  /** Points name:tag at a manifest that is already stored, then refreshes the OCI index. */
  async tag(name: string, tag: string, manifest: Descriptor): Promise<void> {
    await this.tagAll(name, [tag], manifest);
  }

  /**
   * Points every name:tag at one stored manifest; the index, which lists all tags, is refreshed once. Once the tag
   * objects are written the image is complete and pullable by tag, so a failed index refresh is a warning (with
   * the command that repairs it), not a failure: the index is derived and the next build or repair rewrites it.
   */
  async tagAll(name: string, tags: string[], manifest: Descriptor): Promise<void> {
    if (!(await this.hasBlob(manifest.digest, manifest.size))) {
      throw new Error(`cannot tag ${name}:${tags.join(',')}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    const record = tagRecord(manifest);
    for (const tag of new Set(tags)) {
      await this.storage.writeBytes(tagKey(name, tag), record, { contentType: 'application/json' });
    }
    try {
      await this.refreshIndex();
    } catch (error) {
      this.onWarning(
        `${name}:${[...new Set(tags)].join(',')} is stored and tagged, but index.json in ${this.storage.location} was not refreshed ` +
          `(${(error as Error).message}); OCI layout readers such as skopeo miss the tag until "${repairCommand(this.storage.location)}" or the next build`,
      );
    }
  }

  /** Records that `manifest` (stored already) is name:tag's image for one architecture, for merging into an index. */
  async putPlatformRecord(name: string, tag: string, entry: PlatformManifest): Promise<void> {
    const { manifest, architecture } = entry;
    if (!(await this.hasBlob(manifest.digest, manifest.size))) {
      throw new Error(`cannot record ${name}:${tag} for ${architecture}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    await this.storage.writeBytes(platformRecordKey(name, tag, architecture), tagRecord(manifest), { contentType: 'application/json' });
  }

  /** Every platform recorded for name:tag whose manifest is still stored; unreadable records are skipped with a warning. */
  async platformRecords(name: string, tag: string): Promise<PlatformManifest[]> {
    const entries: PlatformManifest[] = [];
    for (const key of await this.storage.list(platformRecordsPrefix(name, tag))) {
      const architecture = ARCHES.find((a) => key === platformRecordKey(name, tag, a));
      if (!architecture) continue;
      const bytes = await this.storage.readBytes(key);
      const manifest = bytes ? parseTagRecord(bytes) : null;
      if (!manifest) {
        if (bytes)
          this.onWarning(
            `platform record ${key} in ${this.storage.location} is not a record; ${architecture} is left out of ${name}:${tag}`,
          );
        continue;
      }
      if (await this.hasBlob(manifest.digest, manifest.size)) entries.push({ manifest, architecture });
    }
    return entries;
  }

  /** The manifest name:tag points at; null when there is no tag object, or it holds no tag record (with a warning). */
  async resolveTag(name: string, tag: string): Promise<Descriptor | null> {
    const read = await this.readTag(name, tag);
    if (typeof read !== 'string') return read;
    this.onWarning(read);
    return null;
  }

  /** Every readable tag; an unreadable tag object is skipped with a warning. */
  async listTaggedImages(): Promise<TaggedImage[]> {
    const { images, unreadable } = await this.readAllTags();
    for (const message of unreadable) this.onWarning(message);
    return images;
  }

  /**
   * `name:tag` -> manifest digest as index.json lists them: one read for the whole bucket. The index is derived
   * and may lag a tag object, so this is for advisory uses (the planner's known layers); empty when missing or damaged.
   */
  async indexedImages(): Promise<Map<string, string>> {
    return indexEntries((await this.storage.readBytes(INDEX_KEY))?.toString('utf8') ?? '');
  }

  /**
   * Rewrites index.json from the tag objects when it differs (a build killed between its tag and the index, a
   * stale or damaged index.json), and says what changed: `nixery index --repair`.
   */
  async repairIndex(): Promise<IndexRefresh> {
    return this.refreshIndex();
  }

  /** A tag's record; a message naming the object when it holds none (empty, cut short, not JSON, wrong fields). */
  private async readTag(name: string, tag: string): Promise<Descriptor | string | null> {
    const key = tagKey(name, tag);
    const bytes = await this.storage.readBytes(key);
    if (!bytes) return null;
    return (
      parseTagRecord(bytes) ??
      `tag object ${key} in ${this.storage.location} is ${bytes.length === 0 ? 'empty' : 'not a tag record'}: ` +
        `${name}:${tag} is treated as unknown until it is built (tagged) again`
    );
  }

  private async readAllTags(): Promise<{ images: TaggedImage[]; unreadable: string[] }> {
    const images: TaggedImage[] = [];
    const unreadable: string[] = [];
    for (const key of await this.storage.list(TAGS_PREFIX)) {
      const parsed = parseTagKey(key);
      if (!parsed) continue;
      const read = await this.readTag(parsed.name, parsed.tag);
      if (typeof read === 'string') unreadable.push(read);
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
  private async refreshIndex(): Promise<IndexRefresh> {
    if (!(await this.storage.stat(OCI_LAYOUT_KEY))) {
      await this.storage.writeBytes(OCI_LAYOUT_KEY, Buffer.from(OCI_LAYOUT_CONTENT));
    }
    const existing = (await this.storage.readBytes(INDEX_KEY))?.toString('utf8') ?? '';
    let written = existing;
    let rewritten = false;
    for (let attempt = 0; attempt < 20; attempt++) {
      const { images, unreadable } = await this.readAllTags();
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
}

function serializeIndex(images: TaggedImage[]): string {
  const manifests = images
    .map((image) => ({
      ...image.manifest,
      annotations: { [REF_NAME_ANNOTATION]: `${image.name}:${image.tag}` },
    }))
    .sort((a, b) => compareStrings(a.annotations[REF_NAME_ANNOTATION], b.annotations[REF_NAME_ANNOTATION]));
  return JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests });
}

/** What a tag object (or platform record) holds: the manifest's descriptor and nothing else. */
function tagRecord(manifest: Descriptor): Buffer {
  return Buffer.from(JSON.stringify({ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size }));
}

/** A tag object's record, or null when it holds none (empty, cut short, not JSON, fields missing or wrong). */
function parseTagRecord(bytes: Buffer): Descriptor | null {
  let record: Partial<Descriptor> | null;
  try {
    record = JSON.parse(bytes.toString('utf8')) as Partial<Descriptor> | null;
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null) return null;
  const { mediaType, digest, size } = record;
  if (typeof mediaType !== 'string' || mediaType === '' || typeof digest !== 'string' || !isSha256Digest(digest)) return null;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null;
  return { mediaType, digest, size };
}

/** `name:tag` -> digest of an index.json's entries; empty for a missing or unreadable one. */
function indexEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  try {
    const index = JSON.parse(text) as { manifests?: unknown };
    if (!Array.isArray(index.manifests)) return entries;
    for (const entry of index.manifests as Array<{ digest?: unknown; annotations?: Record<string, unknown> } | null>) {
      const ref = entry?.annotations?.[REF_NAME_ANNOTATION];
      if (typeof ref === 'string' && typeof entry?.digest === 'string') entries.set(ref, entry.digest);
    }
  } catch {
    // a damaged index.json lists nothing
  }
  return entries;
}
