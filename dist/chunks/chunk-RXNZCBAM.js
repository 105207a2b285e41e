#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/image/metadata.ts
var OciKey = {
  created: "org.opencontainers.image.created",
  source: "org.opencontainers.image.source",
  revision: "org.opencontainers.image.revision",
  url: "org.opencontainers.image.url",
  version: "org.opencontainers.image.version",
  title: "org.opencontainers.image.title",
  description: "org.opencontainers.image.description",
  licenses: "org.opencontainers.image.licenses"
};
var NixeryKey = {
  nixpkgsRevision: "dev.nixery.nixpkgs.revision",
  nixpkgsSource: "dev.nixery.nixpkgs.source"
};
var KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
function parseKeyValues(entries, what) {
  const result = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const key = at < 0 ? entry.trim() : entry.slice(0, at).trim();
    if (at < 0) throw new UsageError(`${what}: "${entry}" has no "=": give key=value, e.g. org.opencontainers.image.vendor=ACME`);
    if (!KEY.test(key)) {
      throw new UsageError(`${what}: "${key}" is not a valid key: letters, digits, ".", "_", "-" and "/", such as com.example.team`);
    }
    result[key] = entry.slice(at + 1);
  }
  return result;
}
function epochTime(epochSeconds) {
  return new Date(epochSeconds * 1e3).toISOString().replace(".000Z", "Z");
}
function parseSourceDateEpoch(value, what = "SOURCE_DATE_EPOCH") {
  if (value === void 0 || value.trim() === "") return void 0;
  const v = value.trim();
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) > 253402300799) {
    throw new UsageError(`${what}: "${value}" is not a number of seconds since 1970-01-01 (e.g. the output of git log -1 --format=%ct)`);
  }
  return Number(v);
}

export {
  OciKey,
  NixeryKey,
  parseKeyValues,
  epochTime,
  parseSourceDateEpoch
};
