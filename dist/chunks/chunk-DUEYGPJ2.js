#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BucketAccessError
} from "./chunk-WXRP66RY.js";

// src/storage/checksums.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
function checksumsOfBytes(data, options) {
  return {
    size: data.length,
    sha256Hex: createHash("sha256").update(data).digest("hex"),
    ...options.md5 ? { md5Base64: createHash("md5").update(data).digest("base64") } : {}
  };
}
async function checksumsOfFile(file, options) {
  const sha256 = createHash("sha256");
  const md5 = options.md5 ? createHash("md5") : null;
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    sha256.update(chunk);
    md5?.update(chunk);
    size += chunk.length;
  }
  return { size, sha256Hex: sha256.digest("hex"), ...md5 ? { md5Base64: md5.digest("base64") } : {} };
}
function uploadChecksumsOfBytes(data, given) {
  return withMd5(given) ?? checksumsOfBytes(data, { md5: true });
}
async function uploadChecksumsOfFile(file, given) {
  return withMd5(given) ?? await checksumsOfFile(file, { md5: true });
}
function withMd5(checksums) {
  return checksums?.md5Base64 === void 0 ? void 0 : checksums;
}

// src/storage/remote-object.ts
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
var SHA256_METADATA = "sha256";
var TOUCHED_METADATA = "nixery-touched";
var LIST_PAGE_SIZE = 1e3;
function normalizePrefix(prefix) {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `${trimmed}/` : "";
}
var staging;
var STAGING_PREFIX = "nixery-staging-";
var STALE_TEMP_MS = 60 * 60 * 1e3;
function localStagingDir() {
  staging ??= (async () => {
    await removeStaleStagingDirs(os.tmpdir());
    let dir;
    const remove = () => {
      if (dir !== void 0) rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", remove);
    removeOnSignal("SIGTERM", remove);
    removeOnSignal("SIGINT", remove);
    dir = mkdtempSync(path.join(os.tmpdir(), `${STAGING_PREFIX}${process.pid}-`));
    return dir;
  })();
  return staging;
}
function removeOnSignal(signal, remove) {
  const handler = () => {
    if (process.listeners(signal).some((listener) => listener !== handler)) return;
    remove();
    process.exit(128 + os.constants.signals[signal]);
  };
  process.on(signal, handler);
}
async function removeStaleStagingDirs(tmp, now = Date.now()) {
  const removed = [];
  const names = await readdir(tmp).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = /^(\d+)-/.exec(name.slice(STAGING_PREFIX.length))?.[1];
    const dir = path.join(tmp, name);
    if (pid !== void 0) {
      if (Number(pid) === process.pid || isRunning(Number(pid))) continue;
    } else {
      const info = await stat(dir).catch(() => null);
      if (!info || now - info.mtimeMs < STALE_TEMP_MS) continue;
    }
    try {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
    }
  }
  return removed;
}
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function describeStoreError(verb, url, error, hint) {
  const err = error;
  const status = err.$metadata?.httpStatusCode ?? (typeof err.code === "number" ? err.code : void 0);
  return new BucketAccessError(verb, url, err.message, hint, status, error);
}

export {
  checksumsOfBytes,
  checksumsOfFile,
  uploadChecksumsOfBytes,
  uploadChecksumsOfFile,
  SHA256_METADATA,
  TOUCHED_METADATA,
  LIST_PAGE_SIZE,
  normalizePrefix,
  STALE_TEMP_MS,
  localStagingDir,
  describeStoreError
};
