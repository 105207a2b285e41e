import type { StorageBackend } from './backend.ts';
import { FilesystemStorage } from './filesystem.ts';

/** Opens a bucket from a user-given location: a local folder path or `file://` URL. */
export function openStorage(location: string): StorageBackend {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined) return new FilesystemStorage(location);
  if (scheme === 'file') return new FilesystemStorage(decodeURIComponent(new URL(location).pathname));
  throw new Error(`storage "${location}": ${scheme}:// buckets are not supported by this version; use a local folder`);
}
