#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  RegistryError,
  blobUnknown,
  digestInvalid,
  manifestUnknown,
  nameInvalid,
  nameUnknown,
  tooManyRequests,
  truncate,
  writeUnsupported
} from "./chunk-H6JHZAZE.js";
import {
  IMMUTABLE_CACHE_CONTROL
} from "./chunk-K2ZFLUIV.js";
import {
  DEFAULT_CHANNEL,
  NIX_OPTIONS,
  NIX_USAGE,
  SOURCE_FLAGS,
  SOURCE_OPTIONS,
  chooseSource,
  readNixFlags,
  sourceFromEnvName
} from "./chunk-GNKCD26X.js";
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_TIMEOUT_SECONDS,
  parseBudget,
  parseCompression,
  parsePositiveInteger,
  parseTimeout
} from "./chunk-BDR33ONT.js";
import {
  derivationsByBuilder,
  describeSource,
  findWorkerScript
} from "./chunk-NIF5WXJU.js";
import {
  NixeryKey
} from "./chunk-RXNZCBAM.js";
import {
  BUCKET_OPTIONS,
  S3_OPTIONS,
  S3_USAGE,
  bucketFlag,
  s3Settings
} from "./chunk-I55TT3F7.js";
import {
  InvalidNameError,
  isValidTag,
  parseImageName
} from "./chunk-5JWIH4TD.js";
import {
  parseCommandArgs
} from "./chunk-BI2ILFY6.js";
import {
  IMAGE_CREATED,
  serializeReferrersIndex,
  storePathsOf
} from "./chunk-4DWZHMQA.js";
import {
  STORAGE_LOCATION_HELP,
  openStorage
} from "./chunk-FZNGP23G.js";
import {
  ImageStore,
  isDescriptor,
  pLimit
} from "./chunk-CE262DKV.js";
import {
  OCI_LAYOUT_KEY,
  TAGS_PREFIX,
  blobKey,
  isSha256Digest,
  parseTagKey,
  sha256Digest,
  tagKey
} from "./chunk-6QJK6SSJ.js";
import {
  MediaType
} from "./chunk-GCYMDIW2.js";
import "./chunk-DUEYGPJ2.js";
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";
import {
  UsageError,
  formatBytes,
  formatSeconds,
  shortDigest
} from "./chunk-WXRP66RY.js";
import {
  bcryptjs_default
} from "./chunk-FDKLNR3X.js";
import "./chunk-4ZPLT25K.js";

// src/cli/serve-command.ts
import { mkdir, readFile, stat } from "node:fs/promises";

// src/registry/auth.ts
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

// src/registry/bcrypt-pool.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var DEFAULT_MAX_QUEUED_VERIFICATIONS = 16;
var VerifyQueueFull = class extends Error {
  name = "VerifyQueueFull";
};
var BcryptPool = class {
  slots;
  maxQueued;
  queue = [];
  workerScript;
  closed = false;
  constructor(options = {}) {
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.slots = Array.from({ length: Math.max(1, threads) }, () => ({ worker: null, job: null }));
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED_VERIFICATIONS;
    this.workerScript = findWorkerScript("bcrypt-worker", import.meta.url);
  }
  /** Checks waiting plus checks running. */
  get pending() {
    return this.queue.length + this.slots.filter((slot) => slot.job).length;
  }
  /** Whether `password` matches the bcrypt `hash`; rejects with VerifyQueueFull when too many checks wait. */
  verify(password, hash) {
    if (this.closed) return Promise.reject(new Error("the password checker is shut down"));
    const idle = this.slots.some((slot) => !slot.job);
    if (!idle && this.queue.length >= this.maxQueued) return Promise.reject(new VerifyQueueFull("too many password checks waiting"));
    return new Promise((resolve, reject) => {
      this.queue.push({ password, hash, resolve, reject });
      this.pump();
    });
  }
  /** Stops the threads; waiting checks fail. */
  async close() {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("the password checker is shut down"));
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }
  pump() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift();
      slot.job = job;
      if (this.workerScript === null) {
        bcryptjs_default.compare(job.password, job.hash).then(
          (ok) => this.finish(slot, ok),
          () => this.finish(slot, false)
        );
        continue;
      }
      this.workerFor(slot, this.workerScript).postMessage({ password: job.password, hash: job.hash });
    }
  }
  workerFor(slot, script) {
    if (slot.worker) return slot.worker;
    const worker = new Worker(script);
    worker.unref();
    worker.on("message", (ok) => this.finish(slot, ok === true));
    const lost = (error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const job = slot.job;
      slot.job = null;
      job?.reject(error);
      if (!this.closed) this.pump();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`password check thread exited with code ${code}`)));
    slot.worker = worker;
    return worker;
  }
  finish(slot, ok) {
    const job = slot.job;
    slot.job = null;
    job?.resolve(ok);
    if (!this.closed) this.pump();
  }
};

// src/registry/failure-limiter.ts
var FailureLimiter = class {
  entries = /* @__PURE__ */ new Map();
  limit;
  windowMs;
  maxKeys;
  constructor(limit, windowMs, maxKeys = 1e4) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }
  /** Seconds to wait before `key` may try again, or 0 when it may try now. */
  retryAfter(key, now = Date.now()) {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (entry.failures > 0 && now - entry.windowStart >= this.windowMs) entry.failures = 0;
    if (entry.failures + entry.running < this.limit) return 0;
    return entry.failures > 0 ? Math.max(1, Math.ceil((entry.windowStart + this.windowMs - now) / 1e3)) : 1;
  }
  /** An attempt for `key` starts; call end() with its outcome. */
  begin(key) {
    let entry = this.entries.get(key);
    if (!entry) {
      this.evict();
      entry = { windowStart: 0, failures: 0, running: 0 };
      this.entries.set(key, entry);
    }
    entry.running++;
  }
  end(key, failed, now = Date.now()) {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.running = Math.max(0, entry.running - 1);
    if (failed) {
      if (entry.failures === 0 || now - entry.windowStart >= this.windowMs) {
        entry.windowStart = now;
        entry.failures = 0;
      }
      entry.failures++;
    }
    if (entry.failures === 0 && entry.running === 0) this.entries.delete(key);
  }
  /** Bounded memory: drops expired entries, then the oldest idle ones. */
  evict(now = Date.now()) {
    if (this.entries.size < this.maxKeys) return;
    for (const [key, entry] of this.entries) {
      if (entry.running === 0 && now - entry.windowStart >= this.windowMs) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size < this.maxKeys) return;
      if (entry.running === 0) this.entries.delete(key);
    }
  }
};

