import { buildImage } from '../pipeline/pipeline.ts';
import { parseImageName } from '../image/name.ts';
import { NixBuildError, NixTimeoutError, UnknownPackagesError } from '../errors.ts';
import type { PackageSource } from '../nix/source.ts';
import type { Compression } from '../oci/media-types.ts';
import type { ImageStore } from '../storage/image-store.ts';
import { RegistryError } from './errors.ts';
import type { RegistryLog } from './log.ts';

// `serve --build`: a manifest request for name:tag that the bucket lacks builds it through the same pipeline as
// `nixery build`. Identical requests share one build; a fixed number run at once with a bounded queue behind
// them, and past that clients get 429 with Retry-After. Builds belong to the registry, not to the request that
// started them: a client that goes away cancels nothing (the next pull finds the image), and the pipeline's
// write order (blobs, manifest, tag) means an interrupted build never leaves a tag pointing at missing objects.

export interface OnDemandOptions {
  store: ImageStore;
  source: PackageSource;
  budget: number;
  compression: Compression;
  /** Covers Nix evaluation and build; the Nix process tree is killed when it runs out. */
  timeoutMs: number;
  maxConcurrentBuilds: number;
  /** Builds that may wait for a slot; a new build past this is refused with 429. */
  maxQueuedBuilds: number;
  /** A 40-hex tag selects that nixpkgs commit (only for nixpkgs and channel sources). */
  allowNixpkgsTags: boolean;
  log: RegistryLog;
  /** What a refused client is told to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** Layers compressed at once per build (default: the number of cores). */
  parallelism?: number;
}

