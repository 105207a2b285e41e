#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  LeaseWaitExpired,
  SharedBuildFailure
} from "./chunk-QXMWZOXH.js";
import {
  RegistryError
} from "./chunk-H6JHZAZE.js";
import {
  buildImage
} from "./chunk-QGSBOA5A.js";
import "./chunk-J7F32IGK.js";
import {
  derivationName,
  isCommitHash
} from "./chunk-NIF5WXJU.js";
import "./chunk-UCILIBD2.js";
import "./chunk-IT5BRIKT.js";
import "./chunk-RXNZCBAM.js";
import {
  parseImageName
} from "./chunk-5JWIH4TD.js";
import "./chunk-XRBSOUCT.js";
import "./chunk-4DWZHMQA.js";
import "./chunk-CE262DKV.js";
import "./chunk-6QJK6SSJ.js";
import "./chunk-GCYMDIW2.js";
import "./chunk-VQIJQ3JB.js";
import {
  NixeryError,
  lookUpError
} from "./chunk-WXRP66RY.js";
import "./chunk-AMHWJPCU.js";
import "./chunk-PGH5EW64.js";
import "./chunk-4ZPLT25K.js";

// src/registry/build-errors.ts
var MAX_REASON_LENGTH = 300;
var NIX_OWN_LINE = /^(?:\s|building '|these \d+ derivations|this derivation|copying path|warning:)/;
var BUILD_ERRORS = {
  "unknown-packages": (e, { image, tag }) => {
    const names = e.packages.map((p) => e.reasons[p] ? `${p} (${publicText(e.reasons[p])})` : p);
    return new RegistryError(
      404,
      "MANIFEST_UNKNOWN",
      `manifest ${image}:${tag} cannot be built: unknown package${e.packages.length === 1 ? "" : "s"} ${names.join(", ")} in this registry's package set`,
      { detail: { name: image, reference: tag, packages: e.packages } }
    );
  },
  "missing-git-ref": (_error, { image, tag }) => new RegistryError(
    404,
    "MANIFEST_UNKNOWN",
    `manifest ${image}:${tag} cannot be built: tag "${tag}" names no branch, tag or commit of the package repository ("latest" is its default branch)`,
    { detail: { name: image, reference: tag } }
  ),
  "nix-timeout": (error, { image, tag }) => new RegistryError(
    500,
    "UNKNOWN",
    `building ${image}:${tag} took longer than the registry's build timeout (${error.timeoutMs / 1e3}s) and was stopped`
  ),
  "nix-build": (error, { image, tag }) => new RegistryError(500, "UNKNOWN", truncateReason(`building ${image}:${tag} failed: ${nixFailureReason(error)}`)),
  // The bucket is the registry's own: not the client's mistake, and not for the client to see.
  "bucket-access": (_error, { image, tag }) => serverSide(image, tag),
  // On-demand builds never push to a registry; should one ever fail that way, the host is not the client's business.
  "registry-access": (_error, { image, tag }) => serverSide(image, tag),
  // A request that reaches a build has a valid name; anything left is the server's configuration.
  usage: (_error, { image, tag }) => serverSide(image, tag)
};
function registryErrorFor(error, image, tag, retryAfterSeconds) {
  if (error instanceof NixeryError) return lookUpError(BUILD_ERRORS, error, { image, tag });
  if (error instanceof Error && error.name === "AbortError") return shuttingDown(retryAfterSeconds);
  return serverSide(image, tag);
}
function shuttingDown(retryAfterSeconds) {
  return new RegistryError(503, "UNKNOWN", "the registry is restarting and stopped this build; retry shortly", {
    headers: { "Retry-After": String(retryAfterSeconds) }
  });
}
function serverSide(image, tag) {
  return new RegistryError(500, "UNKNOWN", `building ${image}:${tag} failed on the server; its log has the details`);
}
function nixFailureReason(error) {
  const lines = error.logTail;
  const first = lines.findIndex((line) => line.startsWith("error:"));
  if (first < 0) return `nix-build exited with code ${error.exitCode ?? "unknown"}`;
  const headline = lines[first].slice("error:".length).trim().replace(/[;:]$/, "");
  const quoted = lines.slice(first + 1).filter((line) => /^\s*> /.test(line)).pop()?.replace(/^\s*> /, "");
  const streamed = lines.slice(0, first).filter((line) => line.trim() !== "" && !NIX_OWN_LINE.test(line)).pop();
  const builderOutput = (quoted ?? streamed)?.trim();
  return publicText(builderOutput ? `${headline}; last log line: ${builderOutput}` : headline);
}
function publicText(text) {
  return text.replace(/file:\/\/\S+/g, "\u2026").replace(/\/nix\/store\/[0-9a-z]{32}-/g, "").replace(/(^|[\s'"`(=[<{,])\/[^\s'"`)\]>}]+/g, "$1\u2026");
}
function truncateReason(text) {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}\u2026` : text;
}

// src/registry/on-demand.ts
var DEFAULT_RETRY_AFTER_SECONDS = 30;
var RECENT_BUILDS = 25;
var MAX_LOG_LINES = 5e3;
var OnDemandBuilder = class {
  options;
  retryAfterSeconds;
  flights = /* @__PURE__ */ new Map();
  waiting = [];
  controllers = /* @__PURE__ */ new Set();
  /** Aborts waits for other replicas' builds when the registry shuts down. */
  closing = new AbortController();
  recent = [];
  running = 0;
  closed = false;
  constructor(options) {
    if (options.maxConcurrentBuilds < 1) throw new Error("maxConcurrentBuilds must be at least 1");
    if (options.maxQueuedBuilds < 0) throw new Error("maxQueuedBuilds must not be negative");
    const kind = options.build.source.kind;
    if (options.allowNixpkgsTags && kind !== "nixpkgs" && kind !== "channel") {
      throw new Error(`nixpkgs commit tags only apply to a nixpkgs or channel source, not to a ${kind} source`);
    }
    this.options = options;
    this.retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }
  /**
   * Makes sure name:tag is in the bucket, building it if needed; resolves once it is tagged. Failures are
   * RegistryErrors meant for the client: 404 for unknown packages, 429 past the queue, 500 for failed builds.
   */
  build(rawName, tag) {
    const name = parseImageName(rawName);
    const key = `${name.arch} ${name.canonical}:${tag}`;
    const flight = this.flights.get(key);
    if (flight) return flight;
    if (this.closed) throw shuttingDown(this.retryAfterSeconds);
    if (this.flights.size >= this.options.maxConcurrentBuilds + this.options.maxQueuedBuilds) {
      this.options.log.event("build refused", { image: name.canonical, tag, running: this.running, queued: this.waiting.length });
      throw new RegistryError(
        429,
        "TOOMANYREQUESTS",
        `${name.canonical}:${tag} is not built yet and this registry is busy building other images; retry in ${this.retryAfterSeconds} seconds`,
        { headers: { "Retry-After": String(this.retryAfterSeconds) } }
      );
    }
    const built = this.run(name.canonical, tag).finally(() => this.flights.delete(key));
    this.flights.set(key, built);
    return built;
  }
  /** The configured package set (a nixpkgs commit tag may override it per request). */
  get source() {
    return this.options.build.source;
  }
  /** Newest first. */
  recentBuilds() {
    return this.recent.map((record) => ({ ...record }));
  }
  get activity() {
    return { running: this.running, queued: this.waiting.length };
  }
  /** Refuses new builds, stops running ones (killing Nix) and waits until they have let go. */
  async close() {
    this.closed = true;
    this.closing.abort(new DOMException("the registry is shutting down", "AbortError"));
    for (const controller of this.controllers) controller.abort(new DOMException("the registry is shutting down", "AbortError"));
    for (const start of this.waiting.splice(0)) {
      this.running++;
      start();
    }
    await Promise.allSettled([...this.flights.values()]);
  }
  /** The bucket's build leases, for the page; claims that cannot be read are left out. */
  async leaseHolders() {
    return (await this.options.leases.listAll()).flatMap(
      ({ record }) => record ? [
        {
          image: record.image,
          tag: record.tag,
          holder: record.holder,
          state: record.state,
          since: record.since,
          renewedAt: record.renewedAt
        }
      ] : []
    );
  }
  /** This replica's id in the bucket's build leases, the log and the page. */
  get replica() {
    return this.options.leases.holder;
  }
  async run(canonical, tag) {
    try {
      return await this.options.leases.coordinate({
        image: canonical,
        tag,
        // Asked first, and again once the lease is ours: a request that saw "missing" just before another build
        // (here or on another replica) tagged the image must not build it again.
        done: () => this.findTagged(canonical, tag),
        build: (leaseLost) => this.buildHere(canonical, tag, leaseLost),
        // A restart is no failure of the name: the waiting replicas take the build over instead.
        shareFailure: (error) => error instanceof RegistryError && error.status !== 503 ? failureOf(error) : null,
        waitMs: this.options.buildWaitMs,
        signal: this.closing.signal
      });
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      if (error instanceof SharedBuildFailure) {
        const { status, code, message, detail } = error.failure;
        this.options.log.event("build failed on another replica", { image: canonical, tag, holder: error.holder, status, reason: message });
        throw new RegistryError(status, code, message, detail === void 0 ? {} : { detail });
      }
      if (error instanceof LeaseWaitExpired) {
        this.options.log.event("gave up waiting for lease", { image: canonical, tag, leaseHolder: error.holder, reason: error.message });
        throw new RegistryError(
          503,
          "UNKNOWN",
          `${canonical}:${tag} is still being built by another replica of this registry; retry in ${this.retryAfterSeconds} seconds`,
          { headers: { "Retry-After": String(this.retryAfterSeconds) } }
        );
      }
      if (this.closed) throw shuttingDown(this.retryAfterSeconds);
      const err = error instanceof Error ? error : new Error(String(error));
      this.options.log.event("build failed", { image: canonical, tag, error: `${err.name}: ${err.message}` });
      throw registryErrorFor(error, canonical, tag, this.retryAfterSeconds);
    }
  }
  async findTagged(canonical, tag) {
    const found = await this.options.store.resolveTag(canonical, tag);
    return found ? { digest: found.digest, mediaType: found.mediaType, size: found.size } : null;
  }
  /** The build itself, on this replica, while it holds the lease; leaseLost stops it like a shutdown does. */
  async buildHere(canonical, tag, leaseLost) {
    const record = {
      image: canonical,
      tag,
      state: "queued",
      requestedAt: (/* @__PURE__ */ new Date()).toISOString(),
      queuedSeconds: null,
      buildSeconds: null,
      nixRan: false,
      digest: null,
      reason: null,
      nixBuilds: [],
      closurePush: null
    };
    this.remember(record);
    const queuedAt = performance.now();
    await this.slot();
    const started = performance.now();
    record.queuedSeconds = seconds(started - queuedAt);
    const controller = new AbortController();
    this.controllers.add(controller);
    const nixLog = [];
    try {
      if (this.closed) throw shuttingDown(this.retryAfterSeconds);
      record.state = "building";
      this.options.log.event("build started", { image: canonical, tag, queuedSeconds: record.queuedSeconds, replica: this.replica });
      const settings = { ...this.options.build, source: sourceForTag(this.source, tag, this.options.allowNixpkgsTags) };
      const result = await buildImage(canonical, [tag], settings, this.options.destination, {
        signal: AbortSignal.any([controller.signal, leaseLost]),
        onEvent: (event) => {
          if (event.type === "nix-build") {
            record.nixRan = true;
            this.options.log.event("nix build", { image: canonical, tag });
          } else if (event.type === "nix-log") {
            nixLog.push(event.line);
            if (nixLog.length > MAX_LOG_LINES) nixLog.shift();
          } else if (event.type === "nix-derivation") {
            record.nixBuilds.push({ derivation: derivationName(event.derivation), builder: event.builder });
            this.options.log.event("nix derivation", { image: canonical, tag, derivation: event.derivation, builder: event.builder });
          } else if (event.type === "closure-push") {
            const { result: result2 } = event;
            record.closurePush = { url: result2.url, pushed: result2.pushed, paths: result2.pushed ? result2.paths : 0 };
            this.options.log.event(result2.pushed ? "closure pushed" : "closure push failed", { image: canonical, tag, ...result2 });
          }
        }
      });
      Object.assign(record, { state: "built", buildSeconds: seconds(performance.now() - started), digest: result.digest });
      this.options.log.event("build finished", {
        image: canonical,
        tag,
        replica: this.replica,
        digest: result.digest,
        seconds: record.buildSeconds,
        layers: result.layers,
        cachedLayers: result.cachedLayers,
        manifestCacheHit: result.manifestCacheHit,
        ...result.revision ? { revision: result.revision } : {}
      });
      const manifest = await this.options.store.resolveTag(canonical, tag);
      if (!manifest) throw new Error(`the build of ${canonical}:${tag} finished but the tag is missing from the bucket`);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
    } catch (error) {
      if (leaseLost.aborted && !this.closed) {
        Object.assign(record, { state: "failed", buildSeconds: seconds(performance.now() - started), reason: "lease lost" });
        throw error;
      }
      const clientError = error instanceof RegistryError ? error : registryErrorFor(error, canonical, tag, this.retryAfterSeconds);
      Object.assign(record, { state: "failed", buildSeconds: seconds(performance.now() - started), reason: clientError.message });
      const err = error instanceof Error ? error : new Error(String(error));
      this.options.log.event("build failed", {
        image: canonical,
        tag,
        seconds: record.buildSeconds,
        status: clientError.status,
        reason: clientError.message,
        error: `${err.name}: ${err.message}`,
        ...isExpected(err) ? {} : { stack: err.stack },
        ...nixLog.length > 0 ? { nixLog } : {}
      });
      throw clientError;
    } finally {
      this.controllers.delete(controller);
      this.release();
    }
  }
  /** Resolves when a build slot is free; slots pass straight to the next waiter on release. */
  slot() {
    if (this.running < this.options.maxConcurrentBuilds) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
  remember(record) {
    this.recent.unshift(record);
    if (this.recent.length > RECENT_BUILDS) this.recent.pop();
  }
};
function sourceForTag(source, tag, allowNixpkgsTags) {
  const nixpkgsLike = source.kind === "nixpkgs" || source.kind === "channel";
  return allowNixpkgsTags && nixpkgsLike && isCommitHash(tag) ? { kind: "nixpkgs", commit: tag } : source;
}
function failureOf(error) {
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    ...error.detail === void 0 ? {} : { detail: error.detail }
  };
}
function isExpected(error) {
  return error instanceof NixeryError || error instanceof RegistryError || error.name === "AbortError";
}
function seconds(ms) {
  return Math.round(ms) / 1e3;
}
export {
  OnDemandBuilder,
  sourceForTag
};
