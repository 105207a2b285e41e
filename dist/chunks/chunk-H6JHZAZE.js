#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/registry/errors.ts
var RegistryError = class extends Error {
  name = "RegistryError";
  status;
  code;
  detail;
  /** Extra response headers, e.g. WWW-Authenticate, Allow, Retry-After, Content-Range. */
  headers;
  constructor(status, code, message, options = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }
  body() {
    const error = { code: this.code, message: this.message };
    if (this.detail !== void 0) error.detail = this.detail;
    return JSON.stringify({ errors: [error] });
  }
};
function nameInvalid(message) {
  return new RegistryError(400, "NAME_INVALID", message);
}
function nameUnknown(name) {
  return new RegistryError(404, "NAME_UNKNOWN", `repository "${name}" is not in this registry`, { detail: { name } });
}
function manifestUnknown(name, reference, why = "is not in this registry") {
  return new RegistryError(404, "MANIFEST_UNKNOWN", `manifest ${name}:${reference} ${why}`, { detail: { name, reference } });
}
function blobUnknown(digest) {
  return new RegistryError(404, "BLOB_UNKNOWN", `blob ${digest} is not in this registry`, { detail: { digest } });
}
function digestInvalid(value) {
  return new RegistryError(400, "DIGEST_INVALID", `"${truncate(value)}" is not a valid digest: expected sha256:<64 lowercase hex>`);
}
function writeUnsupported(method) {
  return new RegistryError(
    405,
    "UNSUPPORTED",
    `${truncate(method)} is not supported: this registry is read-only (push with "nixery build" into the bucket instead)`,
    {
      headers: { Allow: "GET, HEAD" }
    }
  );
}
function tooManyRequests(retryAfterSeconds) {
  return new RegistryError(429, "TOOMANYREQUESTS", "too many requests at once; retry shortly", {
    headers: { "Retry-After": String(retryAfterSeconds) }
  });
}
function truncate(value, max = 80) {
  return value.length > max ? `${value.slice(0, max)}\u2026` : value;
}

export {
  RegistryError,
  nameInvalid,
  nameUnknown,
  manifestUnknown,
  blobUnknown,
  digestInvalid,
  writeUnsupported,
  tooManyRequests,
  truncate
};