// src/registry/auth.ts
var SERVICE = "nixery";
var DEFAULT_ISSUED_TTL_SECONDS = 300;
var ISSUED_PREFIX = "nxt1";
var BCRYPT_HASH = /^\$2[aby]?\$\d\d\$[./A-Za-z0-9]{53}$/;
var MAX_REMEMBERED_CREDENTIALS = 1e3;
var DEFAULT_VERIFIED_CACHE_MS = 6e4;
var DEFAULT_FAILURES_PER_ADDRESS = 10;
var DEFAULT_FAILURES_PER_USER = 20;
var DEFAULT_FAILURE_WINDOW_MS = 6e4;
var BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
var Authenticator = class {
  tokenDigests;
  users;
  publicUrl;
  issuedTtlSeconds;
  // Per process: issued tokens end with the process, and clients fetch new ones after a 401.
  signingKey = randomBytes(32);
  // Keys the remembered-credentials map: an HMAC of user and password under a per-process random key, so
  // neither the password nor a plain hash of it is ever held.
  rememberKey = randomBytes(32);
  rememberedCredentials = /* @__PURE__ */ new Map();
  verifiedCacheMs;
  /** Checks running for the same user+password share one bcrypt run (a pull's parallel first requests). */
  checking = /* @__PURE__ */ new Map();
  pool;
  failuresByAddress;
  failuresByUser;
  /** Checked for unknown users: same cost as the real hashes, matches nothing. */
  dummyHash;
  listening = null;
  constructor(config) {
    this.tokenDigests = (config.tokens ?? []).map((token) => {
      if (token.length < 16) throw new Error("each static token must be at least 16 characters long");
      return sha256(token);
    });
    this.users = config.users ?? /* @__PURE__ */ new Map();
    this.publicUrl = config.publicUrl?.replace(/\/+$/, "");
    this.issuedTtlSeconds = config.issuedTokenTtlSeconds ?? DEFAULT_ISSUED_TTL_SECONDS;
    this.verifiedCacheMs = config.verifiedCacheMs ?? DEFAULT_VERIFIED_CACHE_MS;
    this.pool = new BcryptPool({
      ...config.verifyThreads !== void 0 ? { threads: config.verifyThreads } : {},
      ...config.maxQueuedVerifications !== void 0 ? { maxQueued: config.maxQueuedVerifications } : {}
    });
    const windowMs = config.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS;
    this.failuresByAddress = new FailureLimiter(config.failuresPerAddress ?? DEFAULT_FAILURES_PER_ADDRESS, windowMs);
    this.failuresByUser = new FailureLimiter(config.failuresPerUser ?? DEFAULT_FAILURES_PER_USER, windowMs);
    this.dummyHash = dummyHash(commonCost(this.users));
  }
  /** The server's listening address, the token realm's default when no public URL is configured. */
  useListeningAddress(address) {
    this.listening = { url: address.url, wildcard: address.host === "0.0.0.0" || address.host === "::" };
  }
  /** Stops the password-check threads. */
  close() {
    return this.pool.close();
  }
  get enabled() {
    return this.tokenDigests.length > 0 || this.users.size > 0;
  }
  /** Which kinds of credentials are configured, for the page that tells a visitor how to log in. */
  get credentialKinds() {
    return { users: this.users.size > 0, tokens: this.tokenDigests.length > 0 };
  }
  /**
   * The identity behind a request, or a 401 UNAUTHORIZED carrying the challenge. Browsers only answer Basic
   * challenges, so the web page asks for Basic (a static token works as the password there).
   */
  async authenticate(request, challenge) {
    if (!this.enabled) return { user: "anonymous" };
    const header = request.headers.authorization ?? "";
    const { scheme, credentials } = parseAuthorization(header);
    let identity = null;
    if (scheme === "bearer") identity = this.checkBearer(credentials);
    else if (scheme === "basic") identity = await this.checkBasic(credentials, request);
    if (identity) return identity;
    throw this.unauthorized(request, header === "" ? "authentication required" : "invalid credentials", challenge);
  }
  /** The /v2/token endpoint: Basic credentials in, a bearer token out (the docker token protocol, minus scopes). */
  async issueToken(request) {
    const header = request.headers.authorization ?? "";
    const { scheme, credentials } = parseAuthorization(header);
    const now = Math.floor(Date.now() / 1e3);
    let token = null;
    let expiresIn = this.issuedTtlSeconds;
    if (scheme === "basic") {
      const pair = decodeBasic(credentials);
      if (pair && this.isStaticToken(pair.password)) {
        token = pair.password;
        expiresIn = 365 * 24 * 3600;
      } else if (pair && await this.checkUser(pair.user, pair.password, request)) {
        token = this.sign(pair.user, now + this.issuedTtlSeconds);
      }
    } else if (scheme === "bearer" && this.checkBearer(credentials)) {
      token = credentials;
    }
    if (!token) throw this.unauthorized(request, header === "" ? "authentication required" : "invalid credentials", "Basic");
    return { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1e3).toISOString() };
  }
  unauthorized(request, message, forceScheme) {
    return new RegistryError(401, "UNAUTHORIZED", message, { headers: { "WWW-Authenticate": this.challenge(request, forceScheme) } });
  }
  challenge(request, forceScheme) {
    if (forceScheme === "Basic" || this.tokenDigests.length === 0) return `Basic realm="${SERVICE}"`;
    return `Bearer realm="${this.baseUrl(request)}/v2/token",service="${SERVICE}"`;
  }
  baseUrl(request) {
    if (this.publicUrl) return this.publicUrl;
    if (this.listening && !this.listening.wildcard) return this.listening.url;
    return `http://${localAddress(request)}`;
  }
  checkBearer(token) {
    if (token === "" || token.length > 4096) return null;
    if (this.isStaticToken(token)) return { user: "token" };
    const user = this.verifySigned(token);
    return user === null ? null : { user };
  }
  async checkBasic(credentials, request) {
    const pair = decodeBasic(credentials);
    if (!pair) return null;
    if (this.isStaticToken(pair.password)) return { user: "token" };
    return await this.checkUser(pair.user, pair.password, request) ? { user: pair.user } : null;
  }
  isStaticToken(candidate) {
    const digest = sha256(candidate);
    let found = false;
    for (const known of this.tokenDigests) found = timingSafeEqual(known, digest) || found;
    return found;
  }
  /**
   * Whether user:password is an htpasswd login. Remembered logins answer at once (even while the user or address
   * is being limited); otherwise a 429 when this address or user failed too often, or too many checks wait.
   */
  async checkUser(user, password, request) {
    const memo = createHmac("sha256", this.rememberKey).update(`${user.length}:${user}:${password}`).digest("base64url");
    const remembered = this.rememberedCredentials.get(memo);
    if (remembered && remembered.user === user && remembered.expires > Date.now()) return true;
    if (remembered) this.rememberedCredentials.delete(memo);
    const address = `${request.socket.remoteAddress ?? "unknown"}`;
    const wait = Math.max(this.failuresByAddress.retryAfter(address), this.failuresByUser.retryAfter(user));
    if (wait > 0) throw tooManyFailures(wait);
    this.failuresByAddress.begin(address);
    this.failuresByUser.begin(user);
    let ok = false;
    let counted = true;
    try {
      let check = this.checking.get(memo);
      if (!check) {
        const hash = this.users.get(user) ?? this.dummyHash;
        check = this.pool.verify(password, hash).then((matched) => matched && this.users.has(user));
        this.checking.set(memo, check);
        const forget = () => void this.checking.delete(memo);
        check.then(forget, forget);
      }
      ok = await check;
    } catch (error) {
      counted = false;
      if (error instanceof VerifyQueueFull) throw tooManyFailures(1, "too many sign-ins at once; retry shortly");
      throw error;
    } finally {
      this.failuresByAddress.end(address, counted && !ok);
      this.failuresByUser.end(user, counted && !ok);
    }
    if (!ok) return false;
    if (this.rememberedCredentials.size >= MAX_REMEMBERED_CREDENTIALS) {
      this.rememberedCredentials.delete(this.rememberedCredentials.keys().next().value);
    }
    this.rememberedCredentials.set(memo, { user, expires: Date.now() + this.verifiedCacheMs });
    return true;
  }
  sign(user, expires) {
    const payload = `${ISSUED_PREFIX}.${Buffer.from(user).toString("base64url")}.${expires}`;
    return `${payload}.${createHmac("sha256", this.signingKey).update(payload).digest("base64url")}`;
  }
  verifySigned(token) {
    const parts = token.split(".");
    if (parts.length !== 4 || parts[0] !== ISSUED_PREFIX) return null;
    const [, userPart = "", expiresPart = "", mac = ""] = parts;
    if (!/^\d{1,12}$/.test(expiresPart) || Number(expiresPart) < Date.now() / 1e3) return null;
    const expected = Buffer.from(this.sign(Buffer.from(userPart, "base64url").toString(), Number(expiresPart)).split(".")[3]);
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const user = Buffer.from(userPart, "base64url").toString();
    return this.users.has(user) ? user : null;
  }
};
function parseHtpasswd(text, source) {
  const users = /* @__PURE__ */ new Map();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const colon = line.indexOf(":");
    const user = line.slice(0, colon);
    const hash = line.slice(colon + 1).trim();
    if (colon <= 0) throw new Error(`${source} line ${i + 1}: expected "user:hash"`);
    if (!BCRYPT_HASH.test(hash)) {
      throw new Error(`${source} line ${i + 1}: the hash for "${user}" is not bcrypt; create entries with "htpasswd -B"`);
    }
    users.set(user, hash);
  });
  return users;
}
function parseTokenList(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}
function parseAuthorization(header) {
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?: +([^ ]+))?$/.exec(header.trim());
  if (!match) return { scheme: "", credentials: "" };
  const scheme = match[1].toLowerCase();
  return { scheme: scheme === "basic" || scheme === "bearer" ? scheme : "other", credentials: match[2] ?? "" };
}
function tooManyFailures(retryAfterSeconds, message = "too many failed sign-ins; retry later") {
  return new RegistryError(429, "TOOMANYREQUESTS", message, { headers: { "Retry-After": String(retryAfterSeconds) } });
}
function commonCost(users) {
  const counts = /* @__PURE__ */ new Map();
  for (const hash of users.values()) {
    const cost = Number(hash.slice(4, 6));
    counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let best = 10;
  let bestCount = 0;
  for (const [cost, count] of counts) {
    if (count > bestCount) [best, bestCount] = [cost, count];
  }
  return best;
}
function dummyHash(cost) {
  const chars = (n) => Array.from({ length: n }, () => BCRYPT_ALPHABET[randomInt(BCRYPT_ALPHABET.length)]).join("");
  return `$2b$${String(cost).padStart(2, "0")}$${chars(21)}.${chars(31)}`;
}
function localAddress(request) {
  const { localAddress: address, localPort: port } = request.socket;
  if (!address) return "localhost";
  const v4 = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return v4.includes(":") ? `[${v4}]:${port}` : `${v4}:${port}`;
}
function decodeBasic(credentials) {
  if (credentials === "" || credentials.length > 4096 || !/^[A-Za-z0-9+/=]+$/.test(credentials)) return null;
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
function sha256(value) {
  return createHash("sha256").update(value).digest();
}

// src/registry/log.ts
function stdoutSink(line) {
  process.stdout.write(line + "\n");
}
var RegistryLog = class {
  sink;
  constructor(sink = stdoutSink) {
    this.sink = sink;
  }
  request(entry) {
    this.write({ time: (/* @__PURE__ */ new Date()).toISOString(), ...entry });
  }
  /** Server lifecycle and problems that are not tied to one response. */
  event(msg, fields = {}) {
    this.write({ time: (/* @__PURE__ */ new Date()).toISOString(), msg, ...fields });
  }
  write(record) {
    this.sink(JSON.stringify(record));
  }
};

// src/registry/context.ts
var API_VERSION_HEADER = { "Docker-Distribution-API-Version": "registry/2.0" };
function sendBody(ctx, status, body, headers) {
  ctx.response.writeHead(status, { ...headers, "Content-Length": body.length });
  if (ctx.head) {
    ctx.response.end();
    return;
  }
  ctx.response.end(body);
  ctx.bytesSent += body.length;
}
function sendJson(ctx, status, value, headers = {}) {
  sendBody(ctx, status, Buffer.from(JSON.stringify(value)), { "Content-Type": "application/json", ...headers });
}
function sendError(ctx, error) {
  sendBody(ctx, error.status, Buffer.from(error.body()), { "Content-Type": "application/json", ...error.headers });
}
function notModified(ctx, etag, headers) {
  const header = ctx.request.headers["if-none-match"];
  if (header === void 0) return false;
  const matches = header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
  if (!matches) return false;
  const { "Content-Length": _length, ...rest } = headers;
  ctx.response.writeHead(304, rest);
  ctx.response.end();
  return true;
}
function methodAllowed(ctx) {
  return ctx.request.method === "GET" || ctx.request.method === "HEAD";
}

// src/registry/caches.ts
var TtlCache = class {
  entries = /* @__PURE__ */ new Map();
  ttlMs;
  maxEntries;
  constructor(ttlMs, maxEntries = 1e4) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
  }
  get(key, load) {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.ttlMs <= 0) return load();
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value);
    return value;
  }
  /** Drops one entry, e.g. a remembered "not found" for a tag that was just built. */
  delete(key) {
    this.entries.delete(key);
  }
};
var ByteLru = class {
  entries = /* @__PURE__ */ new Map();
  maxBytes;
  bytes = 0;
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
  }
  get(key) {
    const value = this.entries.get(key);
    if (value !== void 0) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key, value) {
    if (value.size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.size;
    this.entries.delete(key);
    this.entries.set(key, value);
    this.bytes += value.size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }
};

// src/settings/lease-settings.ts
var DEFAULT_LEASE_SECONDS = 30;
var MIN_LEASE_SECONDS = 1;
var MAX_LEASE_SECONDS = 3600;
function readLeaseSettings(values, env, buildTimeoutMs) {
  const leaseSeconds = seconds(values.lease, "--lease", env.NIXERY_LEASE_SECONDS, "NIXERY_LEASE_SECONDS", MIN_LEASE_SECONDS, MAX_LEASE_SECONDS) ?? DEFAULT_LEASE_SECONDS;
  const waitSeconds = seconds(values["build-wait"], "--build-wait", env.NIXERY_BUILD_WAIT, "NIXERY_BUILD_WAIT", 1, MAX_TIMEOUT_SECONDS);
  const leaseMs = leaseSeconds * 1e3;
  return { leaseMs, buildWaitMs: waitSeconds === void 0 ? buildTimeoutMs + 2 * leaseMs : waitSeconds * 1e3 };
}
function seconds(flag, flagName, envValue, envName, min, max) {
  const raw = flag ?? (envValue?.trim() ? envValue : void 0);
  if (raw === void 0) return void 0;
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag !== void 0 ? flagName : envName} "${raw}": expected a number of seconds from ${min} to ${max}`);
  }
  return value;
}

// src/settings/serve-settings.ts
var DEFAULT_PORT = 5e3;
var DEFAULT_HOST = "0.0.0.0";
var DEFAULT_CACHE_TTL_MS = 5e3;
var DEFAULT_MAX_CONCURRENT_BUILDS = 2;
var DEFAULT_MAX_QUEUED_BUILDS = 16;
var BUILD_ONLY_FLAGS = [
  ...SOURCE_FLAGS,
  "nixpkgs-sha256",
  "allow-nixpkgs-tags",
  "timeout",
  "max-builds",
  "build-queue",
  "budget",
  "compression",
  "nix-builders",
  "nix-builders-use-substitutes",
  "nix-substituters",
  "nix-trusted-public-keys",
  "nix-cache-push",
  "nix-cache-secret-key-file",
  "lease",
  "build-wait"
];
function readServeSettings(values, env, storageHelp) {
  const storage = values.storage ?? storageFromEnv(env);
  if (!storage) throw new UsageError(`--storage is required: the bucket to serve (${storageHelp}); or set NIXERY_STORAGE_BACKEND`);
  if (!values.build) {
    const given = BUILD_ONLY_FLAGS.find((flag) => values[flag] !== void 0 && values[flag] !== false);
    if (given) throw new UsageError(`--${given} only applies with --build (on-demand builds)`);
  }
  const publicUrl = values["public-url"] === void 0 ? void 0 : parsePublicUrl(values["public-url"]);
  return {
    storage,
    port: parsePort(values.port, env),
    host: values.host ?? DEFAULT_HOST,
    cacheTtlMs: parseCacheTtl(values["cache-ttl"]),
    ...publicUrl ? { publicUrl } : {},
    redirectBlobs: values["redirect-blobs"] === true,
    ...values.htpasswd !== void 0 ? { htpasswdFile: values.htpasswd } : {},
    ...values["token-file"] !== void 0 ? { tokenFile: values["token-file"] } : {},
    ...values.build ? { onDemand: readOnDemandSettings(values, env) } : {}
  };
}
function readOnDemandSettings(values, env) {
  const source = chooseSource(values, env);
  const allowNixpkgsTags = values["allow-nixpkgs-tags"] === true;
  if (allowNixpkgsTags && source.kind !== "nixpkgs" && source.kind !== "channel") {
    throw new UsageError("--allow-nixpkgs-tags goes with a nixpkgs or channel package set (--nixpkgs, --channel or NIXERY_CHANNEL)");
  }
  const nix = readNixFlags(values, env);
  const timeoutMs = parseTimeout(values.timeout, env);
  return {
    build: {
      source,
      budget: parseBudget(values.budget),
      compression: parseCompression(values.compression),
      timeoutMs,
      nix: nix.nix,
      ...nix.closurePush ? { closurePush: nix.closurePush } : {}
    },
    maxConcurrentBuilds: parsePositiveInteger("--max-builds", values["max-builds"]) ?? DEFAULT_MAX_CONCURRENT_BUILDS,
    maxQueuedBuilds: parseQueueLength(values["build-queue"]),
    allowNixpkgsTags,
    ...readLeaseSettings(values, env, timeoutMs)
  };
}
function storageFromEnv(env) {
  const backend = env.NIXERY_STORAGE_BACKEND?.trim();
  if (!backend) return void 0;
  if (backend === "filesystem") {
    if (!env.STORAGE_PATH?.trim())
      throw new UsageError("NIXERY_STORAGE_BACKEND=filesystem needs STORAGE_PATH (the folder to keep images in)");
    return env.STORAGE_PATH.trim();
  }
  if (backend === "gcs") {
    const bucket = env.GCS_BUCKET?.trim();
    if (!bucket) throw new UsageError("NIXERY_STORAGE_BACKEND=gcs needs GCS_BUCKET (the bucket name)");
    return bucket.startsWith("gs://") ? bucket : `gs://${bucket}`;
  }
  if (backend === "s3") {
    const bucket = env.S3_BUCKET?.trim();
    if (!bucket) throw new UsageError("NIXERY_STORAGE_BACKEND=s3 needs S3_BUCKET (the bucket name, optionally bucket/prefix)");
    return bucket.startsWith("s3://") ? bucket : `s3://${bucket}`;
  }
  throw new UsageError(`NIXERY_STORAGE_BACKEND "${backend}": expected filesystem, gcs or s3 (or use --storage)`);
}
var UNUSED_NIXERY_ENV = {
  WEB_DIR: "the landing page is made from the bucket (every image, tag and layer), so there is no static folder to serve",
  NIX_POPULARITY_URL: "layers are cut by closure size and sharing, not by a popularity table",
  GCS_SIGNING_KEY: "blob redirects (--redirect-blobs) are signed with the credentials that open the bucket",
  GCS_SIGNING_ACCOUNT: "blob redirects (--redirect-blobs) are signed with the credentials that open the bucket"
};
function unusedNixeryEnv(env) {
  return Object.entries(UNUSED_NIXERY_ENV).filter(([name]) => env[name]?.trim()).map(([name, why]) => `${name} is set but not used: ${why}`);
}
function parsePort(value, env) {
  const raw = value ?? env.PORT;
  if (raw === void 0 || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port > 65535) {
    throw new UsageError(`${value !== void 0 ? "--port" : "PORT"} "${raw}": expected a port number from 0 to 65535`);
  }
  return port;
}
function parseCacheTtl(value) {
  if (value === void 0) return DEFAULT_CACHE_TTL_MS;
  const seconds2 = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds2) || seconds2 < 0) {
    throw new UsageError(`--cache-ttl "${value}": expected a number of seconds, 0 or more`);
  }
  return seconds2 * 1e3;
}
function parseQueueLength(value) {
  if (value === void 0) return DEFAULT_MAX_QUEUED_BUILDS;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--build-queue "${value}": expected a whole number, 0 or more`);
  return n;
}
function parsePublicUrl(value) {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
  }
  throw new UsageError(`--public-url "${value}": expected an http:// or https:// URL`);
}

