#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  ARCHES,
  COMPRESSIONS,
  VARIANTS
} from "./chunk-GCYMDIW2.js";
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/layers/budget.ts
var DEFAULT_LAYER_BUDGET = 100;

// src/settings/rules.ts
var MAX_LAYERS = 125;
var MAX_BUDGET = MAX_LAYERS - 1;
var DEFAULT_COMPRESSION = "gzip";
var DEFAULT_TIMEOUT_SECONDS = 3600;
var MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1e3);
function parseBudget(value, name = "--budget") {
  if (value === void 0) return DEFAULT_LAYER_BUDGET;
  const budget = Number(value);
  if (!/^\d+$/.test(value) || budget < 1 || budget > MAX_BUDGET) {
    throw new UsageError(`${name} "${value}": expected a whole number from 1 to ${MAX_BUDGET}`);
  }
  return budget;
}
function parseCompression(value, name = "--compression") {
  if (value === void 0) return DEFAULT_COMPRESSION;
  if (!COMPRESSIONS.includes(value)) {
    throw new UsageError(`${name} "${value}": expected one of ${COMPRESSIONS.join(", ")}`);
  }
  return value;
}
function parseTimeout(value, env, name = "--timeout") {
  const raw = value ?? env.NIX_TIMEOUT;
  if (raw === void 0 || raw === "" && value === void 0) return DEFAULT_TIMEOUT_SECONDS * 1e3;
  const seconds = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `${value !== void 0 ? name : "NIX_TIMEOUT"} "${raw}": expected a positive number of seconds, at most ${MAX_TIMEOUT_SECONDS}`
    );
  }
  return seconds * 1e3;
}
function parsePositiveInteger(name, value) {
  if (value === void 0) return void 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${name} "${value}": expected a whole number of at least 1`);
  return n;
}
function parsePlatforms(value, setting = "--platform") {
  const arches = [];
  for (const raw of value.split(",")) {
    const spelled = raw.trim();
    if (spelled === "") continue;
    const [os, arch, variant, ...rest] = spelled.toLowerCase().split("/");
    const known = ARCHES.find((a) => a === arch);
    if (os !== "linux" || !known || rest.length > 0 || variant !== void 0 && variant !== VARIANTS[known]) {
      throw new UsageError(
        `${setting}: "${spelled}" is not a platform nixery builds; it builds linux/amd64 and linux/arm64 (e.g. ${setting} linux/amd64,linux/arm64)`
      );
    }
    if (!arches.includes(known)) arches.push(known);
  }
  if (arches.length === 0) throw new UsageError(`${setting} is empty: give linux/amd64 and linux/arm64, comma-separated`);
  return arches;
}

export {
  DEFAULT_LAYER_BUDGET,
  DEFAULT_TIMEOUT_SECONDS,
  MAX_TIMEOUT_SECONDS,
  parseBudget,
  parseCompression,
  parseTimeout,
  parsePositiveInteger,
  parsePlatforms
};
