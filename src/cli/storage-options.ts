import type { S3Settings } from '../storage/open.ts';
import { UsageError } from '../errors.ts';

// The bucket flag and the flags for s3:// buckets, shared by every command that opens a bucket. AWS itself
// needs none of the s3 flags; S3-compatible stores do.

/** `--storage` names the bucket in every command; `--out` is the same flag under the name `build` first used. */
export const BUCKET_OPTIONS = {
  storage: { type: 'string', short: 's' },
  out: { type: 'string', short: 'o' },
} as const;

/**
 * `build` writes to a bucket and to registries: `--out` takes either (docker://HOST/PREFIX is a registry) and may be
 * given several times; `--storage` names the bucket as in every other command.
 */
export const DESTINATION_OPTIONS = {
  storage: { type: 'string', short: 's' },
  out: { type: 'string', short: 'o', multiple: true },
  'insecure-registry': { type: 'string', multiple: true },
} as const;

/** Every place `build` was told to write to, bucket first. */
export function destinationFlags(values: { storage?: string; out?: string[] }): string[] {
  return [...(values.storage !== undefined ? [values.storage] : []), ...(values.out ?? [])];
}

/** The bucket from --storage or its alias --out (undefined when neither is given). */
export function bucketFlag(values: { storage?: string; out?: string }): string | undefined {
  if (values.storage !== undefined && values.out !== undefined && values.storage !== values.out) {
    throw new UsageError(`--storage and --out name the same bucket; give one of them, not "${values.storage}" and "${values.out}"`);
  }
  return values.storage ?? values.out;
}

export const S3_OPTIONS = {
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  's3-path-style': { type: 'string' },
} as const;

export const S3_USAGE = `  --s3-endpoint URL       s3:// only: the store's URL, e.g. MinIO or R2 (default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)
  --s3-region REGION      s3:// only (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)
  --s3-path-style BOOL    s3:// only: bucket in the URL path (default AWS_S3_FORCE_PATH_STYLE; on with --s3-endpoint)`;

export function s3Settings(values: { 's3-endpoint'?: string; 's3-region'?: string; 's3-path-style'?: string }): S3Settings {
  const pathStyle = values['s3-path-style'];
  if (pathStyle !== undefined && !/^(true|false)$/.test(pathStyle)) {
    throw new UsageError(`--s3-path-style "${pathStyle}": expected true or false`);
  }
  return {
    ...(values['s3-endpoint'] !== undefined ? { endpoint: values['s3-endpoint'] } : {}),
    ...(values['s3-region'] !== undefined ? { region: values['s3-region'] } : {}),
    ...(pathStyle !== undefined ? { forcePathStyle: pathStyle === 'true' } : {}),
  };
}