// src/registry/image-reader.ts
var MAX_SMALL_BLOB_BYTES = 4 * 1024 * 1024;
var DEFAULT_SMALL_BLOB_CACHE_BYTES = 128 * 1024 * 1024;
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var MANIFEST_MEDIA_TYPES = /* @__PURE__ */ new Set([
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList
]);
var ImageReader = class {
  store;
  tagLookups;
  tagLists;
  repositoryLists;
  manifests;
  smallBlobs;
  smallBlobLoads = /* @__PURE__ */ new Map();
  verified = /* @__PURE__ */ new Map();
  constructor(store, options = {}) {
    this.store = options.onWarning ? store.withWarnings(options.onWarning) : store;
    const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.tagLookups = new TtlCache(ttl);
    this.tagLists = new TtlCache(ttl, 1e3);
    this.repositoryLists = new TtlCache(ttl, 1);
    this.manifests = new ByteLru(options.manifestCacheBytes ?? 64 * 1024 * 1024);
    this.smallBlobs = new ByteLru(options.smallBlobCacheBytes ?? DEFAULT_SMALL_BLOB_CACHE_BYTES);
  }
  /** The canonical name for any spelling of a package set (any order finds the image); 400 NAME_INVALID otherwise. */
  canonicalName(raw) {
    try {
      return parseImageName(raw).canonical;
    } catch (error) {
      if (error instanceof InvalidNameError) throw nameInvalid(error.message);
      throw error;
    }
  }
  /** Tags of a repository, ASCII-sorted; 404 NAME_UNKNOWN when it has none. */
  async tags(canonical) {
    const tags = await this.tagLists.get(canonical, async () => {
      const prefix = tagKey(canonical, "");
      const keys = await this.store.storage.list(prefix);
      return keys.map((key) => parseTagKey(key)).filter((parsed) => parsed !== null && parsed.name === canonical && isValidTag(parsed.tag)).map((parsed) => parsed.tag).sort(compareStrings);
    });
    if (tags.length === 0) throw nameUnknown(canonical);
    return tags;
  }
  /** Every repository that has at least one tag, ASCII-sorted. */
  async repositories() {
    return [...(await this.tagsByRepository()).keys()];
  }
  /**
   * Every repository (ASCII-sorted) with its tags (ASCII-sorted), from one listing of the bucket's tag objects:
   * what the pages need to count tags or read every tag, without a listing per repository.
   */
  tagsByRepository() {
    return this.repositoryLists.get("", async () => {
      const tags = /* @__PURE__ */ new Map();
      for (const key of await this.store.storage.list(TAGS_PREFIX)) {
        const parsed = parseTagKey(key);
        if (!parsed || !isValidTag(parsed.tag)) continue;
        const list = tags.get(parsed.name);
        if (list) list.push(parsed.tag);
        else tags.set(parsed.name, [parsed.tag]);
      }
      const names = [...tags.keys()].sort(compareStrings);
      return new Map(names.map((name) => [name, tags.get(name).sort(compareStrings)]));
    });
  }
  /** A manifest by tag or digest, verified against its digest. */
  async manifest(canonical, reference) {
    if (reference.includes(":")) {
      const digest = validDigest(reference);
      await this.tags(canonical);
      const manifest2 = await this.manifestBlob(digest, void 0);
      if (!manifest2) throw manifestUnknown(canonical, digest);
      return manifest2;
    }
    if (!isValidTag(reference)) {
      throw new RegistryError(400, "MANIFEST_UNKNOWN", `"${truncate(reference)}" is neither a valid tag nor a digest`, {
        detail: { reference: truncate(reference) }
      });
    }
    const descriptor = await this.tagLookups.get(`${canonical}:${reference}`, () => this.store.resolveTag(canonical, reference));
    if (!descriptor) {
      await this.tags(canonical);
      throw manifestUnknown(canonical, reference);
    }
    const manifest = await this.manifestBlob(descriptor.digest, descriptor.mediaType);
    if (!manifest) throw manifestUnknown(canonical, reference, `points at ${descriptor.digest}, which is missing or damaged in the bucket`);
    return manifest;
  }
  /** Forgets cached lookups for name:tag (and the lists that include it) after the tag was written, e.g. built on demand. */
  forgetTag(canonical, tag) {
    this.tagLookups.delete(`${canonical}:${tag}`);
    this.tagLists.delete(canonical);
    this.repositoryLists.delete("");
  }
  /**
   * Stored manifest bytes, only if they hash to the digest. The media type comes from the tag record, or from the
   * manifest's own mediaType field when pulled by digest; a blob that is not a manifest is never served as one.
   */
  async manifestBlob(digest, mediaType) {
    const cached = this.manifests.get(digest);
    if (cached) return mediaType === void 0 || cached.mediaType === mediaType ? cached : { ...cached, mediaType };
    const info = await this.store.storage.stat(blobKey(digest));
    if (!info || info.size > MAX_MANIFEST_BYTES) return null;
    const bytes = await this.store.readBlob(digest);
    if (!bytes || sha256Digest(bytes) !== digest) return null;
    const declared = declaredMediaType(bytes);
    if (declared === null || !MANIFEST_MEDIA_TYPES.has(declared)) return null;
    const manifest = { digest, mediaType: mediaType ?? declared, bytes, size: bytes.length };
    this.manifests.set(digest, { ...manifest, mediaType: declared });
    this.rememberVerified(digest, bytes.length);
    return manifest;
  }
  /**
   * A whole small blob (configs, small layers: the most requested bytes), only if it hashes to its digest.
   * Kept in memory, so repeated pulls cost one write and no storage read; concurrent first reads share one load.
   */
  smallBlob(digest, size) {
    const cached = this.smallBlobs.get(digest);
    if (cached) return Promise.resolve(cached.bytes);
    let loading = this.smallBlobLoads.get(digest);
    if (!loading) {
      loading = this.loadSmallBlob(digest, size).finally(() => this.smallBlobLoads.delete(digest));
      this.smallBlobLoads.set(digest, loading);
    }
    return loading;
  }
  async loadSmallBlob(digest, size) {
    if (size > MAX_SMALL_BLOB_BYTES) throw new Error(`blob ${digest} is ${size} bytes, too large to read whole`);
    const bytes = await this.store.readBlob(digest);
    if (!bytes) return "missing";
    if (bytes.length !== size || sha256Digest(bytes) !== digest) {
      this.forgetVerified(digest);
      return "damaged";
    }
    this.smallBlobs.set(digest, { bytes, size: bytes.length });
    this.rememberVerified(digest, bytes.length);
    return bytes;
  }
  /** A small JSON blob (an image config) by digest, only if its bytes hash to it; null when missing, damaged or large. */
  async verifiedSmallBlob(digest) {
    const size = await this.blobSize(validDigest(digest));
    if (size === null || size > MAX_SMALL_BLOB_BYTES) return null;
    const bytes = await this.smallBlob(digest, size);
    return typeof bytes === "string" ? null : bytes;
  }
  /** Size of a blob, or null when the bucket does not hold it. */
  async blobSize(digest) {
    const known = this.verified.get(digest);
    if (known !== void 0) return known;
    return (await this.store.storage.stat(blobKey(digest)))?.size ?? null;
  }
  openBlob(digest, range) {
    return this.store.storage.openRead(blobKey(digest), range);
  }
  /** Whether these exact bytes were already checked against the digest in this process. */
  isVerified(digest, size) {
    return this.verified.get(digest) === size;
  }
  rememberVerified(digest, size) {
    if (this.verified.size >= 1e5) this.verified.delete(this.verified.keys().next().value);
    this.verified.set(digest, size);
  }
  forgetVerified(digest) {
    this.verified.delete(digest);
  }
};
function validDigest(value) {
  if (!isSha256Digest(value)) throw digestInvalid(value);
  return value;
}
function declaredMediaType(bytes) {
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const { mediaType, schemaVersion } = parsed;
    if (schemaVersion !== 2) return null;
    if (mediaType === void 0) return "layers" in parsed ? MediaType.ociManifest : "manifests" in parsed ? MediaType.ociIndex : null;
    return typeof mediaType === "string" ? mediaType : null;
  } catch {
    return null;
  }
}

// src/registry/host.ts
var PLAIN_HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/;
function requestHost(request) {
  const host = request.headers.host ?? "";
  return PLAIN_HOST.test(host) ? host : localAddress2(request);
}
function localAddress2(request) {
  const { localAddress: address, localPort: port } = request.socket;
  if (!address) return "localhost";
  const v4 = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return v4.includes(":") ? `[${v4}]:${port}` : `${v4}:${port}`;
}

