import { parseCommandArgs } from './args.ts';
import { UsageError } from '../errors.ts';
import { assertValidTag, parseImageReference } from '../image/name.ts';
import { untagImages } from '../lifecycle/untag.ts';
import { ImageStore } from '../storage/image-store.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { BUCKET_OPTIONS, bucketFlag, S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';

export const UNTAG_USAGE = `Usage: nixery untag --storage BUCKET [NAME:TAG]... [--tag TAG]... [options]

Removes tags from BUCKET: their tag objects and their index.json entries. Blobs stay; "nixery gc" removes what no
tag reaches any more. A tag that is not there is not an error.

  NAME:TAG                one image's tag, e.g. shell/git/htop:pr-7
  --tag, -t TAG           this tag on every image that has it; repeat for several
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}
  --json                  print what was removed as JSON`;

export async function untagCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      tag: { type: 'string', short: 't', multiple: true },
      ...S3_OPTIONS,
      json: { type: 'boolean', default: false },
    },
  });
  const bucket = bucketFlag(values);
  if (bucket === undefined) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const tags = (values.tag ?? []).map(assertValidTag);
  const refs = positionals.map((reference) => parseImageReference(reference, 'pr-7'));
  if (refs.length === 0 && tags.length === 0) throw new UsageError('give NAME:TAG or --tag TAG: what to untag');
  const store = new ImageStore(await openStorage(bucket, { s3: s3Settings(values) }));
  const { removed } = await untagImages(store, { refs, tags });
  if (values.json) {
    const list = removed.map((i) => ({ name: i.name, tag: i.tag, digest: i.manifest.digest }));
    process.stdout.write(JSON.stringify({ storage: store.storage.location, removed: list }, null, 2) + '\n');
    return;
  }
  if (removed.length === 0) process.stdout.write(`no such tags in ${store.storage.location}; nothing changed\n`);
  for (const image of removed) process.stdout.write(`untagged ${image.name}:${image.tag} (${image.manifest.digest})\n`);
}