export const DEFAULT_MAX_CONCURRENT_BUILDS = 2;
export const DEFAULT_MAX_QUEUED_BUILDS = 16;
const DEFAULT_RETRY_AFTER_SECONDS = 30;
/** Builds the page lists. */
const RECENT_BUILDS = 25;
/** Nix log lines kept per build for the server log when it fails (the end matters most). */
const MAX_LOG_LINES = 5_000;
const MAX_REASON_LENGTH = 300;
const COMMIT = /^[0-9a-f]{40}$/;
/** Lines Nix itself prints around builds, as opposed to a builder's output. */
const NIX_OWN_LINE = /^(?:\s|building '|these \d+ derivations|this derivation|copying path|warning:)/;

export type BuildState = 'queued' | 'building' | 'built' | 'failed';

/** One on-demand build as the page shows it; nothing in it is internal (paths, stacks). */
export interface BuildRecord {
  image: string;
  tag: string;
  state: BuildState;
  /** When the first request for it arrived (ISO 8601). */
  requestedAt: string;
  /** Time spent waiting for a build slot. */
  queuedSeconds: number | null;
  /** Time from start to end of the build itself. */
  buildSeconds: number | null;
  /** False when a pinned source's cached manifest was reused and Nix did not run. */
  nixRan: boolean;
  digest: string | null;
  /** The client-facing reason, for failures. */
  reason: string | null;
}

export interface BuiltImage {
  digest: string;
  mediaType: string;
  size: number;
}

export class OnDemandBuilder {
  private readonly options: OnDemandOptions;
  private readonly retryAfterSeconds: number;
  private readonly flights = new Map<string, Promise<BuiltImage>>();
  private readonly waiting: (() => void)[] = [];
  private readonly controllers = new Set<AbortController>();
  private readonly recent: BuildRecord[] = [];
  private running = 0;
  private closed = false;

  constructor(options: OnDemandOptions) {
    if (options.maxConcurrentBuilds < 1) throw new Error('maxConcurrentBuilds must be at least 1');
    if (options.maxQueuedBuilds < 0) throw new Error('maxQueuedBuilds must not be negative');
    if (options.allowNixpkgsTags && options.source.kind !== 'nixpkgs' && options.source.kind !== 'channel') {
      throw new Error(`nixpkgs commit tags only apply to a nixpkgs or channel source, not to a ${options.source.kind} source`);
    }
    this.options = options;
    this.retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }

  /**
   * Makes sure name:tag is in the bucket, building it if needed; resolves once it is tagged. Failures are
   * RegistryErrors meant for the client: 404 for unknown packages, 429 past the queue, 500 for failed builds.
   */
  build(rawName: string, tag: string): Promise<BuiltImage> {
    const name = parseImageName(rawName);
    // The architecture is part of the canonical name today; it is in the key anyway so that stays true.
    const key = `${name.arch} ${name.canonical}:${tag}`;
    const flight = this.flights.get(key);
    if (flight) return flight;
    if (this.closed) throw shuttingDown(this.retryAfterSeconds);
    if (this.running >= this.options.maxConcurrentBuilds && this.waiting.length >= this.options.maxQueuedBuilds) {
      this.options.log.event('build refused', { image: name.canonical, tag, running: this.running, queued: this.waiting.length });
      throw new RegistryError(
        429,
        'TOOMANYREQUESTS',
        `${name.canonical}:${tag} is not built yet and this registry is busy building other images; retry in ${this.retryAfterSeconds} seconds`,
        { headers: { 'Retry-After': String(this.retryAfterSeconds) } },
      );
    }
    const built = this.run(name.canonical, tag).finally(() => this.flights.delete(key));
    this.flights.set(key, built);
    return built;
  }

  /** The configured package set (a nixpkgs commit tag may override it per request). */
  get source(): PackageSource {
    return this.options.source;
  }

  /** Newest first. */
  recentBuilds(): BuildRecord[] {
    return this.recent.map((record) => ({ ...record }));
  }

  get activity(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }

  /** Refuses new builds, stops running ones (killing Nix) and waits until they have let go. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.controllers) controller.abort(new DOMException('the registry is shutting down', 'AbortError'));
    // Waiters get a slot each, find the builder closed, and hand it back.
    for (const start of this.waiting.splice(0)) {
      this.running++;
      start();
    }
    await Promise.allSettled([...this.flights.values()]);
  }

  private async run(canonical: string, tag: string): Promise<BuiltImage> {
    // A request that saw "missing" just before another build tagged the image must not build it again.
    const existing = await this.options.store.resolveTag(canonical, tag);
    if (existing) return { digest: existing.digest, mediaType: existing.mediaType, size: existing.size };

    const record: BuildRecord = {
      image: canonical, tag, state: 'queued', requestedAt: new Date().toISOString(), queuedSeconds: null, buildSeconds: null,
      nixRan: false, digest: null, reason: null,
    };
    this.remember(record);
    const queuedAt = performance.now();
    await this.slot();
    const started = performance.now();
    record.queuedSeconds = seconds(started - queuedAt);
    const controller = new AbortController();
    this.controllers.add(controller);
    const nixLog: string[] = [];
    try {
      if (this.closed) throw shuttingDown(this.retryAfterSeconds);
      record.state = 'building';
      this.options.log.event('build started', { image: canonical, tag, queuedSeconds: record.queuedSeconds });
      const result = await buildImage(canonical, [tag], {
        source: sourceForTag(this.options.source, tag, this.options.allowNixpkgsTags),
        store: this.options.store,
        budget: this.options.budget,
        compression: this.options.compression,
        timeoutMs: this.options.timeoutMs,
        signal: controller.signal,
        ...(this.options.parallelism ? { parallelism: this.options.parallelism } : {}),
        onProgress: (event) => {
          if (event.type === 'nix-build') {
            record.nixRan = true;
            this.options.log.event('nix build', { image: canonical, tag });
          } else if (event.type === 'nix-log') {
            nixLog.push(event.line);
            if (nixLog.length > MAX_LOG_LINES) nixLog.shift();
          }
        },
      });
      Object.assign(record, { state: 'built', buildSeconds: seconds(performance.now() - started), digest: result.digest });
      this.options.log.event('build finished', {
        image: canonical, tag, digest: result.digest, seconds: record.buildSeconds, layers: result.layers,
        cachedLayers: result.cachedLayers, manifestCacheHit: result.manifestCacheHit, ...(result.revision ? { revision: result.revision } : {}),
      });
      const manifest = await this.options.store.resolveTag(canonical, tag);
      if (!manifest) throw new Error(`the build of ${canonical}:${tag} finished but the tag is missing from the bucket`);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
    } catch (error) {
      const clientError = this.clientError(error, canonical, tag);
      Object.assign(record, { state: 'failed', buildSeconds: seconds(performance.now() - started), reason: clientError.message });
      const err = error instanceof Error ? error : new Error(String(error));
      // The whole story goes to the operator's log; the client only gets clientError.
      this.options.log.event('build failed', {
        image: canonical, tag, seconds: record.buildSeconds, status: clientError.status, reason: clientError.message,
        error: `${err.name}: ${err.message}`,
        ...(isExpected(err) ? {} : { stack: err.stack }),
        ...(nixLog.length > 0 ? { nixLog } : {}),
      });
      throw clientError;
    } finally {
      this.controllers.delete(controller);
      this.release();
    }
  }

  /** Resolves when a build slot is free; slots pass straight to the next waiter on release. */
  private slot(): Promise<void> {
    if (this.running < this.options.maxConcurrentBuilds) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private remember(record: BuildRecord): void {
    this.recent.unshift(record);
    if (this.recent.length > RECENT_BUILDS) this.recent.pop();
  }

  private clientError(error: unknown, image: string, tag: string): RegistryError {
    const ref = `${image}:${tag}`;
    if (error instanceof RegistryError) return error;
    if (error instanceof UnknownPackagesError) {
      const names = error.packages.map((p) => (error.reasons[p] ? `${p} (${publicText(error.reasons[p])})` : p));
      return new RegistryError(
        404,
        'MANIFEST_UNKNOWN',
        `manifest ${ref} cannot be built: unknown package${error.packages.length === 1 ? '' : 's'} ${names.join(', ')} in this registry's package set`,
        { detail: { name: image, reference: tag, packages: error.packages } },
      );
    }
    if (error instanceof NixTimeoutError) {
      return new RegistryError(
        500,
        'UNKNOWN',
        `building ${ref} took longer than the registry's build timeout (${error.timeoutMs / 1000}s) and was stopped`,
      );
    }
    if (error instanceof NixBuildError) {
      return new RegistryError(500, 'UNKNOWN', truncateReason(`building ${ref} failed: ${nixFailureReason(error)}`));
    }
    if (error instanceof Error && /matches no branch or tag of /.test(error.message)) {
      return new RegistryError(
        404,
        'MANIFEST_UNKNOWN',
        `manifest ${ref} cannot be built: tag "${tag}" names no branch, tag or commit of the package repository ("latest" is its default branch)`,
        { detail: { name: image, reference: tag } },
      );
    }
    if (isAbort(error)) return shuttingDown(this.retryAfterSeconds);
    return new RegistryError(500, 'UNKNOWN', `building ${ref} failed on the server; its log has the details`);
  }
}

/**
 * The package set for one request: with nixpkgs tags allowed, a 40-hex tag is that nixpkgs commit (for nixpkgs
 * and channel sources); git sources take the tag as their ref inside the pipeline; anything else is `source`.
 */
export function sourceForTag(source: PackageSource, tag: string, allowNixpkgsTags: boolean): PackageSource {
  const nixpkgsLike = source.kind === 'nixpkgs' || source.kind === 'channel';
  return allowNixpkgsTags && nixpkgsLike && COMMIT.test(tag) ? { kind: 'nixpkgs', commit: tag } : source;
}

/**
 * A short reason from Nix's log: the first "error:" line (which builder failed) and the builder's last output
 * line, without store hashes or local paths.
 */
export function nixFailureReason(error: NixBuildError): string {
  const lines = error.logTail;
  const first = lines.findIndex((line) => line.startsWith('error:'));
  if (first < 0) return `nix-build exited with code ${error.exitCode ?? 'unknown'}`;
  const headline = lines[first]!.slice('error:'.length).trim().replace(/[;:]$/, '');
  // Newer Nix quotes the builder's last lines after the error ("> ..."); 2.8 streams them just before it.
  const quoted = lines.slice(first + 1).filter((line) => /^\s*> /.test(line)).pop()?.replace(/^\s*> /, '');
  const streamed = lines.slice(0, first).filter((line) => line.trim() !== '' && !NIX_OWN_LINE.test(line)).pop();
  const builderOutput = (quoted ?? streamed)?.trim();
  return publicText(builderOutput ? `${headline}; last log line: ${builderOutput}` : headline);
}

/** Text for clients: store paths shortened to their names, other absolute paths and file URLs hidden. */
export function publicText(text: string): string {
  return text
    .replace(/file:\/\/\S+/g, '…')
    .replace(/\/nix\/store\/[0-9a-z]{32}-/g, '')
    .replace(/(^|[\s'"`(=])\/[^\s'"`)]+/g, '$1…');
}

function truncateReason(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

function shuttingDown(retryAfterSeconds: number): RegistryError {
  return new RegistryError(503, 'UNKNOWN', 'the registry is restarting and stopped this build; retry shortly', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Failures that are about the request or the package set, not bugs: no stack trace needed. */
function isExpected(error: Error): boolean {
  return error instanceof NixBuildError || error instanceof NixTimeoutError || error instanceof UnknownPackagesError ||
    error instanceof RegistryError || isAbort(error) || /matches no branch or tag of /.test(error.message);
}

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}