// src/registry/page.ts
import { createHash as createHash2 } from "node:crypto";
function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function pullCommand(host, repository, tag) {
  return `docker pull ${host}/${repository}:${tag}`;
}
function pullByDigestCommand(host, repository, digest) {
  return `docker pull ${host}/${repository}@${digest}`;
}
function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
var STYLE = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 2rem; overflow-wrap: anywhere; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
header.top .home { font-weight: 600; font-size: 1.1rem; color: inherit; text-decoration: none; }
h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); }
code, input.pull, input.filter { font: 13px/1.4 ui-monospace, monospace; }
.muted { color: var(--muted); }
.scroll { max-width: 100%; overflow-x: auto; }
.image { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; min-width: 0; }
.tag { display: inline-block; background: var(--accent); color: #fff; border-radius: 3px; padding: 0 .4rem; margin: 0 .25rem .25rem 0; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem; margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; }
.pull-row { display: flex; gap: .5rem; margin: .25rem 0; }
input.pull, input.filter { flex: 1; min-width: 0; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; }
button { padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; min-width: 5rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-top: 1px solid var(--line); }
td.size, th.size { white-space: nowrap; text-align: right; }
td.paths code, td.shared .count { display: block; }
td.shared a, td.shared .muted { display: inline-block; margin-right: .6rem; }
.problem { color: #b91c1c; }
form.filter { display: flex; gap: .5rem; margin: .5rem 0; }
section.platform { border-top: 1px dashed var(--line); margin-top: .75rem; padding-top: .25rem; }
form.build { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
form.build label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); max-width: 100%; }
form.build input { font: 13px/1.4 ui-monospace, monospace; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; max-width: 100%; }
.state-built { color: #15803d; }
.state-failed { color: #b91c1c; }
.state-queued, .state-building { color: #b45309; }
@media (max-width: 40rem) {
  body { padding: .5rem .75rem 1.5rem; }
  dl { grid-template-columns: minmax(0, 1fr); }
  dt { margin-top: .35rem; }
  .image { padding: .5rem .6rem; }
  th, td { padding: .2rem .3rem; }
  .wide { display: none; }
  button { min-width: 4rem; padding: .3rem .5rem; }
  /* Layers stack: size and digest on one line, then the store paths, then the images sharing the layer. */
  table.layers thead { display: none; }
  table.layers tr { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 .75rem; border-top: 1px solid var(--line); padding: .35rem 0; }
  table.layers td { border: 0; padding: 0; text-align: left; }
  table.layers td.paths, table.layers td.shared { grid-column: 1 / -1; }
  table.layers td.shared::before { content: 'shared with: '; color: var(--muted); }
  table.layers td.shared .count { display: inline; margin-right: .6rem; }
}
`;
var SCRIPT = `
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  input.select();
  let copied = false;
  try { await navigator.clipboard.writeText(input.value); copied = true; } catch { copied = document.execCommand('copy'); }
  button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
  setTimeout(() => { button.textContent = 'Copy'; }, 2000);
});
const filter = document.getElementById('filter');
if (filter) {
  const rows = [...document.querySelectorAll('tr[data-repository]')];
  const count = document.getElementById('filter-count');
  const apply = () => {
    const terms = filter.value.toLowerCase().split(/[\\s,/]+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      row.hidden = !terms.every((term) => row.dataset.repository.includes(term));
      if (!row.hidden) shown++;
    }
    count.textContent = shown;
  };
  filter.addEventListener('input', apply);
}
const buildForm = document.getElementById('build-form');
if (buildForm) {
  // Packages may be typed with spaces, commas or slashes; the registry sorts them itself.
  const showPull = () => {
    const typed = buildForm.elements.packages.value.toLowerCase().split(/[\\s,/]+/).filter(Boolean);
    // Meta-packages only count at the front of a name; put them there wherever they were typed.
    const metas = ['arm64', 'shell'].filter((m) => typed.includes(m));
    const names = [...metas, ...typed.filter((n) => !metas.includes(n))];
    const tag = buildForm.elements.tag.value.trim() || 'latest';
    buildForm.elements.command.value = names.length ? 'docker pull ' + buildForm.dataset.host + '/' + names.join('/') + ':' + tag : '';
  };
  buildForm.addEventListener('input', showPull);
  buildForm.addEventListener('submit', (event) => { event.preventDefault(); showPull(); });
  showPull();
}
`;
var cspHash = (text) => `'sha256-${createHash2("sha256").update(text).digest("base64")}'`;
var PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache"
};
function renderDocument(title, host, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><a class="home" href="/">nixery registry</a><code class="muted">${escapeHtml(host)}</code></header>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
function copyRow(id, command, label, attributes = "") {
  return `<div class="pull-row"><input class="pull" id="${id}"${attributes} readonly value="${escapeHtml(command)}" aria-label="${escapeHtml(label)}"><button type="button" data-copy="${id}">Copy</button></div>`;
}
function renderSignInPage(host, kinds, message) {
  const ways = [
    kinds.users ? `<li>a user name and password: <code>${escapeHtml(`docker login ${host} -u USER`)}</code></li>` : "",
    kinds.tokens ? `<li>an access token as the password, with any user name: <code>${escapeHtml(`docker login ${host} -u token --password-stdin < TOKEN_FILE`)}</code></li>` : ""
  ].join("");
  const body = `<h1>This registry needs credentials</h1>
<p class="problem">${escapeHtml(message)}.</p>
<p>The images here are listed only to signed-in users. Reload the page to sign in with your browser, using</p>
<ul>${ways}</ul>
<p>Then pull as usual; <code>podman login</code> and <code>skopeo login</code> take the same credentials.</p>`;
  return renderDocument("sign in to the nixery registry", host, body);
}
function renderErrorPage(host, status, message) {
  const body = `<h1>${status === 404 ? "Not found" : "Cannot show this page"}</h1>
<p class="problem">${escapeHtml(message)}</p>
<p><a href="/">All repositories</a></p>`;
  return renderDocument(`${status}: nixery registry`, host, body);
}

// src/registry/router.ts
var MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
var BLOB = /^\/v2\/(.+)\/blobs\/([^/]+)$/;
var UPLOAD = /^\/v2\/(.+)\/blobs\/uploads(?:\/[^/]*)?$/;
var TAGS = /^\/v2\/(.+)\/tags\/list$/;
var REFERRERS = /^\/v2\/(.+)\/referrers\/([^/]+)$/;
var REPOSITORY_PAGE_PREFIX = "/-/repository/";
function repositoryPagePath(name) {
  return `${REPOSITORY_PAGE_PREFIX}${name}`;
}
function isPageRoute(route) {
  return route.kind === "page" || route.kind === "repository-page";
}
function routeOf(pathname) {
  if (pathname === "/v2/" || pathname === "/v2") return { kind: "base" };
  if (pathname === "/") return { kind: "page" };
  if (pathname === "/v2/_catalog") return { kind: "catalog" };
  if (pathname === "/v2/token") return { kind: "token" };
  if (pathname === "/healthz") return { kind: "healthz" };
  if (pathname.startsWith(REPOSITORY_PAGE_PREFIX) && pathname.length > REPOSITORY_PAGE_PREFIX.length) {
    return { kind: "repository-page", name: pathname.slice(REPOSITORY_PAGE_PREFIX.length) };
  }
  const upload = UPLOAD.exec(pathname);
  if (upload) return { kind: "upload", name: upload[1] };
  const manifest = MANIFEST.exec(pathname);
  if (manifest) return { kind: "manifest", name: manifest[1], reference: manifest[2] };
  const blob = BLOB.exec(pathname);
  if (blob) return { kind: "blob", name: blob[1], digest: blob[2] };
  const tags = TAGS.exec(pathname);
  if (tags) return { kind: "tags", name: tags[1] };
  const referrers = REFERRERS.exec(pathname);
  if (referrers) return { kind: "referrers", name: referrers[1], digest: referrers[2] };
  return { kind: "unknown" };
}

// src/registry/routes/blobs.ts
import { createHash as createHash3 } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/registry/file-sender.ts
import { open } from "node:fs/promises";
var CHUNK_BYTES = 1024 * 1024;
var RING_SIZE = 2;
async function openLocalFile(storage, key) {
  if (!storage.local) return null;
  try {
    return await open(storage.local.path(key), "r");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}
async function sendFileRange(file, start, end, response, onBytes) {
  const total = end - start + 1;
  const chunks = Math.ceil(total / CHUNK_BYTES);
  const buffers = Array.from({ length: Math.min(RING_SIZE, chunks) }, () => Buffer.allocUnsafeSlow(CHUNK_BYTES));
  const freed = buffers.map(() => Promise.resolve());
  const reads = [];
  let gone = () => {
  };
  const closed = new Promise((_resolve, reject) => gone = reject);
  closed.catch(() => {
  });
  const onClose = () => {
    if (!response.writableFinished) gone(Object.assign(new Error("client went away"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
  };
  response.on("close", onClose);
  const lengthOf = (i) => Math.min(CHUNK_BYTES, total - i * CHUNK_BYTES);
  const startRead = (i) => {
    const slot = i % buffers.length;
    const read = freed[slot].then(async () => (await file.read(buffers[slot], 0, lengthOf(i), start + i * CHUNK_BYTES)).bytesRead);
    read.catch(() => {
    });
    reads[i] = read;
  };
  try {
    for (let i = 0; i < buffers.length; i++) startRead(i);
    for (let i = 0; i < chunks; i++) {
      const slot = i % buffers.length;
      const bytesRead = await Promise.race([reads[i], closed]);
      if (bytesRead !== lengthOf(i)) throw new Error(`file ended at byte ${start + i * CHUNK_BYTES + bytesRead}, before byte ${end}`);
      const written = new Promise((resolve, reject) => {
        response.write(buffers[slot].subarray(0, bytesRead), (error) => {
          if (error) return reject(error);
          onBytes(bytesRead);
          resolve();
        });
      });
      written.catch(() => {
      });
      freed[slot] = written;
      if (i + buffers.length < chunks) startRead(i + buffers.length);
    }
    await Promise.race([Promise.all(freed), closed]);
    await new Promise((resolve, reject) => {
      response.end(() => resolve());
      closed.catch(reject);
    });
  } finally {
    response.off("close", onClose);
  }
}

// src/registry/range.ts
var SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;
var MAX_DIGITS = 15;
function parseRange(header, size) {
  if (header === void 0) return { kind: "whole" };
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ""));
  if (!match) return { kind: "whole" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "" || first.length > MAX_DIGITS || last.length > MAX_DIGITS) return { kind: "whole" };
  if (first === "") {
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", range: { start, end: Math.min(end, size - 1) } };
}
function contentRange(range, size) {
  return `bytes ${range.start}-${range.end}/${size}`;
}

// src/registry/routes/blobs.ts
async function serveBlob(ctx, rawName, rawDigest) {
  const name = ctx.reader.canonicalName(rawName);
  const digest = validDigest(rawDigest);
  await ctx.reader.tags(name);
  const size = await ctx.reader.blobSize(digest);
  if (size === null) throw blobUnknown(digest);
  const etag = `"${digest}"`;
  const headers = {
    "Content-Type": "application/octet-stream",
    "Docker-Content-Digest": digest,
    ETag: etag,
    "Accept-Ranges": "bytes",
    "Cache-Control": IMMUTABLE_CACHE_CONTROL
  };
  if (notModified(ctx, etag, headers)) return;
  const ifRange = ctx.request.headers["if-range"];
  const rangeHeader = ifRange === void 0 || ifRange === etag ? ctx.request.headers.range : void 0;
  const range = parseRange(rangeHeader, size);
  if (range.kind === "unsatisfiable") {
    throw new RegistryError(416, "RANGE_INVALID", `range "${String(rangeHeader).slice(0, 40)}" is outside blob ${digest} (${size} bytes)`, {
      headers: { "Content-Range": `bytes */${size}` }
    });
  }
  const status = range.kind === "partial" ? 206 : 200;
  if (range.kind === "partial") headers["Content-Range"] = contentRange(range.range, size);
  const length = range.kind === "partial" ? range.range.end - range.range.start + 1 : size;
  if (ctx.head) {
    ctx.response.writeHead(status, { ...headers, "Content-Length": length });
    ctx.response.end();
    return;
  }
  const location = await signedLocation(ctx, digest);
  if (location) {
    ctx.response.writeHead(307, { Location: location, "Docker-Content-Digest": digest, "Content-Length": 0 });
    ctx.response.end();
    return;
  }
  if (size <= MAX_SMALL_BLOB_BYTES) {
    const bytes = await ctx.reader.smallBlob(digest, size);
    if (bytes === "missing") throw blobUnknown(digest);
    if (bytes === "damaged") throw damaged(ctx, digest);
    const body = range.kind === "partial" ? bytes.subarray(range.range.start, range.range.end + 1) : bytes;
    ctx.response.writeHead(status, { ...headers, "Content-Length": body.length });
    ctx.response.end(body);
    ctx.bytesSent += body.length;
    return;
  }
  if (!ctx.reader.isVerified(digest, size) && range.kind === "partial") {
    if (!await checkWholeBlob(ctx, digest, size)) throw damaged(ctx, digest);
  }
  const hashing = !ctx.reader.isVerified(digest, size);
  if (!hashing && await sendLocalFile(ctx, digest, status, headers, range.kind === "partial" ? range.range : { start: 0, end: size - 1 }))
    return;
  const source = await ctx.reader.openBlob(digest, range.kind === "partial" ? range.range : void 0);
  if (!source) throw blobUnknown(digest);
  ctx.response.writeHead(status, { ...headers, "Content-Length": length });
  const meter = hashing ? new HashingMeter(
    digest,
    (bytes) => ctx.bytesSent += bytes,
    () => {
      ctx.reader.forgetVerified(digest);
      ctx.logError = `blob ${digest} in ${ctx.reader.store.storage.location} does not hash to its digest; cut the response`;
    }
  ) : null;
  if (!meter) source.on("data", (chunk) => ctx.bytesSent += chunk.length);
  try {
    await (meter ? pipeline(source, meter, ctx.response) : pipeline(source, ctx.response));
    if (hashing) ctx.reader.rememberVerified(digest, size);
  } catch (error) {
    if (!meter?.mismatch && !isClientGone(error)) ctx.logError ??= `reading blob ${digest} failed: ${error.message}`;
    ctx.response.destroy();
  }
}
async function sendLocalFile(ctx, digest, status, headers, range) {
  const file = await openLocalFile(ctx.reader.store.storage, blobKey(digest));
  if (!file) return false;
  try {
    ctx.response.writeHead(status, { ...headers, "Content-Length": range.end - range.start + 1 });
    await sendFileRange(file, range.start, range.end, ctx.response, (bytes) => ctx.bytesSent += bytes);
  } catch (error) {
    if (!isClientGone(error)) ctx.logError ??= `reading blob ${digest} failed: ${error.message}`;
    ctx.response.destroy();
  } finally {
    await file.close();
  }
  return true;
}
async function checkWholeBlob(ctx, digest, size) {
  const source = await ctx.reader.openBlob(digest);
  if (!source) throw blobUnknown(digest);
  const hash = createHash3("sha256");
  let bytes = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  const ok = bytes === size && `sha256:${hash.digest("hex")}` === digest;
  if (ok) ctx.reader.rememberVerified(digest, size);
  return ok;
}
function damaged(ctx, digest) {
  ctx.logError = `blob ${digest} in ${ctx.reader.store.storage.location} does not hash to its digest; refused to serve it`;
  return new RegistryError(
    404,
    "BLOB_UNKNOWN",
    `blob ${digest} is damaged in the bucket (its bytes do not match its digest); rebuild the image`,
    {
      detail: { digest }
    }
  );
}
async function signedLocation(ctx, digest) {
  if (!ctx.blobRedirect) return null;
  const storage = ctx.reader.store.storage;
  if (!storage.signedReadUrl) return null;
  return storage.signedReadUrl(blobKey(digest), ctx.blobRedirect.ttlSeconds);
}
function isClientGone(error) {
  const code = error.code;
  return code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET" || code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}
var HashingMeter = class extends Transform {
  mismatch = false;
  expected;
  hash = createHash3("sha256");
  onBytes;
  onMismatch;
  held = null;
  constructor(expectedDigest, onBytes, onMismatch) {
    super();
    this.expected = expectedDigest;
    this.onBytes = onBytes;
    this.onMismatch = onMismatch;
  }
  _transform(chunk, _encoding, callback) {
    this.hash.update(chunk);
    const previous = this.held;
    this.held = chunk;
    if (previous) this.onBytes(previous.length);
    callback(null, previous ?? void 0);
  }
  _flush(callback) {
    if (`sha256:${this.hash.digest("hex")}` !== this.expected) {
      this.mismatch = true;
      this.onMismatch();
      callback(new Error(`digest mismatch for ${this.expected}`));
      return;
    }
    if (this.held) this.onBytes(this.held.length);
    callback(null, this.held ?? void 0);
  }
};

// src/registry/page-index.ts
function renderIndexPage(model, host, onDemand) {
  const mode = onDemand ? "Images the bucket lacks are built from Nix packages on first pull." : "Read-only: images are built into the bucket by <code>nixery build</code>.";
  const emptyHint = onDemand ? `Pull any name and it is built, e.g. <code>${escapeHtml(pullCommand(host, "shell/hello", "latest"))}</code>.` : "Build some into this bucket with <code>nixery build NAME --out BUCKET</code>.";
  const list = model.total === 0 ? `<p class="empty">No images yet. ${emptyHint}</p>` : renderRepositories(model);
  const body = `<h1>Repositories</h1>
<p class="muted">${plural(model.total, "repository", "repositories")} at <code>${escapeHtml(host)}</code>. ${mode}</p>
${list}
${onDemand ? renderOnDemand(onDemand, host) : ""}`;
  return renderDocument(`nixery registry at ${host}`, host, body);
}
function renderRepositories(model) {
  const filtered = model.query !== "";
  const form = `<form class="filter" method="get" action="/" role="search">
<input class="filter" id="filter" type="search" name="q" value="${escapeHtml(model.query)}" placeholder="filter by name, e.g. hello" aria-label="filter repositories by name">
<button type="submit">Filter</button>
</form>`;
  const counts = [
    `<span id="filter-count">${model.repositories.length}</span> of ${model.total} shown`,
    filtered ? `: those matching <q>${escapeHtml(model.query)}</q> (<a href="/">show all</a>)` : "",
    model.matching > model.repositories.length ? `. ${model.matching - model.repositories.length} more match but are left off: narrow the filter to find them` : ""
  ];
  const rows = model.repositories.map(renderSummary);
  const table = rows.length === 0 ? `<p class="empty">No repository matches <q>${escapeHtml(model.query)}</q>.</p>` : `<div class="scroll"><table class="repositories"><thead><tr><th>repository</th><th class="size">tags</th><th>tag</th><th class="size">size</th><th class="wide">digest</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
  return `${form}
<p class="muted filter-status">${counts.join("")}.</p>
${table}`;
}
function renderSummary(repo) {
  const size = repo.size === null ? "" : formatBytes(repo.size);
  const digest = repo.digest ? `<code title="${escapeHtml(repo.digest)}">${escapeHtml(shortDigest(repo.digest))}</code>` : "";
  const problem = repo.problem ? ` <span class="problem">unreadable</span>` : "";
  return `<tr data-repository="${escapeHtml(repo.name)}"><td class="name"><a href="${escapeHtml(repositoryPagePath(repo.name))}">${escapeHtml(repo.name)}</a></td><td class="size">${repo.tagCount}</td><td><span class="tag">${escapeHtml(repo.tag)}</span>${problem}</td><td class="size">${size}</td><td class="wide">${digest}</td></tr>`;
}
function renderOnDemand(model, host) {
  const rows = model.builds.map((build) => {
    const outcome = build.state === "failed" ? `<span class="problem">${escapeHtml(build.reason ?? "failed")}</span>` : build.digest ? `<code title="${escapeHtml(build.digest)}">${escapeHtml(shortDigest(build.digest))}</code>${build.nixRan ? "" : ' <span class="muted">(cached manifest, Nix not run)</span>'}` : "";
    return `<tr class="build"><td><code>${escapeHtml(`${build.image}:${build.tag}`)}</code></td><td class="state-${build.state}">${build.state}</td><td><time datetime="${escapeHtml(build.requestedAt)}">${escapeHtml(build.requestedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"))}</time></td><td class="size">${formatDuration(build.queuedSeconds)}</td><td class="size">${formatDuration(build.buildSeconds)}</td><td>${outcome}</td><td class="built-on">${builtOn(build)}</td></tr>`;
  });
  const table = rows.length === 0 ? '<p class="muted">No builds since the registry started.</p>' : `<div class="scroll"><table class="builds"><thead><tr><th>image</th><th>state</th><th>requested</th><th class="size">queued</th><th class="size">build</th><th>result</th><th>built on</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
  return `<section class="on-demand">
<h2>Build an image</h2>
<p class="pulling-builds"><strong>Pulling is what builds.</strong> This form does not start a build: it writes the pull command for the
packages you type. Run that command (docker, podman or skopeo) and the registry builds the image while the pull waits,
then serves it; the build shows up under Recent builds (reload the page) and the image in the list above.</p>
<form class="build" id="build-form" data-host="${escapeHtml(host)}">
<label>packages <input name="packages" value="shell hello" size="40" aria-label="packages, separated by spaces"></label>
<label>tag <input name="tag" value="latest" size="12"></label>
</form>
${copyRow("build-pull", "", "pull command that builds the image", ' name="command" form="build-form"')}
<h2>Recent builds</h2>
<p class="muted">${model.running} running, ${model.queued} queued.</p>
${table}
${model.leases ? renderLeases(model.leases, model.replica) : ""}
</section>`;
}
function renderLeases(leases, replica) {
  const self = replica ? ` This replica is <code class="replica">${escapeHtml(replica)}</code>.` : "";
  if (leases.length === 0) return `<h2>Build leases</h2>
<p class="muted">No replica is building anything now.${self}</p>`;
  const rows = leases.map(
    (lease) => `<tr class="lease"><td><code>${escapeHtml(`${lease.image}:${lease.tag}`)}</code></td><td><code class="holder">${escapeHtml(lease.holder)}</code>${lease.holder === replica ? ' <span class="muted">(this replica)</span>' : ""}</td><td class="state-${lease.state}">${lease.state}</td><td>${formatTime(lease.since)}</td><td>${formatTime(lease.renewedAt)}</td></tr>`
  );
  return `<h2>Build leases</h2>
<p class="muted">Replicas sharing this bucket build each name once: the holder builds, the others wait for it.${self}</p>
<div class="scroll"><table class="leases"><thead><tr><th>image</th><th>replica</th><th>state</th><th>since</th><th>renewed</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
}
function formatTime(iso) {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace("T", " ").replace(/\.\d+Z$/, "Z"))}</time>`;
}
function formatDuration(value) {
  return value === null ? "" : formatSeconds(value);
}
function builtOn(build) {
  const parts = [...derivationsByBuilder(build.nixBuilds)].map(
    ([builder, derivations]) => `<span title="${escapeHtml(derivations.join(", "))}">${derivations.length} ${builder === "local" ? "locally" : `on <code>${escapeHtml(builder)}</code>`}</span>`
  );
  if (build.nixRan && build.state === "built" && parts.length === 0) parts.push('<span class="muted">nothing (all from caches)</span>');
  const push = build.closurePush;
  if (push) {
    parts.push(
      push.pushed ? `<span class="muted">pushed ${push.paths} paths to <code>${escapeHtml(push.url)}</code></span>` : `<span class="problem">push to <code>${escapeHtml(push.url)}</code> failed</span>`
    );
  }
  return parts.join("<br>");
}

// src/registry/page-model.ts
var REVISION_KEY = NixeryKey.nixpkgsRevision;
function isIndexMediaType(mediaType) {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}
function pullSize(mediaType, manifestBytes) {
  const manifest = parseObject(manifestBytes);
  if (!manifest) return manifestBytes.length;
  return manifestBytes.length + sumSizes(isIndexMediaType(mediaType) ? manifest.manifests : [manifest.config, ...arrayOf(manifest.layers)]);
}
function indexPullSize(indexBytes, platformSizes) {
  return platformSizes.length > 0 ? indexBytes.length + Math.max(...platformSizes) : pullSize(MediaType.ociIndex, indexBytes);
}
function layerDigestsOf(manifestBytes) {
  const manifest = parseObject(manifestBytes);
  return arrayOf(manifest?.layers).filter(isDescriptor).map((layer) => layer.digest);
}
function configDigestOf(manifestBytes) {
  const config = parseObject(manifestBytes)?.config;
  return isDescriptor(config) ? config.digest : null;
}
function indexEntriesOf(indexBytes) {
  const index = parseObject(indexBytes);
  return arrayOf(index?.manifests).filter(isDescriptor).map((entry) => {
    const platform = entry.platform ?? {};
    const parts = [platform.os, platform.architecture, platform.variant].filter((p) => typeof p === "string" && p !== "");
    return { digest: entry.digest, platform: parts.join("/") };
  });
}
function describeImage(digest, tags, mediaType, manifestBytes, configBytes) {
  const image = { digest, tags, mediaType, size: pullSize(mediaType, manifestBytes), ...noDetails(), problem: null };
  const manifest = parseObject(manifestBytes);
  if (!manifest) return { ...image, problem: "the manifest is not valid JSON" };
  image.annotations = stringRecord(manifest.annotations);
  if (isIndexMediaType(mediaType)) {
    return { ...image, manifestCount: arrayOf(manifest.manifests).filter(isDescriptor).length, revision: revisionOf(image) };
  }
  const layers = arrayOf(manifest.layers).filter(isDescriptor);
  const parsedConfig = configBytes ? parseObject(configBytes) : null;
  if (parsedConfig) {
    image.architecture = typeof parsedConfig.architecture === "string" ? parsedConfig.architecture : null;
    image.os = typeof parsedConfig.os === "string" ? parsedConfig.os : null;
    image.created = typeof parsedConfig.created === "string" ? parsedConfig.created : null;
    const inner = parsedConfig.config;
    image.labels = typeof inner === "object" && inner !== null ? stringRecord(inner.Labels) : {};
  }
  image.revision = revisionOf(image);
  const history = arrayOf(parsedConfig?.history).filter(
    (h) => typeof h === "object" && h !== null && h.empty_layer !== true
  );
  const historyFits = history.length === layers.length;
  image.layers = layers.map((layer, i) => {
    const createdBy = historyFits ? history[i].created_by : void 0;
    const storePaths = storePathsOf(createdBy);
    return {
      digest: layer.digest,
      size: layer.size,
      mediaType: layer.mediaType,
      storePaths: storePaths ?? [],
      description: storePaths ? null : typeof createdBy === "string" && createdBy !== "" ? createdBy : null,
      sharedWith: []
    };
  });
  if (!configBytes) image.problem = "the image config is missing or damaged in the bucket";
  else if (!parsedConfig) image.problem = "the image config is not valid JSON";
  return image;
}
function unreadableImage(tag, problem) {
  return { digest: null, tags: tag === "" ? [] : [tag], mediaType: "", size: 0, ...noDetails(), problem };
}
function noDetails() {
  return { architecture: null, os: null, created: null, revision: null, labels: {}, annotations: {}, layers: null, manifestCount: null };
}
function summaryTag(tags) {
  if (tags.includes("latest")) return "latest";
  return [...tags].sort((a, b) => a.localeCompare(b, "en", { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0)).at(-1) ?? "";
}
function filterTerms(query) {
  return query.toLowerCase().split(/[\s,/]+/).filter((term) => term !== "");
}
function matchesFilter(name, terms) {
  return terms.every((term) => name.includes(term));
}
function revisionOf(image) {
  return image.labels[REVISION_KEY] || image.annotations[REVISION_KEY] || null;
}
function sumSizes(values) {
  return arrayOf(values).filter(isDescriptor).reduce((sum, d) => sum + d.size, 0);
}
function arrayOf(value) {
  return Array.isArray(value) ? value : [];
}
function stringRecord(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry) => typeof entry[1] === "string"));
}
function parseObject(bytes) {
  try {
    const value = JSON.parse(bytes.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// src/registry/routes/index-page.ts
var MAX_INDEX_ROWS = 500;
var MAX_QUERY_LENGTH = 200;
var READS_AT_ONCE = 16;
var IndexPage = class {
  reader;
  summaries;
  constructor(reader, cacheTtlMs) {
    this.reader = reader;
    this.summaries = new TtlCache(cacheTtlMs);
  }
  async serve(ctx) {
    const model = await this.gather(ctx.url.searchParams.get("q") ?? "");
    const onDemand = ctx.onDemand ? {
      ...ctx.onDemand.activity,
      builds: ctx.onDemand.recentBuilds(),
      replica: ctx.onDemand.replica,
      leases: await ctx.onDemand.leaseHolders()
    } : void 0;
    const html = renderIndexPage(model, requestHost(ctx.request), onDemand);
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }
  /** The repositories matching the filter, each summarised by one tag; an unreadable tag is shown with its problem. */
  async gather(rawQuery) {
    const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
    const terms = filterTerms(query);
    const tagsByRepository = await this.reader.tagsByRepository();
    const names = [...tagsByRepository.keys()];
    const matching = names.filter((name) => matchesFilter(name, terms));
    const limit = pLimit(READS_AT_ONCE);
    const lines = await Promise.all(
      matching.slice(0, MAX_INDEX_ROWS).map((name) => limit(() => this.summaries.get(name, () => this.summarise(name, tagsByRepository.get(name)))))
    );
    return {
      repositories: lines,
      total: names.length,
      matching: matching.length,
      query
    };
  }
  /** A first pull's size; for an index, the index and its largest platform (platforms that cannot be read are left out). */
  async size(name, manifest) {
    if (!isIndexMediaType(manifest.mediaType)) return pullSize(manifest.mediaType, manifest.bytes);
    const platforms = await Promise.all(
      indexEntriesOf(manifest.bytes).map(
        (entry) => this.reader.manifest(name, entry.digest).then(
          (child) => pullSize(child.mediaType, child.bytes),
          (error) => {
            if (error instanceof RegistryError) return null;
            throw error;
          }
        )
      )
    );
    return indexPullSize(
      manifest.bytes,
      platforms.filter((size) => size !== null)
    );
  }
  async summarise(name, tags) {
    const tag = summaryTag(tags);
    const line = { name, tagCount: tags.length, tag, digest: null, size: null, problem: null };
    try {
      const manifest = await this.reader.manifest(name, tag);
      return { ...line, digest: manifest.digest, size: await this.size(name, manifest) };
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return { ...line, problem: error.message };
    }
  }
};

// src/registry/routes/listings.ts
async function serveTags(ctx, rawName) {
  const name = ctx.reader.canonicalName(rawName);
  const tags = await ctx.reader.tags(name);
  const page = paginate(tags, ctx.url.searchParams);
  const headers = page.next ? { Link: nextLink(`/v2/${rawName}/tags/list`, page.n, page.next) } : {};
  sendJson(ctx, 200, { name: rawName, tags: page.items }, headers);
}
async function serveCatalog(ctx) {
  const repositories = await ctx.reader.repositories();
  const page = paginate(repositories, ctx.url.searchParams);
  const headers = page.next ? { Link: nextLink("/v2/_catalog", page.n, page.next) } : {};
  sendJson(ctx, 200, { repositories: page.items }, headers);
}
var MAX_PAGE_SIZE = 1e4;
function paginate(sorted, params) {
  const rawN = params.get("n");
  const last = params.get("last");
  let n;
  if (rawN !== null) {
    if (!/^\d{1,9}$/.test(rawN)) {
      throw new RegistryError(
        400,
        "PAGINATION_NUMBER_INVALID",
        `n="${rawN.slice(0, 20)}" must be a whole number from 0 to ${MAX_PAGE_SIZE}`
      );
    }
    n = Math.min(Number(rawN), MAX_PAGE_SIZE);
  }
  const after = last === null ? sorted : sorted.filter((item) => compareStrings(item, last) > 0);
  if (n === void 0) return { items: [...after], n, next: void 0 };
  const items = after.slice(0, n);
  const more = after.length > n && n > 0;
  return { items, n, next: more ? items[items.length - 1] : void 0 };
}
function nextLink(path, n, last) {
  return `<${path}?n=${n}&last=${encodeURIComponent(last)}>; rel="next"`;
}

// src/registry/accept.ts
function acceptsMediaType(header, mediaType) {
  if (header === void 0 || header.trim() === "") return true;
  const [type = ""] = mediaType.toLowerCase().split("/");
  let sawAny = false;
  for (const entry of header.split(",")) {
    const [rawRange = "", ...params] = entry.split(";");
    const range = rawRange.trim().toLowerCase();
    if (range === "") continue;
    sawAny = true;
    if (params.some((p) => /^\s*q\s*=\s*0(?:\.0{0,3})?\s*$/i.test(p))) continue;
    if (range === "*/*" || range === mediaType.toLowerCase() || range === `${type}/*`) return true;
  }
  return !sawAny;
}

// src/registry/routes/manifests.ts
async function serveManifest(ctx, rawName, reference) {
  const name = ctx.reader.canonicalName(rawName);
  const manifest = await readOrBuild(ctx, name, reference);
  const byDigest = reference.includes(":");
  if (!byDigest && !acceptsMediaType(ctx.request.headers.accept, manifest.mediaType)) {
    throw manifestUnknown(name, reference, `is stored as ${manifest.mediaType}, which this client's Accept header does not include`);
  }
  const etag = `"${manifest.digest}"`;
  const headers = {
    "Content-Type": manifest.mediaType,
    "Docker-Content-Digest": manifest.digest,
    ETag: etag,
    // Tags move when CI rebuilds; digests never change.
    "Cache-Control": byDigest ? IMMUTABLE_CACHE_CONTROL : "no-cache"
  };
  if (notModified(ctx, etag, headers)) return;
  sendBody(ctx, 200, manifest.bytes, headers);
}
async function readOrBuild(ctx, name, reference) {
  try {
    return await ctx.reader.manifest(name, reference);
  } catch (error) {
    const missing = error instanceof RegistryError && (error.code === "MANIFEST_UNKNOWN" || error.code === "NAME_UNKNOWN") && error.status === 404;
    if (!ctx.onDemand || !missing || reference.includes(":")) throw error;
  }
  const socket = ctx.request.socket;
  const idleTimeout = socket.timeout;
  socket.setTimeout(0);
  try {
    await ctx.onDemand.build(name, reference);
  } finally {
    if (!socket.destroyed && idleTimeout) socket.setTimeout(idleTimeout);
  }
  ctx.reader.forgetTag(name, reference);
  return ctx.reader.manifest(name, reference);
}

// src/registry/routes/referrers.ts
async function serveReferrers(ctx, rawName, digest) {
  const name = ctx.reader.canonicalName(rawName);
  validDigest(digest);
  await ctx.reader.tags(name);
  const artifactType = ctx.url.searchParams.get("artifactType");
  const referrers = await ctx.reader.store.listReferrers(digest);
  const listed = artifactType === null ? referrers : referrers.filter((r) => r.artifactType === artifactType);
  sendBody(ctx, 200, serializeReferrersIndex(listed), {
    "Content-Type": MediaType.ociIndex,
    ...artifactType === null ? {} : { "OCI-Filters-Applied": "artifactType" }
  });
}

// src/registry/layer-sharing.ts
var MAX_SHARING_TAGS = 2e3;
var READS_AT_ONCE2 = 16;
var LayerSharing = class {
  reader;
  index;
  constructor(reader, cacheTtlMs) {
    this.reader = reader;
    this.index = new TtlCache(cacheTtlMs, 1);
  }
  get() {
    return this.index.get("", () => this.gather());
  }
  /** Other images holding `layer` than `manifest` in `repository` (the image being shown). */
  static sharedWith(index, layer, repository, manifest) {
    return (index.holders.get(layer) ?? []).filter((holder) => holder.repository !== repository || holder.manifest !== manifest).map(({ repository: name, tag, platform }) => ({ repository: name, tag, platform }));
  }
  async gather() {
    const limit = pLimit(READS_AT_ONCE2);
    const tagged = [];
    for (const [repository, tags] of await this.reader.tagsByRepository()) {
      for (const tag of tags) tagged.push({ repository, tag });
    }
    const read = tagged.slice(0, MAX_SHARING_TAGS);
    const manifests = await Promise.all(read.map(({ repository, tag }) => limit(() => this.manifest(repository, tag))));
    const holders = /* @__PURE__ */ new Map();
    const seen = /* @__PURE__ */ new Set();
    for (const [i, manifest] of manifests.entries()) {
      const { repository, tag } = read[i];
      if (!manifest || seen.has(`${repository}@${manifest.digest}`)) continue;
      seen.add(`${repository}@${manifest.digest}`);
      if (!isIndexMediaType(manifest.mediaType)) {
        add(holders, layerDigestsOf(manifest.bytes), { repository, tag, platform: null, manifest: manifest.digest });
        continue;
      }
      const platforms = indexEntriesOf(manifest.bytes);
      const children = await Promise.all(platforms.map((entry) => limit(() => this.manifest(repository, entry.digest))));
      for (const [j, child] of children.entries()) {
        if (child)
          add(holders, layerDigestsOf(child.bytes), { repository, tag, platform: platforms[j].platform || null, manifest: child.digest });
      }
    }
    return { holders, complete: read.length === tagged.length };
  }
  /** A tag's or digest's manifest; null when it cannot be read (the repository page shows that problem itself). */
  async manifest(repository, reference) {
    try {
      return await this.reader.manifest(repository, reference);
    } catch (error) {
      if (error instanceof RegistryError) return null;
      throw error;
    }
  }
};
function add(holders, layers, holder) {
  for (const layer of new Set(layers)) {
    const list = holders.get(layer);
    if (list) list.push(holder);
    else holders.set(layer, [holder]);
  }
}

