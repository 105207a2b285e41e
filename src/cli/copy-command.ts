import { parseCommandArgs } from './args.ts';
import { parsePushDestination } from '../distribution/reference.ts';
import { UsageError } from '../errors.ts';
import { assertValidTag, parseImageReference } from '../image/name.ts';
import { copyImage } from '../pipeline/copy-image.ts';
import { openRegistryTarget } from '../pipeline/destination.ts';
import { formatBytes } from '../report/format.ts';
import { ImageStore } from '../storage/image-store.ts';
import { openStorage } from '../storage/open.ts';
import { BucketTarget } from '../targets/bucket.ts';
import type { ImageTarget } from '../targets/target.ts';
import { S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';

export const COPY_USAGE = `Usage: nixery copy SOURCE NAME:TAG DESTINATION [--tag TAG]... [options]

Copies the image NAME:TAG from the bucket SOURCE to DESTINATION without building it: a registry
(docker://HOST[:PORT]/PREFIX, the image goes to PREFIX/NAME) or another bucket. Only the blobs DESTINATION lacks
are sent; then the manifest, then the tags. Promotes a pull request's image, e.g.
  nixery copy gs://bucket/images shell/git:pr-7 docker://ghcr.io/acme/images --tag latest

  --tag, -t TAG           tag at DESTINATION; repeat for several (default: the source's tag)
  --insecure-registry HOST  reach HOST over plain http (loopback registries always are)
${S3_USAGE}
  --json                  print the result as JSON`;

export async function copyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      tag: { type: 'string', short: 't', multiple: true },
      'insecure-registry': { type: 'string', multiple: true },
      ...S3_OPTIONS,
      json: { type: 'boolean', default: false },
    },
  });
  const [source, reference, destination, ...extra] = positionals;
  if (source === undefined || reference === undefined || destination === undefined || extra.length > 0) {
    throw new UsageError('give SOURCE NAME:TAG DESTINATION, e.g. nixery copy ./store shell/git:v1 docker://ghcr.io/acme/images');
  }
  const { name, tag } = parseImageReference(reference, 'v1');
  const tags = values.tag ?? [tag];
  tags.forEach(assertValidTag);

  const from = new ImageStore(await openStorage(source, { s3: s3Settings(values) }));
  const to: ImageTarget = /^docker:\/\//i.test(destination)
    ? await openRegistryTarget(parsePushDestination(destination, { insecure: values['insecure-registry'] ?? [] }))
    : new BucketTarget(new ImageStore(await openStorage(destination, { s3: s3Settings(values) })));
  const result = await copyImage(from, name, tag, to, tags);
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...result, source: from.storage.location, destination: to.location }, null, 2) + '\n');
    return;
  }
  process.stdout.write(
    `${name}:${tag} -> ${to.location} as ${tags.join(', ')}\n  digest  ${result.digest}\n` +
      `  sent    ${formatBytes(result.uploadedBytes)} (${formatBytes(result.skippedBytes)} already there)\n`,
  );
}
