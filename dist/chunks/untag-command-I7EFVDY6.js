#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BUCKET_OPTIONS,
  S3_OPTIONS,
  S3_USAGE,
  bucketFlag,
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
  STORAGE_LOCATION_HELP,
  openStorage
} from "./chunk-FZNGP23G.js";
import {
  ImageStore
} from "./chunk-CE262DKV.js";
import "./chunk-6QJK6SSJ.js";
import "./chunk-GCYMDIW2.js";
import "./chunk-DUEYGPJ2.js";
import "./chunk-VQIJQ3JB.js";
import {
  UsageError
} from "./chunk-WXRP66RY.js";
import "./chunk-4ZPLT25K.js";

// src/lifecycle/untag.ts
async function untagImages(store, selection) {
  const images = await store.listTaggedImages();
  const ref = (name, tag) => `${name}:${tag}`;
  const exact = new Set((selection.refs ?? []).map((r) => ref(r.name, r.tag)));
  const always = new Set(selection.tags ?? []);
  const shared = new Set(selection.unlessShared ?? []);
  const chosen = images.filter((i) => exact.has(ref(i.name, i.tag)) || always.has(i.tag));
  const chosenRefs = new Set(chosen.map((i) => ref(i.name, i.tag)));
  const maybe = images.filter((i) => shared.has(i.tag) && !chosenRefs.has(ref(i.name, i.tag)));
  const maybeRefs = new Set(maybe.map((i) => ref(i.name, i.tag)));
  const staying = images.filter((i) => !chosenRefs.has(ref(i.name, i.tag)) && !maybeRefs.has(ref(i.name, i.tag)));
  const named = new Set(staying.map((i) => `${i.name}@${i.manifest.digest}`));
  const kept = maybe.filter((i) => named.has(`${i.name}@${i.manifest.digest}`));
  const removed = [...chosen, ...maybe.filter((i) => !named.has(`${i.name}@${i.manifest.digest}`))];
  const byName = /* @__PURE__ */ new Map();
  for (const image of removed) byName.set(image.name, [...byName.get(image.name) ?? [], image.tag]);
  for (const [name, tags] of byName) await store.untag(name, tags);
  return { removed, kept };
}

// src/cli/untag-command.ts
var UNTAG_USAGE = `Usage: nixery untag --storage BUCKET [NAME:TAG]... [--tag TAG]... [options]

Removes tags from BUCKET: their tag objects and their index.json entries. Blobs stay; "nixery gc" removes what no
tag reaches any more. A tag that is not there is not an error.

  NAME:TAG                one image's tag, e.g. shell/git/htop:pr-7
  --tag, -t TAG           this tag on every image that has it; repeat for several
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}
  --json                  print what was removed as JSON`;
async function untagCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      tag: { type: "string", short: "t", multiple: true },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false }
    }
  });
  const bucket = bucketFlag(values);
  if (bucket === void 0) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const tags = (values.tag ?? []).map(assertValidTag);
  const refs = positionals.map((reference) => parseImageReference(reference, "pr-7"));
  if (refs.length === 0 && tags.length === 0) throw new UsageError("give NAME:TAG or --tag TAG: what to untag");
  const store = new ImageStore(await openStorage(bucket, { s3: s3Settings(values) }));
  const { removed } = await untagImages(store, { refs, tags });
  if (values.json) {
    const list = removed.map((i) => ({ name: i.name, tag: i.tag, digest: i.manifest.digest }));
    process.stdout.write(JSON.stringify({ storage: store.storage.location, removed: list }, null, 2) + "\n");
    return;
  }
  if (removed.length === 0) process.stdout.write(`no such tags in ${store.storage.location}; nothing changed
`);
  for (const image of removed) process.stdout.write(`untagged ${image.name}:${image.tag} (${image.manifest.digest})
`);
}
export {
  UNTAG_USAGE,
  untagCommand
};