// src/registry/page-repository.ts
var MAX_SHARING_NAMES = 8;
function renderRepositoryPage(model, host) {
  const ids = { next: 0 };
  const readable = model.images.filter((image) => image.digest !== null);
  const tagCount = model.images.reduce((sum, image) => sum + image.tags.length, 0);
  const notes = [
    model.omittedTags > 0 ? `${model.omittedTags} more tags are not shown; list them with <code>/v2/${escapeHtml(model.name)}/tags/list</code>.` : "",
    model.sharingComplete ? "" : "The bucket holds more tags than this page reads, so layer sharing may be undercounted."
  ].filter(Boolean);
  const body = `<h1 class="repository">${escapeHtml(model.name)}</h1>
<p class="muted">${plural(tagCount, "tag", "tags")} in ${plural(readable.length, "image", "images")}. <a href="/">All repositories</a></p>
${model.images.map((image) => renderImage(model.name, image, host, ids)).join("\n")}
${notes.map((note) => `<p class="muted">${note}</p>`).join("\n")}`;
  return renderDocument(`${model.name}: nixery registry at ${host}`, host, body);
}
function renderImage(repository, image, host, ids) {
  const tags = `<div class="tags">${image.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join("")}</div>`;
  if (image.digest === null) {
    return `<article class="image unreadable">
${tags}
<p class="problem">${escapeHtml(image.problem ?? "this tag cannot be read")}</p>
</article>`;
  }
  const pulls = [
    ...image.tags.map((tag) => copyRow(`pull-${ids.next++}`, pullCommand(host, repository, tag), `pull command for ${tag}`)),
    copyRow(`pull-${ids.next++}`, pullByDigestCommand(host, repository, image.digest), "pull command by digest")
  ];
  return `<article class="image" data-digest="${escapeHtml(image.digest)}">
${tags}
${renderFacts(image)}
<h3>Pull</h3>
<div class="pulls">${pulls.join("\n")}</div>
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ""}
${renderKeyValues("Labels", "labels", image.labels)}
${renderKeyValues("Annotations", "annotations", image.annotations)}
${image.layers ? renderLayers(image.layers) : ""}
${(image.platforms ?? []).map((platform) => renderPlatform(repository, platform, host, ids)).join("\n")}
</article>`;
}
function renderFacts(image) {
  const facts = [
    ["digest", `<code class="digest">${escapeHtml(image.digest ?? "")}</code>`],
    ["size", `<span class="size">${formatBytes(image.size)}</span> <span class="muted">(compressed, what a first pull downloads)</span>`]
  ];
  if (image.architecture || image.os) facts.push(["platform", escapeHtml(platformOf(image))]);
  if (image.created) {
    const fixed = image.created === IMAGE_CREATED ? ' <span class="muted">(fixed, so equal inputs give equal digests)</span>' : "";
    facts.push(["created", `<time class="created">${escapeHtml(image.created)}</time>${fixed}`]);
  }
  if (image.revision) facts.push(["package set revision", `<code class="revision">${escapeHtml(image.revision)}</code>`]);
  facts.push(["media type", `<code>${escapeHtml(image.mediaType)}</code>`]);
  if (image.manifestCount !== null) facts.push(["manifests", String(image.manifestCount)]);
  if (image.platforms?.length) facts.push(["platforms", escapeHtml(image.platforms.map(platformOf).join(", "))]);
  return `<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>`;
}
function renderPlatform(repository, image, host, ids) {
  const pull = image.digest ? copyRow(`pull-${ids.next++}`, pullByDigestCommand(host, repository, image.digest), `pull command for ${platformOf(image)}`) : "";
  return `<section class="platform" data-platform="${escapeHtml(platformOf(image))}">
<h3>${escapeHtml(platformOf(image))}</h3>
${renderFacts(image)}
${pull}
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ""}
${image.layers ? renderLayers(image.layers) : ""}
</section>`;
}
function renderKeyValues(title, className, values) {
  const entries = Object.entries(values);
  if (entries.length === 0) return "";
  return `<details class="${className}"${className === "labels" ? " open" : ""}><summary>${title} (${entries.length})</summary>
<dl>${entries.map(([key, value]) => `<dt><code>${escapeHtml(key)}</code></dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>
</details>`;
}
function renderLayers(layers) {
  const rows = layers.map((layer, i) => {
    const contents = layer.storePaths.length > 0 ? layer.storePaths.map((p) => `<code>${escapeHtml(p)}</code>`).join("") : `<span class="muted">${escapeHtml(layer.description ?? "no history entry")}</span>`;
    return `<tr class="layer"><td class="wide">${i + 1}</td><td class="size">${formatBytes(layer.size)}</td><td><code title="${escapeHtml(layer.digest)}">${escapeHtml(shortDigest(layer.digest))}</code></td><td class="paths">${contents}</td><td class="shared">${renderSharing(layer.sharedWith)}</td></tr>`;
  });
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  const shared = layers.filter((layer) => layer.sharedWith.length > 0).length;
  return `<h3>${plural(layers.length, "layer", "layers")}, ${formatBytes(total)}; ${shared} shared with other images</h3>
<div class="scroll"><table class="layers"><thead><tr><th class="wide">#</th><th class="size">size</th><th>digest</th><th>store paths</th><th>shared with</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
}
function renderSharing(images) {
  if (images.length === 0) return '<span class="muted">no other image</span>';
  const named = images.slice(0, MAX_SHARING_NAMES).map((image) => {
    const label = `${image.repository}:${image.tag}${image.platform ? ` (${image.platform})` : ""}`;
    return `<a href="${escapeHtml(repositoryPagePath(image.repository))}">${escapeHtml(label)}</a>`;
  });
  const more = images.length > MAX_SHARING_NAMES ? `<span class="muted">and ${images.length - MAX_SHARING_NAMES} more</span>` : "";
  return `<span class="count">${plural(images.length, "image", "images")}</span>${named.join("")}${more}`;
}
function platformOf(image) {
  return [image.os, image.architecture].filter(Boolean).join("/") || "unknown platform";
}

