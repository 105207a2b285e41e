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
  RegistryAccessError
};
