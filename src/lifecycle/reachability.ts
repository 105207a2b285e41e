import pLimit from 'p-limit';
import { isManifestType, manifestReferences } from '../oci/references.ts';
import type { ImageStore } from '../storage/image-store.ts';

// The mark phase: which blobs the tags reach. Roots are the tags (and platform records); a manifest or index reaches its config, layers,
// blobs and entries; a manifest whose subject is reached (a referrer: an SBOM, a signature) is reached too.

/** Blobs this large or larger are never manifests (registries refuse manifests over 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const PARALLEL = 16;

export interface Marking {
  /** Digests reached from the tags. */
  live: Set<string>;
  /** Manifests read during marking (content-addressed, so a second marking can reuse them). */
  read: Map<string, Buffer | null>;
  /** Tag objects that hold no tag record (warned about): their targets are unknown. */
  unreadableTags: string[];
  tags: number;
}

/**
 * Marks from the bucket's tags. `unreached` are the blobs (with sizes) that are not yet known to be live: small
 * ones among them are read to find referrers, whose subject decides. `previous` reuses manifests read before.
 */
export async function markLive(
  store: ImageStore,
  blobs: ReadonlyMap<string, number>,
  previous: Map<string, Buffer | null> = new Map(),
  /** `name:tag` refs to treat as gone (a dry run of retention rules). */
  excluded: ReadonlySet<string> = new Set(),
): Promise<Marking> {
  const read = previous;
  const limit = pLimit(PARALLEL);
  const readBlob = (digest: string): Promise<Buffer | null> =>
    read.has(digest)
      ? Promise.resolve(read.get(digest)!)
      : limit(async () => {
          const bytes = await store.readBlob(digest);
          // Only JSON can be a manifest; layers read while looking for referrers are not kept in memory.
          const kept = bytes && bytes[0] === 0x7b ? bytes : null;
          read.set(digest, kept);
          return kept;
        });

  const { images: all, unreadable } = await store.readTags();
  const images = all.filter((image) => !excluded.has(`${image.name}:${image.tag}`));
  const live = new Set<string>();
  const walk = async (digests: string[]): Promise<void> => {
    let frontier = digests.filter((d) => !live.has(d));
    for (const d of frontier) live.add(d);
    while (frontier.length) {
      const next: string[] = [];
      await Promise.all(
        frontier.map(async (digest) => {
          const bytes = await readBlob(digest);
          for (const child of (bytes && manifestReferences(bytes)?.children) || []) {
            if (live.has(child.digest)) continue;
            live.add(child.digest);
            if (isManifestType(child.mediaType)) next.push(child.digest);
          }
        }),
      );
      frontier = next;
    }
  };
  // Roots are manifests (tags', and platform records' waiting to be merged into a tag's index); their children are
  // followed only where a descriptor says manifest or index.
  await walk([...images.map((image) => image.manifest.digest), ...(await store.platformRecordManifests())]);

  // Referrers: small unreached blobs that are manifests with a subject. Reaching one can reach another's subject.
  const subjects = new Map<string, string>();
  const small = [...blobs].filter(([digest, size]) => !live.has(digest) && size < MAX_MANIFEST_BYTES).map(([digest]) => digest);
  await Promise.all(
    small.map(async (digest) => {
      const bytes = await readBlob(digest);
      const subject = bytes ? manifestReferences(bytes)?.subject : undefined;
      if (subject) subjects.set(digest, subject);
    }),
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