// src/registry/routes/repository-page.ts
var MAX_REPOSITORY_TAGS = 200;
var READS_AT_ONCE3 = 8;
var RepositoryPage = class {
  reader;
  models;
  sharing;
  constructor(reader, cacheTtlMs) {
    this.reader = reader;
    this.models = new TtlCache(cacheTtlMs, 1e3);
    this.sharing = new LayerSharing(reader, cacheTtlMs);
  }
  async serve(ctx, rawName) {
    const name = this.reader.canonicalName(rawName);
    const model = await this.models.get(name, () => this.gather(name));
    const html = renderRepositoryPage(model, requestHost(ctx.request));
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }
  /** Reads the repository into the page model; 404 NAME_UNKNOWN when it has no tags. */
  async gather(name) {
    const tags = await this.reader.tags(name);
    const shown = tags.slice(0, MAX_REPOSITORY_TAGS);
    const images = await this.images(name, shown);
    const index = await this.sharing.get();
    for (const image of images) {
      for (const part of [image, ...image.platforms ?? []]) {
        for (const layer of part.layers ?? []) layer.sharedWith = LayerSharing.sharedWith(index, layer.digest, name, part.digest);
      }
    }
    return { name, images, omittedTags: tags.length - shown.length, sharingComplete: index.complete };
  }
  /** Tags that point at the same manifest become one image, in the order of their first tag. */
  async images(name, tags) {
    const limit = pLimit(READS_AT_ONCE3);
    const manifests = await Promise.all(tags.map((tag) => limit(() => this.manifest(name, tag))));
    const byDigest = /* @__PURE__ */ new Map();
    const problems = [];
    for (const [i, manifest] of manifests.entries()) {
      const tag = tags[i];
      if (typeof manifest === "string") {
        problems.push(unreadableImage(tag, manifest));
        continue;
      }
      const known = byDigest.get(manifest.digest);
      if (known) known.tags.push(tag);
      else byDigest.set(manifest.digest, await this.describe(name, manifest, [tag]));
    }
    return [...byDigest.values(), ...problems];
  }
  async describe(name, manifest, tags) {
    const configDigest = configDigestOf(manifest.bytes);
    const config = configDigest ? await this.reader.verifiedSmallBlob(configDigest).catch(() => null) : null;
    const image = describeImage(manifest.digest, tags, manifest.mediaType, manifest.bytes, config);
    if (image.manifestCount !== null) {
      image.platforms = await Promise.all(indexEntriesOf(manifest.bytes).map((entry) => this.platform(name, entry)));
      image.size = indexPullSize(
        manifest.bytes,
        image.platforms.filter((p) => p.layers !== null).map((p) => p.size)
      );
    }
    return image;
  }
  /** One platform of an index, named as the index names it; a missing manifest is shown with its problem. */
  async platform(name, entry) {
    const [os, ...arch] = entry.platform.split("/");
    const named = { os: os || null, architecture: arch.join("/") || null };
    const manifest = await this.manifest(name, entry.digest);
    if (typeof manifest === "string") return { ...unreadableImage("", manifest), digest: entry.digest, ...named };
    return { ...await this.describe(name, manifest, []), ...named };
  }
  /** The manifest, or why it cannot be read. */
  async manifest(name, reference) {
    try {
      return await this.reader.manifest(name, reference);
    } catch (error) {
      if (error instanceof RegistryError) return error.message;
      throw error;
    }
  }
};

