import { UsageError } from '../errors.ts';

// Labels (in the image config) and annotations (on manifests and indexes): the keys this project writes, and the
// `key=value` lists users add with --label/--annotation or the action's labels/annotations inputs. Later sources
// override earlier ones, key by key.

export type KeyValues = Record<string, string>;

/** The pre-defined annotation keys of the OCI image spec that we fill in. */
export const OciKey = {
  created: 'org.opencontainers.image.created',
  source: 'org.opencontainers.image.source',
  revision: 'org.opencontainers.image.revision',
  url: 'org.opencontainers.image.url',
  version: 'org.opencontainers.image.version',
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  licenses: 'org.opencontainers.image.licenses',
} as const;

/** The package set an image was built from: our own keys, so the OCI keys can describe the user's repository. */
export const NixeryKey = {
  nixpkgsRevision: 'dev.nixery.nixpkgs.revision',
  nixpkgsSource: 'dev.nixery.nixpkgs.source',
} as const;

/** What an image carries on top of its layers: config labels and manifest (and index) annotations. */
export interface ImageMetadata {
  labels: KeyValues;
  annotations: KeyValues;
}

// Annotation keys should be reverse-DNS; we accept what registries and docker accept: no spaces, no "=".
const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/**
 * `key=value` entries, one per line as docker/metadata-action prints them; `what` names the flag or input in
 * errors. The value is everything after the first "=" (it may hold "=" and spaces).
 */
export function parseKeyValues(entries: readonly string[], what: string): KeyValues {
  const result: KeyValues = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const key = at < 0 ? entry.trim() : entry.slice(0, at).trim();
    if (at < 0) throw new UsageError(`${what}: "${entry}" has no "=": give key=value, e.g. org.opencontainers.image.vendor=ACME`);
    if (!KEY.test(key)) {
      throw new UsageError(`${what}: "${key}" is not a valid key: letters, digits, ".", "_", "-" and "/", such as com.example.team`);
    }
    result[key] = entry.slice(at + 1);
  }
  return result;
}

/** The RFC 3339 time of a SOURCE_DATE_EPOCH (seconds since 1970), as config `created` and the created annotation. */
export function epochTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** SOURCE_DATE_EPOCH as the reproducible-builds spec defines it: a non-negative integer count of seconds. */
export function parseSourceDateEpoch(value: string | undefined, what = 'SOURCE_DATE_EPOCH'): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) > 253402300799) {
    throw new UsageError(`${what}: "${value}" is not a number of seconds since 1970-01-01 (e.g. the output of git log -1 --format=%ct)`);
  }
  return Number(v);
}
