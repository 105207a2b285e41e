import { copyFile, link, rm } from 'node:fs/promises';
import type { ImageTarget } from './target.ts';

/**
 * Several targets as one: a blob is present only when every target holds it, and each write goes to each target
 * in turn. A staged file goes first to the targets that only read it, then to those that may consume it, each of
 * those but the last getting a copy (a hard link where the filesystem allows).
 */
export function fanOut(targets: ImageTarget[]): ImageTarget {
  const [first, ...rest] = targets;
  if (!first) throw new Error('no targets to publish to');
  if (rest.length === 0) return first;
  const readers = targets.filter((t) => !t.consumesFiles);
  const consumers = targets.filter((t) => t.consumesFiles);
  const each = async (write: (target: ImageTarget) => Promise<number>) => {
    let sent = 0;
    for (const target of targets) sent += await write(target);
    return sent;
  };
  return {
    location: targets.map((t) => t.location).join(', '),
    hasBlob: async (name, blob) => (await Promise.all(targets.map((t) => t.hasBlob(name, blob)))).every(Boolean),
    stagingDir: () => first.stagingDir(),
    consumesFiles: targets.some((t) => t.consumesFiles),
    putBlobFile: async (name, blob, localPath) => {
      let sent = 0;
      for (const target of readers) sent += await target.putBlobFile(name, blob, localPath);
      for (const [i, target] of consumers.entries()) {
        const last = i === consumers.length - 1;
        const file = last ? localPath : `${localPath}.${i}`;
        if (!last) await link(localPath, file).catch(() => copyFile(localPath, file));
        try {
          sent += await target.putBlobFile(name, blob, file);
        } finally {
          // A target that already held the blob leaves its copy behind.
          if (!last) await rm(file, { force: true });
        }
      }
      return sent;
    },
    putBlobBytes: (name, blob, bytes) => each((t) => t.putBlobBytes(name, blob, bytes)),
    putManifest: (name, manifest, bytes) => each((t) => t.putManifest(name, manifest, bytes)),
    putReferrer: (name, subject, referrer, bytes) => each((t) => t.putReferrer(name, subject, referrer, bytes)),
    tag: async (name, tags, manifest, bytes) => {
      for (const target of targets) await target.tag(name, tags, manifest, bytes);
    },
  };
}