// src/registry/routes/service.ts
function serveBase(ctx) {
  sendJson(ctx, 200, {});
}
function serveHealth(ctx) {
  sendJson(ctx, 200, { status: "ok" });
}
async function serveToken(ctx, auth) {
  if (!auth?.enabled) {
    sendJson(ctx, 200, { token: "anonymous", access_token: "anonymous", expires_in: 3600 });
    return;
  }
  sendJson(ctx, 200, await auth.issueToken(ctx.request), { "Cache-Control": "no-store" });
}

// src/registry/server.ts
var { createServer } = process.getBuiltinModule("node:http");
var DEFAULT_LIMITS = {
  headersTimeoutMs: 1e4,
  requestTimeoutMs: 3e4,
  idleTimeoutMs: 12e4,
  keepAliveTimeoutMs: 5e3,
  maxHeaderBytes: 16 * 1024,
  maxUrlLength: 4096,
  maxInFlight: 1024,
  shutdownGraceMs: 1e4
};
var RegistryServer = class {
  http;
  log;
  reader;
  indexPage;
  repositoryPage;
  auth;
  limits;
  blobRedirect;
  onDemand;
  inFlight = 0;
  drained = /* @__PURE__ */ new Set();
  closing = null;
  constructor(options) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.log = options.log ?? new RegistryLog();
    const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.reader = new ImageReader(options.store, {
      cacheTtlMs,
      onWarning: (message) => this.log.event("bucket warning", { warning: message })
    });
    this.indexPage = new IndexPage(this.reader, cacheTtlMs);
    this.repositoryPage = new RepositoryPage(this.reader, cacheTtlMs);
    this.auth = options.auth?.enabled ? options.auth : null;
    this.blobRedirect = options.blobRedirect ?? null;
    this.onDemand = options.onDemand ?? null;
    this.http = createServer(
      {
        maxHeaderSize: this.limits.maxHeaderBytes,
        headersTimeout: this.limits.headersTimeoutMs,
        requestTimeout: this.limits.requestTimeoutMs,
        keepAliveTimeout: this.limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1e3, this.limits.headersTimeoutMs)
      },
      (request, response) => void this.handle(request, response)
    );
    this.http.setTimeout(this.limits.idleTimeoutMs);
    this.http.on("clientError", (error, socket) => {
      if (socket.writable && !socket.destroyed) {
        const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : "400 Bad Request";
        socket.end(`HTTP/1.1 ${status}\r
Connection: close\r
Content-Length: 0\r
\r
`);
      } else {
        socket.destroy();
      }
    });
    this.http.on("connect", (request, socket) => this.refuseConnect(request, socket));
  }
  refuseConnect(request, socket) {
    const body = writeUnsupported("CONNECT").body();
    socket.on("error", () => {
    });
    const head = [
      "HTTP/1.1 405 Method Not Allowed",
      ...Object.entries(API_VERSION_HEADER).map(([key, value]) => `${key}: ${value}`),
      "Allow: GET, HEAD",
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close"
    ];
    socket.end(`${head.join("\r\n")}\r
\r
${body}`);
    this.log.request({ method: "CONNECT", path: truncate(request.url ?? "", 256), status: 405, bytes: Buffer.byteLength(body), ms: 0 });
  }
  listen(port, host) {
    return new Promise((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(port, host, () => {
        this.http.off("error", reject);
        const address = this.http.address();
        const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
        const listening = { host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` };
        this.auth?.useListeningAddress(listening);
        resolve(listening);
      });
    });
  }
  /** Stops accepting connections, lets running responses finish for up to shutdownGraceMs, then cuts the rest. */
  close() {
    this.closing ??= (async () => {
      const closed = new Promise((resolve) => this.http.close(() => resolve()));
      const buildsStopped = this.onDemand?.close();
      this.http.closeIdleConnections();
      if (this.inFlight > 0) {
        let timer;
        await Promise.race([
          new Promise((resolve) => this.drained.add(resolve)),
          new Promise((resolve) => timer = setTimeout(resolve, this.limits.shutdownGraceMs))
        ]);
        clearTimeout(timer);
      }
      this.http.closeAllConnections();
      await buildsStopped;
      await closed;
      await this.auth?.close();
    })();
    return this.closing;
  }
  async handle(request, response) {
    const started = process.hrtime.bigint();
    const rawUrl = request.url ?? "/";
    const ctx = {
      request,
      response,
      url: new URL("http://registry.invalid/"),
      head: request.method === "HEAD",
      reader: this.reader,
      log: this.log,
      blobRedirect: this.blobRedirect,
      bytesSent: 0,
      ...this.onDemand ? { onDemand: this.onDemand } : {}
    };
    let user;
    let route = null;
    this.inFlight++;
    response.on("close", () => {
      this.inFlight--;
      this.log.request({
        method: truncate(request.method ?? "?", 16),
        path: truncate(rawUrl, 256),
        status: response.statusCode,
        bytes: ctx.bytesSent,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1e3,
        ...user ? { user } : {},
        ...response.writableFinished ? {} : { aborted: true },
        ...ctx.logError ? { error: ctx.logError } : {}
      });
      if (this.inFlight === 0) for (const resolve of this.drained) resolve();
    });
    response.on("error", () => {
    });
    try {
      for (const [key, value] of Object.entries(API_VERSION_HEADER)) response.setHeader(key, value);
      if (this.closing) response.setHeader("Connection", "close");
      if (this.inFlight > this.limits.maxInFlight) throw tooManyRequests(1);
      if (rawUrl.length > this.limits.maxUrlLength) {
        throw new RegistryError(
          414,
          "NAME_INVALID",
          `request URL is ${rawUrl.length} characters long; the limit is ${this.limits.maxUrlLength}`
        );
      }
      ctx.url = parseTarget(rawUrl);
      route = routeOf(ctx.url.pathname);
      if (route.kind === "healthz") {
        if (!methodAllowed(ctx)) throw writeUnsupported(request.method ?? "?");
        return serveHealth(ctx);
      }
      if (route.kind === "unknown") {
        throw new RegistryError(404, "NOT_FOUND", `no such endpoint: ${truncate(ctx.url.pathname)} (this is a registry: see /v2/)`);
      }
      if (!methodAllowed(ctx)) throw writeUnsupported(request.method ?? "?");
      if (route.kind === "token") return await serveToken(ctx, this.auth);
      if (this.auth) user = (await this.auth.authenticate(request, isPageRoute(route) ? "Basic" : void 0)).user;
      await this.dispatch(ctx, route);
    } catch (error) {
      this.fail(ctx, error, route !== null && isPageRoute(route));
    }
  }
  async dispatch(ctx, route) {
    switch (route.kind) {
      case "base":
        return serveBase(ctx);
      case "page":
        return this.indexPage.serve(ctx);
      case "repository-page":
        return this.repositoryPage.serve(ctx, route.name);
      case "catalog":
        return serveCatalog(ctx);
      case "manifest":
        return serveManifest(ctx, route.name, route.reference);
      case "blob":
        return serveBlob(ctx, route.name, route.digest);
      case "tags":
        return serveTags(ctx, route.name);
      case "referrers":
        return serveReferrers(ctx, route.name, route.digest);
      case "upload":
        throw new RegistryError(404, "BLOB_UNKNOWN", "there are no uploads: this registry is read-only");
      default:
        throw new RegistryError(404, "NOT_FOUND", "no such endpoint");
    }
  }
  /** Errors go out as the spec's JSON, or as an HTML page when a person asked for a page. */
  fail(ctx, error, asPage = false) {
    const registryError = error instanceof RegistryError ? error : new RegistryError(500, "UNKNOWN", "internal error reading the bucket; see the server log");
    if (!(error instanceof RegistryError)) {
      ctx.logError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (ctx.response.headersSent) {
      ctx.response.destroy();
      return;
    }
    if (asPage) this.sendErrorPage(ctx, registryError);
    else sendError(ctx, registryError);
  }
  /**
   * A page's error as HTML, with the error's status and headers. Without valid credentials that is the sign-in
   * page: the Basic challenge makes the browser ask for them, and the body says how to log in (no image names).
   */
  sendErrorPage(ctx, error) {
    const host = requestHost(ctx.request);
    const html = error.status === 401 && this.auth ? renderSignInPage(host, this.auth.credentialKinds, error.message) : renderErrorPage(host, error.status, error.message);
    sendBody(ctx, error.status, Buffer.from(html), { ...PAGE_HEADERS, ...error.headers });
  }
};
function parseTarget(raw) {
  if (!raw.startsWith("/") || raw.startsWith("//")) {
    throw new RegistryError(400, "NAME_INVALID", `request target "${truncate(raw)}" must be a path starting with "/"`);
  }
  try {
    return new URL(raw, "http://registry.invalid");
  } catch {
    throw new RegistryError(400, "NAME_INVALID", `request target "${truncate(raw)}" is not a valid URL`);
  }
}

// src/cli/serve-command.ts
var REDIRECT_TTL_SECONDS = 300;
var SERVE_USAGE = `Usage: nixery serve --storage BUCKET [options]

Serves the images in BUCKET read-only over the OCI distribution API (docker, podman, skopeo, containerd pull
from it). Without --build it never builds and never writes to the bucket. Logs one JSON line per request on stdout.

  --storage, -s BUCKET    the bucket to serve, filled by "nixery build": a local folder, gs://BUCKET/PREFIX
                          or s3://BUCKET/PREFIX (--out, -o is the same flag)
  --port, -p N            port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS          address to bind (default ${DEFAULT_HOST}; 127.0.0.1 keeps it local)
  --htpasswd FILE         require Basic auth for these users (bcrypt entries: htpasswd -B)
  --token-file FILE       accept these bearer tokens, one per line (also NIXERY_REGISTRY_TOKENS, comma-separated)
  --public-url URL        URL clients reach this registry at, for the token challenge (default: the address
                          it listens on, or with a wildcard --host the local address a client connected to;
                          never the request's Host header: set it behind a proxy)
  --cache-ttl SECONDS     how long tag lookups and tag lists are reused (default ${DEFAULT_CACHE_TTL_MS / 1e3})
  --redirect-blobs        send blob downloads to short-lived signed URLs where the bucket supports them
${S3_USAGE}

On-demand builds (Nixery's mode): pulling a name:tag the bucket lacks builds it, stores it and serves it.
  --build                 turn on-demand builds on (off by default: the registry stays read-only)
  --nixpkgs COMMIT        package set: nixpkgs at a pinned 40-hex commit (--nixpkgs-sha256 HASH optional)
  --channel NAME          package set: a Nix channel (default NIXERY_CHANNEL, else ${DEFAULT_CHANNEL})
  --pkgs-repo URL         package set: a git repository; the tag selects branch, tag or commit (NIXERY_PKGS_REPO)
  --pkgs-path PATH        package set: a local folder with a default.nix (NIXERY_PKGS_PATH)
  --flake REF             package set: a flake's packages, legacyPackages and nixpkgs input
  --allow-nixpkgs-tags    with --nixpkgs or --channel: a 40-hex tag builds from that nixpkgs commit
  --timeout SECONDS       limit for Nix evaluation and build (default NIX_TIMEOUT or ${DEFAULT_TIMEOUT_SECONDS})
  --max-builds N          builds at once (default ${DEFAULT_MAX_CONCURRENT_BUILDS})
  --build-queue N         builds waiting for a slot; past it clients get 429 (default ${DEFAULT_MAX_QUEUED_BUILDS})
  --budget N              most store layers per image (default as nixery build)
  --compression KIND      gzip (default), zstd or none
  --lease SECONDS         replicas sharing the bucket build each name once under a lease in it; a holder that
                          has not renewed for this long is taken over (default NIXERY_LEASE_SECONDS or ${DEFAULT_LEASE_SECONDS})
  --build-wait SECONDS    longest a pull waits for another replica's build before a 503 with Retry-After
                          (default NIXERY_BUILD_WAIT, else the build timeout plus two leases)
${NIX_USAGE}

Nixery's variables work too (flags win): NIXERY_STORAGE_BACKEND=filesystem with STORAGE_PATH, or
NIXERY_STORAGE_BACKEND=gcs with GCS_BUCKET, stand in for --storage; PORT; NIX_TIMEOUT.

Stops gracefully on SIGTERM or SIGINT: running downloads get a few seconds to finish.`;
async function serveCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      port: { type: "string", short: "p" },
      host: { type: "string" },
      htpasswd: { type: "string" },
      "token-file": { type: "string" },
      "public-url": { type: "string" },
      "cache-ttl": { type: "string" },
      "redirect-blobs": { type: "boolean", default: false },
      ...S3_OPTIONS,
      build: { type: "boolean", default: false },
      ...SOURCE_OPTIONS,
      "allow-nixpkgs-tags": { type: "boolean", default: false },
      timeout: { type: "string" },
      "max-builds": { type: "string" },
      "build-queue": { type: "string" },
      budget: { type: "string" },
      compression: { type: "string" },
      ...NIX_OPTIONS,
      lease: { type: "string" },
      "build-wait": { type: "string" }
    }
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const bucket = bucketFlag(values);
  const settings = readServeSettings(
    { ...values, ...bucket !== void 0 ? { storage: bucket } : {} },
    process.env,
    STORAGE_LOCATION_HELP
  );
  const storage = await openStorage(settings.storage, { s3: s3Settings(values) });
  if (storage.local) {
    if (values.build) await mkdir(storage.local.folder, { recursive: true });
    else await requireFolder(storage.local.folder);
  }
  const log = new RegistryLog();
  for (const warning of unusedNixeryEnv(process.env)) log.event("warning", { warning });
  const store = new ImageStore(storage);
  const onDemand = settings.onDemand ? await onDemandBuilder(settings.onDemand, store, log) : void 0;
  const auth = new Authenticator({
    users: settings.htpasswdFile ? await readUsers(settings.htpasswdFile) : /* @__PURE__ */ new Map(),
    tokens: await readTokens(settings.tokenFile, process.env),
    ...settings.publicUrl ? { publicUrl: settings.publicUrl } : {}
  });
  const server = new RegistryServer({
    store,
    auth,
    log,
    ...onDemand ? { onDemand } : {},
    cacheTtlMs: settings.cacheTtlMs,
    ...settings.redirectBlobs ? { blobRedirect: { ttlSeconds: REDIRECT_TTL_SECONDS } } : {}
  });
  const stopped = new Promise((resolve) => {
    const stop = (signal) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      log.event("shutting down", { signal });
      void server.close().then(() => {
        log.event("stopped");
        resolve();
      });
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  const address = await server.listen(settings.port, settings.host).catch((error) => {
    throw new Error(`cannot listen on ${settings.host}:${settings.port}: ${error.code ?? error.message}`);
  });
  if (!await storage.stat(OCI_LAYOUT_KEY)) {
    const hint = values.build ? "images appear as clients pull them" : 'images appear once "nixery build --storage" writes them';
    log.event("bucket is empty so far", { storage: storage.location, hint });
  }
  const ignoredSource = values.build ? void 0 : sourceFromEnvName(process.env);
  if (ignoredSource) log.event(`${ignoredSource} is set but --build is not: serving read-only, nothing is built`);
  log.event("listening", {
    url: address.url,
    port: address.port,
    storage: storage.location,
    auth: auth.enabled,
    build: values.build,
    ...onDemand ? { source: describeSource(onDemand.source), replica: onDemand.replica } : {}
  });
  await stopped;
}
async function onDemandBuilder(settings, store, log) {
  const [{ OnDemandBuilder }, { bucketDestination }, { BuildLeases, replicaId }] = await Promise.all([
    import("./on-demand-FD5NULDS.js"),
    import("./destination-OQSCOT6J.js"),
    import("./build-lease-PPXYAYUW.js")
  ]);
  const leases = new BuildLeases(store.storage, {
    holder: replicaId(),
    durationMs: settings.leaseMs,
    onEvent: (msg, fields) => log.event(msg, fields)
  });
  return new OnDemandBuilder({ ...settings, store, destination: bucketDestination(store.storage), log, leases });
}
async function readUsers(file) {
  const users = parseHtpasswd(await readOption("--htpasswd", file), file);
  if (users.size === 0) throw new UsageError(`--htpasswd ${file} holds no users; add some with "htpasswd -B ${file} USER"`);
  return users;
}
async function readTokens(file, env) {
  const tokens = file ? parseTokenList(await readOption("--token-file", file)) : [];
  if (file && tokens.length === 0) throw new UsageError(`--token-file ${file} holds no tokens`);
  const fromEnv = (env.NIXERY_REGISTRY_TOKENS ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  const all = [...tokens, ...fromEnv];
  const short = all.find((token) => token.length < 16);
  if (short !== void 0) throw new UsageError("every bearer token must be at least 16 characters long (e.g. openssl rand -hex 32)");
  return all;
}
async function readOption(flag, file) {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`
    );
  }
}
async function requireFolder(location) {
  const info = await stat(location).catch(() => null);
  if (!info?.isDirectory()) {
    throw new UsageError(
      `--storage ${location}: no such folder; build images into it first with "nixery build NAME --storage ${location}"`
    );
  }
}
export {
  SERVE_USAGE,
  serveCommand
};
