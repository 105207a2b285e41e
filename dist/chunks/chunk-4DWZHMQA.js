#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  isDescriptor
} from "./chunk-CE262DKV.js";
import {
  sha256Digest
} from "./chunk-6QJK6SSJ.js";
import {
  MediaType
} from "./chunk-GCYMDIW2.js";
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";

// src/oci/annotations.ts
function sortedRecord(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}

// src/oci/artifact.ts
var EMPTY_CONFIG_BYTES = Buffer.from("{}");
var EMPTY_CONFIG = {
  mediaType: MediaType.ociEmpty,
  digest: sha256Digest(EMPTY_CONFIG_BYTES),
  size: EMPTY_CONFIG_BYTES.length
};
function serializeArtifactManifest(artifactType, blobs, subject, annotations) {
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType,
    config: EMPTY_CONFIG,
    layers: blobs,
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    ...Object.keys(annotations).length > 0 ? { annotations: sortedRecord(annotations) } : {}
  };
  return Buffer.from(JSON.stringify(manifest));
}
function referrersFallbackTag(subjectDigest) {
  return subjectDigest.replace(":", "-");
}
function serializeReferrersIndex(referrers) {
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: referrers }));
}
function parseReferrersIndex(bytes) {
  try {
    const index = JSON.parse(bytes.toString("utf8"));
    return Array.isArray(index.manifests) ? index.manifests.filter(isDescriptor) : [];
  } catch {
    return [];
  }
}

// src/oci/config.ts
var IMAGE_CREATED = "1970-01-01T00:00:01Z";
var STORE_PATHS_HISTORY_PREFIX = "nix store paths: ";
var STORE_PATH = /^\/nix\/store\/[0-9a-z]{32}-[A-Za-z0-9+._?=-]+$/;
function storePathsOf(createdBy) {
  if (typeof createdBy !== "string" || !createdBy.startsWith(STORE_PATHS_HISTORY_PREFIX)) return null;
  const paths = createdBy.slice(STORE_PATHS_HISTORY_PREFIX.length).split(" ").filter((p) => p !== "");
  return paths.length > 0 && paths.every((p) => STORE_PATH.test(p)) ? paths : null;
}
function serializeImageConfig(input) {
  if (input.history.length !== input.diffIds.length) {
    throw new Error(`image config: ${input.diffIds.length} layers but ${input.history.length} history entries`);
  }
  const created = input.created ?? IMAGE_CREATED;
  const config = {
    created,
    architecture: input.arch,
    os: "linux",
    config: runtimeConfig(input),
    rootfs: { type: "layers", diff_ids: input.diffIds },
    history: input.history.map((h) => ({ created, created_by: h.createdBy }))
  };
  return Buffer.from(JSON.stringify(config));
}
function runtimeConfig(input) {
  const sorted = (keys) => [...keys].sort(compareStrings);
  return {
    ...input.user !== void 0 ? { User: input.user } : {},
    ...input.exposedPorts?.length ? { ExposedPorts: Object.fromEntries(sorted(input.exposedPorts).map((p) => [p, {}])) } : {},
    Env: input.env,
    ...input.entrypoint ? { Entrypoint: input.entrypoint } : {},
    ...input.cmd ? { Cmd: input.cmd } : {},
    ...input.workingDir !== void 0 ? { WorkingDir: input.workingDir } : {},
    ...input.labels && Object.keys(input.labels).length > 0 ? { Labels: Object.fromEntries(sorted(Object.keys(input.labels)).map((k) => [k, input.labels[k]])) } : {},
    ...input.stopSignal !== void 0 ? { StopSignal: input.stopSignal } : {}
  };
}
function parseImageConfig(bytes) {
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    const { architecture, config, rootfs, history } = parsed;
    const strings = (value) => Array.isArray(value) && value.every((v) => typeof v === "string");
    if (architecture !== "amd64" && architecture !== "arm64") return null;
    if (!strings(config?.Env) || config.Cmd !== void 0 && !strings(config.Cmd)) return null;
    if (!strings(rootfs?.diff_ids) || !Array.isArray(history) || history.length !== rootfs.diff_ids.length) return null;
    const createdBy = history.map((h) => h?.created_by);
    if (!strings(createdBy)) return null;
    return {
      arch: architecture,
      env: config.Env,
      ...config.Cmd ? { cmd: config.Cmd } : {},
      diffIds: rootfs.diff_ids,
      history: createdBy.map((c) => ({ createdBy: c }))
    };
  } catch {
    return null;
  }
}

export {
  sortedRecord,
  EMPTY_CONFIG_BYTES,
  EMPTY_CONFIG,
  serializeArtifactManifest,
  referrersFallbackTag,
  serializeReferrersIndex,
  parseReferrersIndex,
  IMAGE_CREATED,
  STORE_PATHS_HISTORY_PREFIX,
  storePathsOf,
  serializeImageConfig,
  parseImageConfig
};
