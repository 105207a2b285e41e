#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/oci/digest.ts
import { createHash } from "node:crypto";
var SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
function sha256Digest(data) {
  return "sha256:" + createHash("sha256").update(data).digest("hex");
}
function isSha256Digest(value) {
  return SHA256_DIGEST.test(value);
}
function digestHex(digest) {
  if (!isSha256Digest(digest)) throw new Error(`invalid digest "${digest}": expected sha256:<64 lowercase hex>`);
  return digest.slice("sha256:".length);
}

// src/storage/layout.ts
var OCI_LAYOUT_KEY = "oci-layout";
var INDEX_KEY = "index.json";
var OCI_LAYOUT_CONTENT = JSON.stringify({ imageLayoutVersion: "1.0.0" });
function blobKey(digest) {
  return `${BLOBS_PREFIX}${digestHex(digest)}`;
}
var TAGS_DIR = "_tags";
var REPOSITORIES = "repositories/";
function tagKey(canonicalName, tag) {
  return `${REPOSITORIES}${canonicalName}/${TAGS_DIR}/${tag}`;
}
var TAGS_PREFIX = REPOSITORIES;
var PLATFORMS_DIR = "_platforms";
function platformRecordKey(canonicalName, tag, architecture) {
  return `${platformRecordsPrefix(canonicalName, tag)}${architecture}`;
}
function platformRecordsPrefix(canonicalName, tag) {
  return `${REPOSITORIES}${canonicalName}/${PLATFORMS_DIR}/${tag}/`;
}
function isPlatformRecordKey(key) {
  return key.startsWith(REPOSITORIES) && key.includes(`/${PLATFORMS_DIR}/`);
}
function parseTagKey(key) {
  if (!key.startsWith(REPOSITORIES)) return null;
  const marker = key.lastIndexOf(`/${TAGS_DIR}/`);
  if (marker <= REPOSITORIES.length) return null;
  const name = key.slice(REPOSITORIES.length, marker);
  const tag = key.slice(marker + TAGS_DIR.length + 2);
  return tag && !tag.includes("/") ? { name, tag } : null;
}
function layerCacheKey(cacheKeyHex) {
  return `${LAYER_CACHE_PREFIX}${cacheKeyHex}.json`;
}
function manifestCacheKey(cacheKeyHex) {
  return `${MANIFEST_CACHE_PREFIX}${cacheKeyHex}.json`;
}
function referrersPrefix(subjectDigest) {
  return `${REFERRERS_PREFIX}${digestHex(subjectDigest)}/`;
}
function referrerKey(subjectDigest, referrerDigest) {
  return `${referrersPrefix(subjectDigest)}${digestHex(referrerDigest)}.json`;
}
var REFERRERS_PREFIX = "referrers/";
function parseReferrerKey(key) {
  const match = /^referrers\/([a-f0-9]{64})\/([a-f0-9]{64})\.json$/.exec(key);
  return match ? { subject: `sha256:${match[1]}`, referrer: `sha256:${match[2]}` } : null;
}
var SWEEPS_PREFIX = "gc/sweeps/";
function sweepRecordKey(id) {
  return `${SWEEPS_PREFIX}${id}.json`;
}
var BLOBS_PREFIX = "blobs/sha256/";
function parseBlobKey(key) {
  const hex = key.slice(BLOBS_PREFIX.length);
  return key.startsWith(BLOBS_PREFIX) && /^[a-f0-9]{64}$/.test(hex) ? `sha256:${hex}` : null;
}
var LAYER_CACHE_PREFIX = "cache/layers/";
var MANIFEST_CACHE_PREFIX = "cache/manifests/";
var LEASES_PREFIX = "leases/";
function leasesPrefix(canonicalName, tag) {
  return `${LEASES_PREFIX}${canonicalName}/${TAGS_DIR}/${tag}/`;
}
function leaseKey(canonicalName, tag, holder) {
  return `${leasesPrefix(canonicalName, tag)}${holder}.json`;
}

export {
  sha256Digest,
  isSha256Digest,
  digestHex,
  OCI_LAYOUT_KEY,
  INDEX_KEY,
  OCI_LAYOUT_CONTENT,
  blobKey,
  tagKey,
  TAGS_PREFIX,
  platformRecordKey,
  platformRecordsPrefix,
  isPlatformRecordKey,
  parseTagKey,
  layerCacheKey,
  manifestCacheKey,
  referrersPrefix,
  referrerKey,
  REFERRERS_PREFIX,
  parseReferrerKey,
  SWEEPS_PREFIX,
  sweepRecordKey,
  BLOBS_PREFIX,
  parseBlobKey,
  LAYER_CACHE_PREFIX,
  MANIFEST_CACHE_PREFIX,
  LEASES_PREFIX,
  leasesPrefix,
  leaseKey
};
