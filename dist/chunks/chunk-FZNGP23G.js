#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  digestHex
} from "./chunk-6QJK6SSJ.js";
import {
  STALE_TEMP_MS,
  checksumsOfBytes,
  checksumsOfFile
} from "./chunk-DUEYGPJ2.js";
import {
  BucketAccessError,
  UsageError
} from "./chunk-WXRP66RY.js";

// src/storage/content-check.ts
var ContentMismatchError = class extends Error {
  name = "ContentMismatchError";
  key;
  digest;
  /** `sha256:<hex>` of the bytes actually given. */
  actual;
  constructor(location, key, digest, actual) {
    super(`refusing to store ${key} in ${location}: its bytes hash to ${actual}, not ${digest}; nothing was written`);
    this.key = key;
    this.digest = digest;
    this.actual = actual;
  }
};
function withContentCheck(backend) {
  return backend instanceof ContentCheckedStorage ? backend : new ContentCheckedStorage(backend);
}
var ContentCheckedStorage = class {
  location;
  // Every optional ability of StorageBackend is copied here; a new one must be added too.
  local;
  signedReadUrl;
  inner;
  md5;
  constructor(inner) {
    this.inner = inner;
    this.md5 = inner.local === void 0;
    this.location = inner.location;
    if (inner.local) this.local = inner.local;
    if (inner.signedReadUrl) this.signedReadUrl = inner.signedReadUrl.bind(inner);
  }
  stat(key) {
    return this.inner.stat(key);
  }
  readBytes(key) {
    return this.inner.readBytes(key);
  }
  openRead(key, range) {
    return this.inner.openRead(key, range);
  }
  async writeBytes(key, data, options = {}) {
    if (options.digest === void 0) return this.inner.writeBytes(key, data, options);
    const checksums = this.checked(key, options.digest, checksumsOfBytes(data, { md5: this.md5 }));
    return this.inner.writeBytes(key, data, { ...options, checksums });
  }
  /** A refused file is left in place, like any failed writeFile: the caller staged it and removes it. */
  async writeFile(key, localPath, options = {}) {
    if (options.digest === void 0) return this.inner.writeFile(key, localPath, options);
    const checksums = this.checked(key, options.digest, await checksumsOfFile(localPath, { md5: this.md5 }));
    return this.inner.writeFile(key, localPath, { ...options, checksums });
  }
  list(prefix) {
    return this.inner.list(prefix);
  }
  listObjects(prefix) {
    return this.inner.listObjects(prefix);
  }
  touch(key) {
    return this.inner.touch(key);
  }
  delete(key) {
    return this.inner.delete(key);
  }
  stagingDir() {
    return this.inner.stagingDir();
  }
  checked(key, digest, checksums) {
    if (checksums.sha256Hex !== digestHex(digest)) {
      throw new ContentMismatchError(this.location, key, digest, `sha256:${checksums.sha256Hex}`);
    }
    return checksums;
  }
};

