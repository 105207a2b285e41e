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

// src/cli/index-command.ts
import { stat } from "node:fs/promises";
var INDEX_USAGE = `Usage: nixery index --repair --storage BUCKET [options]

Rewrites BUCKET's index.json (the OCI index that skopeo and other layout readers use) from its tag objects, and
prints what changed. Builds refresh it themselves; this repairs a bucket whose last build was killed between
writing a tag and refreshing the index. Tag objects that hold no tag record are left out, with a warning.

  --repair                rewrite index.json where it differs from the tag objects (required)
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}`;
async function indexCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...BUCKET_OPTIONS, repair: { type: "boolean", default: false }, ...S3_OPTIONS }
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.repair) throw new UsageError('--repair is required: it is what "nixery index" does');
  const bucket = bucketFlag(values);
  if (bucket === void 0) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const storage = await openStorage(bucket, { s3: s3Settings(values) });
  if (storage.local && !(await stat(storage.local.folder).catch(() => null))?.isDirectory()) {
    throw new UsageError(`--storage ${bucket}: no such folder`);
  }
  const store = new ImageStore(storage);
  process.stdout.write(describeRepair(storage.location, await store.repairIndex()));
}
function describeRepair(location, result) {
  const lines = [];
  for (const [ref, digest] of result.after) {
    const before = result.before.get(ref);
    if (before === void 0) lines.push(`  added    ${ref} ${digest}`);
    else if (before !== digest) lines.push(`  changed  ${ref} ${before} -> ${digest}`);
  }
  for (const [ref, digest] of result.before) {
    if (!result.after.has(ref)) lines.push(`  removed  ${ref} ${digest}`);
  }
  const tags = `${result.after.size} tag${result.after.size === 1 ? "" : "s"}`;
  const skipped = result.unreadable.length ? `, ${result.unreadable.length} unreadable tag object(s) left out` : "";
  if (!result.rewritten) return `index.json in ${location} already lists its ${tags}${skipped}; nothing changed
`;
  const what = lines.length ? "" : " (same entries, rewritten: it was missing, damaged or formatted differently)";
  return [`index.json in ${location} rewritten from ${tags}${skipped}${what}`, ...lines, ""].join("\n");
}
export {
  INDEX_USAGE,
  describeRepair,
  indexCommand
};
