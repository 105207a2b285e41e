#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/report/format.ts
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
function shortDigest(digest) {
  const colon = digest.indexOf(":");
  return digest.slice(0, colon + 1 + 12);
}
function formatSeconds(seconds) {
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}

// src/errors.ts
var NixeryError = class extends Error {
};
function lookUpError(table, error, ...args) {
  return table[error.kind](error, ...args);
}
var UsageError = class extends NixeryError {
  kind = "usage";
  name = "UsageError";
};
var UnknownPackagesError = class extends NixeryError {
  kind = "unknown-packages";
  packages;
  /** Why each name did not resolve (missing, ambiguous, not a derivation, fails to evaluate). */
  reasons;
  constructor(packages, reasons = {}, sourceLabel) {
    const where = sourceLabel ? ` in ${sourceLabel}` : "";
    const details = packages.map((name) => reasons[name] ? `${name} (${reasons[name]})` : name);
    super(
      `unknown package${packages.length === 1 ? "" : "s"}${where}: ${details.join(", ")}. Check the spelling, or use a dotted attribute path such as haskellPackages.pandoc.`
    );
    this.name = "UnknownPackagesError";
    this.packages = packages;
    this.reasons = reasons;
  }
};
var MissingGitRefError = class extends NixeryError {
  kind = "missing-git-ref";
  url;
  ref;
  constructor(url, ref) {
    super(
      `image tag "${ref}" matches no branch or tag of ${url}: use "latest" for the default branch, a branch or tag name, or a full 40-character commit hash`
    );
    this.name = "MissingGitRefError";
    this.url = url;
    this.ref = ref;
  }
};
var NixBuildError = class extends NixeryError {
  kind = "nix-build";
  logTail;
  exitCode;
  constructor(summary, logTail, exitCode) {
    const tail = logTail.length > 0 ? `
--- last ${logTail.length} lines of the Nix log ---
${logTail.join("\n")}` : "";
    super(summary + tail);
    this.name = "NixBuildError";
    this.logTail = logTail;
    this.exitCode = exitCode;
  }
};
var NixTimeoutError = class extends NixeryError {
  kind = "nix-timeout";
  timeoutMs;
  logTail;
  constructor(command, timeoutMs, logTail) {
    super(
      `${command} did not finish within ${formatSeconds(timeoutMs / 1e3)} and was stopped. Raise the build timeout, or build fewer or smaller packages per image.`
    );
    this.name = "NixTimeoutError";
    this.timeoutMs = timeoutMs;
    this.logTail = logTail;
  }
};
var BucketAccessError = class extends NixeryError {
  kind = "bucket-access";
  /** The object's URL, e.g. gs://bucket/prefix/index.json. */
  url;
  verb;
  /** HTTP status where the store gave one. */
  status;
  constructor(verb, url, detail, hint, status, cause) {
    super(`cannot ${verb} ${url}: ${detail}${status ? ` (HTTP ${status})` : ""}; ${hint}`, cause === void 0 ? {} : { cause });
    this.name = "BucketAccessError";
    this.verb = verb;
    this.url = url;
    if (status !== void 0) this.status = status;
  }
};
var RegistryAccessError = class extends NixeryError {
  kind = "registry-access";
  host;
  repository;
  status;
  code;
  tried;
  constructor(message, details, cause) {
    super(message, cause === void 0 ? {} : { cause });
    this.name = "RegistryAccessError";
    this.host = details.host;
    this.repository = details.repository;
    if (details.status !== void 0) this.status = details.status;
    if (details.code !== void 0) this.code = details.code;
    this.tried = details.tried;
  }
};

// src/compare.ts
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

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

// src/storage/cache-control.ts
var IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
var MUTABLE_CACHE_CONTROL = "no-store";

export {
  formatBytes,
  shortDigest,
  formatSeconds,
  NixeryError,
  lookUpError,
  UsageError,
  UnknownPackagesError,
  MissingGitRefError,
  NixBuildError,
  NixTimeoutError,
  BucketAccessError,
  RegistryAccessError,
  compareStrings,
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
  describeStoreError,
  IMMUTABLE_CACHE_CONTROL,
  MUTABLE_CACHE_CONTROL
};
