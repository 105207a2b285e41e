#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/cli/storage-options.ts
var BUCKET_OPTIONS = {
  storage: { type: "string", short: "s" },
  out: { type: "string", short: "o" }
};
var DESTINATION_OPTIONS = {
  storage: { type: "string", short: "s" },
  out: { type: "string", short: "o", multiple: true },
  "insecure-registry": { type: "string", multiple: true }
};
function destinationFlags(values) {
  return [...values.storage !== void 0 ? [values.storage] : [], ...values.out ?? []];
}
function bucketFlag(values) {
  if (values.storage !== void 0 && values.out !== void 0 && values.storage !== values.out) {
    throw new UsageError(`--storage and --out name the same bucket; give one of them, not "${values.storage}" and "${values.out}"`);
  }
  return values.storage ?? values.out;
}
var S3_OPTIONS = {
  "s3-endpoint": { type: "string" },
  "s3-region": { type: "string" },
  "s3-path-style": { type: "string" }
};
var S3_USAGE = `  --s3-endpoint URL       s3:// only: the store's URL, e.g. MinIO or R2 (default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)
  --s3-region REGION      s3:// only (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)
  --s3-path-style BOOL    s3:// only: bucket in the URL path (default AWS_S3_FORCE_PATH_STYLE; on with --s3-endpoint)`;
function s3Settings(values) {
  const pathStyle = values["s3-path-style"];
  if (pathStyle !== void 0 && !/^(true|false)$/.test(pathStyle)) {
    throw new UsageError(`--s3-path-style "${pathStyle}": expected true or false`);
  }
  return {
    ...values["s3-endpoint"] !== void 0 ? { endpoint: values["s3-endpoint"] } : {},
    ...values["s3-region"] !== void 0 ? { region: values["s3-region"] } : {},
    ...pathStyle !== void 0 ? { forcePathStyle: pathStyle === "true" } : {}
  };
}

export {
  BUCKET_OPTIONS,
  DESTINATION_OPTIONS,
  destinationFlags,
  bucketFlag,
  S3_OPTIONS,
  S3_USAGE,
  s3Settings
};
