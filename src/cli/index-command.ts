import { stat } from 'node:fs/promises';
import { parseCommandArgs } from './args.ts';
import { UsageError } from '../errors.ts';
import { ImageStore } from '../storage/image-store.ts';
import type { IndexRefresh } from '../storage/image-store.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { BUCKET_OPTIONS, bucketFlag, S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';

export const INDEX_USAGE = `Usage: nixery index --repair --storage BUCKET [options]

Rewrites BUCKET's index.json (the OCI index that skopeo and other layout readers use) from its tag objects, and
prints what changed. Builds refresh it themselves; this repairs a bucket whose last build was killed between
writing a tag and refreshing the index. Tag objects that hold no tag record are left out, with a warning.

  --repair                rewrite index.json where it differs from the tag objects (required)
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}`;

export async function indexCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...BUCKET_OPTIONS, repair: { type: 'boolean', default: false }, ...S3_OPTIONS },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.repair) throw new UsageError('--repair is required: it is what "nixery index" does');
  const bucket = bucketFlag(values);
  if (bucket === undefined) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const storage = await openStorage(bucket, { s3: s3Settings(values) });
  if (storage.local && !(await stat(storage.local.folder).catch(() => null))?.isDirectory()) {
    throw new UsageError(`--storage ${bucket}: no such folder`);
  }
  const store = new ImageStore(storage);
  process.stdout.write(describeRepair(storage.location, await store.repairIndex()));
}

export function describeRepair(location: string, result: IndexRefresh): string {
  const lines: string[] = [];
  for (const [ref, digest] of result.after) {
    const before = result.before.get(ref);
    if (before === undefined) lines.push(`  added    ${ref} ${digest}`);
    else if (before !== digest) lines.push(`  changed  ${ref} ${before} -> ${digest}`);
  }
  for (const [ref, digest] of result.before) {
    if (!result.after.has(ref)) lines.push(`  removed  ${ref} ${digest}`);
  }
  const tags = `${result.after.size} tag${result.after.size === 1 ? '' : 's'}`;
  const skipped = result.unreadable.length ? `, ${result.unreadable.length} unreadable tag object(s) left out` : '';
  if (!result.rewritten) return `index.json in ${location} already lists its ${tags}${skipped}; nothing changed\n`;
  const what = lines.length ? '' : ' (same entries, rewritten: it was missing, damaged or formatted differently)';
  return [`index.json in ${location} rewritten from ${tags}${skipped}${what}`, ...lines, ''].join('\n');
}