// src/storage/filesystem.ts
import { createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
var TEMP_DIR = ".tmp";
var FilesystemStorage = class {
  location;
  local;
  staleSwept;
  constructor(root) {
    this.location = path.resolve(root);
    this.local = { folder: this.location, path: (key) => this.localPath(key) };
  }
  async stat(key) {
    try {
      const info = await stat(this.localPath(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
  async readBytes(key) {
    try {
      return await readFile(this.localPath(key));
    } catch (error) {
      if (isNotFound(error) || error.code === "EISDIR") return null;
      throw error;
    }
  }
  async openRead(key, range) {
    if (!await this.stat(key)) return null;
    return createReadStream(this.localPath(key), range ? { start: range.start, end: range.end } : {});
  }
  async writeBytes(key, data) {
    const target = this.localPath(key);
    await this.describingFailures(target, async () => {
      const temp = await this.tempPath();
      try {
        await writeFile(temp, data);
        await this.moveIntoPlace(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    });
  }
  async writeFile(key, localPath) {
    const target = this.localPath(key);
    await this.describingFailures(target, async () => {
      try {
        await this.moveIntoPlace(localPath, target);
      } catch (error) {
        if (error.code !== "EXDEV") throw error;
        const temp = await this.tempPath();
        try {
          await copyFile(localPath, temp);
          await this.moveIntoPlace(temp, target);
          await rm(localPath, { force: true });
        } finally {
          await rm(temp, { force: true });
        }
      }
    });
  }
  async list(prefix) {
    return (await this.walk(prefix)).sort();
  }
  async listObjects(prefix) {
    const listed = [];
    for (const key of (await this.walk(prefix)).sort()) {
      const info = await stat(this.localPath(key)).catch((error) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (info?.isFile()) listed.push({ key, size: info.size, modified: info.mtimeMs });
    }
    return listed;
  }
  /** The file's times are the liveness mark; utimes changes them in place, never the bytes or the inode. */
  async touch(key) {
    const now = /* @__PURE__ */ new Date();
    try {
      await utimes(this.localPath(key), now, now);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return this.stat(key);
  }
  /** Empty folders stay: a writer may be about to rename a file into one (mkdir, then rename). */
  async delete(key) {
    const target = this.localPath(key);
    await this.describingFailures(target, () => rm(target, { force: true }));
  }
  /** Keys of the files under prefix (staging excluded), in directory order. */
  async walk(prefix) {
    const keys = [];
    const walk = async (relativeDir) => {
      let entries;
      try {
        entries = await readdir(path.join(this.location, relativeDir), { withFileTypes: true });
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const key = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (key === TEMP_DIR) continue;
        if (entry.isDirectory()) {
          if (prefix.startsWith(key + "/") || key.startsWith(prefix)) await walk(key);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          keys.push(key);
        }
      }
    };
    await walk("");
    return keys;
  }
  async stagingDir() {
    const dir = path.join(this.location, TEMP_DIR);
    await this.describingFailures(dir, () => mkdir(dir, { recursive: true }));
    this.staleSwept ??= removeStaleTemps(dir, Date.now());
    await this.staleSwept;
    return dir;
  }
  async tempPath() {
    return path.join(await this.stagingDir(), `${process.pid}-${randomBytes(8).toString("hex")}`);
  }
  async moveIntoPlace(from, target) {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(from, target);
  }
  /** Failures a person fixes on the machine (permissions, read-only or full disk) become bucket access errors. */
  async describingFailures(target, write) {
    try {
      return await write();
    } catch (error) {
      const hint = ACCESS_HINTS.get(error.code ?? "");
      if (hint === void 0 || error instanceof BucketAccessError) throw error;
      throw new BucketAccessError("write", target, error.message, hint(this.location), void 0, error);
    }
  }
  /** Where an object lives on disk. Keys come from layout.ts, built from validated parts; this check keeps any key from leaving the bucket. */
  localPath(key) {
    const parts = key.split("/");
    if (key.startsWith("/") || parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\0"))) {
      throw new Error(`refusing storage key "${key}": not a plain relative key`);
    }
    return path.join(this.location, ...parts);
  }
};
var ACCESS_HINTS = /* @__PURE__ */ new Map([
  ["EACCES", (folder) => `give this user write access to ${folder}, or choose another folder`],
  ["EPERM", (folder) => `give this user write access to ${folder} (check its owner and immutable attributes), or choose another folder`],
  ["EROFS", (folder) => `${folder} is on a read-only filesystem; choose a writable folder`],
  ["ENOSPC", (folder) => `the disk holding ${folder} is full; free space or choose another folder`]
]);
async function removeStaleTemps(dir, now) {
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs >= STALE_TEMP_MS) await rm(file, { recursive: true, force: true }).catch(() => {
    });
  }
}
function isNotFound(error) {
  const code = error.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

// src/storage/open.ts
var STORAGE_LOCATION_HELP = "a local folder, gs://BUCKET[/PREFIX] or s3://BUCKET[/PREFIX][?endpoint=URL&region=R&path-style=true]";
async function openStorage(location, options = {}) {
  return withContentCheck(await openBackend(location, options));
}
var SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
var MISTYPED_URL = /^([a-z][a-z0-9+.-]+):(?!\/\/)/i;
function assertFolderPath(location) {
  const scheme = MISTYPED_URL.exec(location)?.[1];
  if (scheme !== void 0) {
    throw new UsageError(
      `storage "${location}" looks like a URL but is not one: write ${scheme}://\u2026 (two slashes), or ./${location} for a local folder of that name`
    );
  }
  return location;
}
async function openBackend(location, options) {
  const scheme = SCHEME.exec(location)?.[1]?.toLowerCase();
  if (scheme === void 0) return new FilesystemStorage(assertFolderPath(location));
  if (scheme === "file") return new FilesystemStorage(decodeURIComponent(new URL(location).pathname));
  if (scheme === "gs") {
    const { bucket, prefix, query } = parseBucketUrl(location);
    if (query.size) throw new UsageError(`storage "${location}": gs:// locations take no ?options`);
    const { GcsStorage } = await import("./gcs-JAAYGJ7O.js");
    return new GcsStorage({ bucket, prefix });
  }
  if (scheme === "s3") {
    const { bucket, prefix, query } = parseBucketUrl(location);
    const { S3Storage } = await import("./s3-5DGLS4DT.js");
    return new S3Storage({ bucket, prefix, ...resolveS3Settings(location, query, options.s3 ?? {}, options.env ?? process.env) });
  }
  throw new UsageError(`storage "${location}": ${scheme}:// is not supported; use ${STORAGE_LOCATION_HELP}`);
}
function parseBucketUrl(location) {
  let url;
  try {
    url = new URL(location);
  } catch {
    throw new UsageError(`storage "${location}": not a valid URL; use ${STORAGE_LOCATION_HELP}`);
  }
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(`storage "${location}": "${bucket}" is not a valid bucket name (lowercase letters, digits, ".", "-", "_")`);
  }
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, "");
  const rawPath = location.replace(/^[a-z0-9]+:\/\/[^/?#]*/i, "").split(/[?#]/)[0] ?? "";
  if (rawPath.split("/").some((part) => part === "." || part === "..") || /\/\//.test(prefix)) {
    throw new UsageError(`storage "${location}": the prefix "${prefix}" must be plain folder names separated by "/"`);
  }
  return { bucket, prefix, query: url.searchParams };
}
var S3_QUERY_KEYS = /* @__PURE__ */ new Set(["endpoint", "region", "path-style"]);
function resolveS3Settings(location, query, flags, env) {
  for (const key of query.keys()) {
    if (!S3_QUERY_KEYS.has(key))
      throw new UsageError(`storage "${location}": unknown option "${key}"; s3:// takes endpoint, region and path-style`);
  }
  const endpoint = flags.endpoint ?? query.get("endpoint") ?? nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const region = flags.region ?? query.get("region") ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  const pathStyleText = query.get("path-style") ?? nonEmpty(env.AWS_S3_FORCE_PATH_STYLE);
  const forcePathStyle = flags.forcePathStyle ?? (pathStyleText === void 0 || pathStyleText === null ? void 0 : parseBoolean(pathStyleText, location));
  if (endpoint !== void 0) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError("scheme");
    } catch {
      throw new UsageError(`S3 endpoint "${endpoint}" for ${location}: expected an http:// or https:// URL`);
    }
  }
  return {
    ...endpoint !== void 0 ? { endpoint } : {},
    ...region !== void 0 ? { region } : {},
    ...forcePathStyle !== void 0 ? { forcePathStyle } : {}
  };
}
function parseBoolean(text, location) {
  if (/^(1|true|yes)$/i.test(text)) return true;
  if (/^(0|false|no)$/i.test(text)) return false;
  throw new UsageError(`storage "${location}": path-style "${text}": expected true or false`);
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}

export {
  STORAGE_LOCATION_HELP,
  openStorage
};
