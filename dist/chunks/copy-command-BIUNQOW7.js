#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  DEFAULT_UPLOAD_PARALLELISM,
  UploadMeter,
  meteredTarget,
  platformManifestsOf,
  putStoredBlob,
  sizeOf
} from "./chunk-UCILIBD2.js";
import "./chunk-IT5BRIKT.js";
import "./chunk-RXNZCBAM.js";
import {
  S3_OPTIONS,
  S3_USAGE,
  s3Settings
} from "./chunk-I55TT3F7.js";
import {
  assertValidTag,
  parseImageReference
} from "./chunk-5JWIH4TD.js";
import {
  parseCommandArgs
} from "./chunk-BI2ILFY6.js";
import {
  openRegistryTarget,
  parsePushDestination
} from "./chunk-33UKXWJ4.js";
import {
  BucketTarget
} from "./chunk-XRBSOUCT.js";
import "./chunk-4DWZHMQA.js";
import {
  openStorage
} from "./chunk-FZNGP23G.js";
import {
  ImageStore,
  isDescriptor,
  pLimit
} from "./chunk-CE262DKV.js";
import {
  sha256Digest
} from "./chunk-6QJK6SSJ.js";
import {
  MediaType
} from "./chunk-GCYMDIW2.js";
import "./chunk-DUEYGPJ2.js";
import "./chunk-VQIJQ3JB.js";
import {
  UsageError,
  formatBytes
} from "./chunk-WXRP66RY.js";
import "./chunk-4ZPLT25K.js";

// src/pipeline/copy-image.ts
async function copyImage(source, name, tag, target, tags) {
  const manifest = await source.resolveTag(name, tag);
  if (!manifest) throw new UsageError(`${name}:${tag} is not in ${source.storage.location}; "nixery build" it there first`);
  const bytes = await readManifest(source, manifest, `${name}:${tag}`);
  const isIndex = manifest.mediaType === MediaType.ociIndex;
  const platforms = isIndex ? await Promise.all(
    platformManifestsOf(bytes).map(async ({ manifest: m }) => ({
      manifest: m,
      bytes: await readManifest(source, m, `${name}:${tag} (${m.digest})`)
    }))
  ) : [];
  const images = isIndex ? platforms : [{ manifest, bytes }];
  const blobs = images.flatMap((image) => blobsOf(image.bytes, `${name}:${tag}`));
  if (await target.hasBlob(name, manifest)) {
    for (const image of images) await copyReferrers(source, name, image.manifest, target);
    await target.tag(name, tags, manifest, bytes);
    return { name, digest: manifest.digest, tags, uploadedBytes: 0, skippedBytes: sizeOf(blobs) + sizeOf(images.map((i) => i.manifest)) };
  }
  const meter = new UploadMeter();
  const metered = meteredTarget(target, meter);
  const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
  const unique = [...new Map(blobs.map((blob) => [blob.digest, blob])).values()];
  await Promise.all(
    unique.map(
      (blob) => limit(async () => {
        if (await metered.hasBlob(name, blob)) meter.skip(blob.size);
        else await putStoredBlob(source, metered, name, blob);
      })
    )
  );
  for (const platform of platforms) await metered.putManifest(name, platform.manifest, platform.bytes);
  await metered.putManifest(name, manifest, bytes);
  for (const image of images) await copyReferrers(source, name, image.manifest, metered);
  await metered.tag(name, tags, manifest, bytes);
  return { name, digest: manifest.digest, tags, uploadedBytes: meter.uploadedBytes, skippedBytes: meter.skippedBytes };
}
async function copyReferrers(source, name, subject, target) {
  for (const referrer of await source.listReferrers(subject.digest)) {
    const bytes = await source.readBlob(referrer.digest);
    if (!bytes || sha256Digest(bytes) !== referrer.digest) continue;
    for (const blob of blobsOf(bytes, `the artifact ${referrer.digest}`)) {
      if (!await target.hasBlob(name, blob)) await putStoredBlob(source, target, name, blob);
    }
    await target.putReferrer(name, subject, referrer, bytes);
  }
}
async function readManifest(source, manifest, what) {
  const bytes = await source.readBlob(manifest.digest);
  if (!bytes || sha256Digest(bytes) !== manifest.digest) {
    throw new Error(`the manifest of ${what} (${manifest.digest}) is missing or damaged in ${source.storage.location}`);
  }
  return bytes;
}
function blobsOf(manifest, what) {
  const parsed = JSON.parse(manifest.toString("utf8"));
  const layers = Array.isArray(parsed.layers) ? parsed.layers : [];
  if (!isDescriptor(parsed.config) || !layers.every(isDescriptor)) throw new Error(`the manifest of ${what} is not an image manifest`);
  return [parsed.config, ...layers];
}

// src/cli/copy-command.ts
var COPY_USAGE = `Usage: nixery copy SOURCE NAME:TAG DESTINATION [--tag TAG]... [options]

Copies the image NAME:TAG from the bucket SOURCE to DESTINATION without building it: a registry
(docker://HOST[:PORT]/PREFIX, the image goes to PREFIX/NAME) or another bucket. Only the blobs DESTINATION lacks
are sent; then the manifest, then the tags. Promotes a pull request's image, e.g.
  nixery copy gs://bucket/images shell/git:pr-7 docker://ghcr.io/acme/images --tag latest

  --tag, -t TAG           tag at DESTINATION; repeat for several (default: the source's tag)
  --insecure-registry HOST  reach HOST over plain http (loopback registries always are)
${S3_USAGE}
  --json                  print the result as JSON`;
async function copyCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      tag: { type: "string", short: "t", multiple: true },
      "insecure-registry": { type: "string", multiple: true },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false }
    }
  });
  const [source, reference, destination, ...extra] = positionals;
  if (source === void 0 || reference === void 0 || destination === void 0 || extra.length > 0) {
    throw new UsageError("give SOURCE NAME:TAG DESTINATION, e.g. nixery copy ./store shell/git:v1 docker://ghcr.io/acme/images");
  }
  const { name, tag } = parseImageReference(reference, "v1");
  const tags = values.tag ?? [tag];
  tags.forEach(assertValidTag);
  const from = new ImageStore(await openStorage(source, { s3: s3Settings(values) }));
  const to = /^docker:\/\//i.test(destination) ? await openRegistryTarget(parsePushDestination(destination, { insecure: values["insecure-registry"] ?? [] })) : new BucketTarget(new ImageStore(await openStorage(destination, { s3: s3Settings(values) })));
  const result = await copyImage(from, name, tag, to, tags);
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...result, source: from.storage.location, destination: to.location }, null, 2) + "\n");
    return;
  }
  process.stdout.write(
    `${name}:${tag} -> ${to.location} as ${tags.join(", ")}
  digest  ${result.digest}
  sent    ${formatBytes(result.uploadedBytes)} (${formatBytes(result.skippedBytes)} already there)
`
  );
}
export {
  COPY_USAGE,
  copyCommand
};
