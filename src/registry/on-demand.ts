import { NixeryError } from '../errors.ts';
import { parseImageName } from '../image/name.ts';
import { derivationName } from '../nix/activity.ts';
import { isCommitHash } from '../nix/source.ts';
import type { PackageSource } from '../nix/source.ts';
import { buildImage } from '../pipeline/build-image.ts';
import type { BuildDestination } from '../pipeline/destination.ts';
import type { OnDemandSettings } from '../settings/serve-settings.ts';
import { LeaseWaitExpired, SharedBuildFailure } from '../storage/build-lease.ts';
import type { BuildLeases, LeaseFailure } from '../storage/build-lease.ts';
import type { ImageStore } from '../storage/image-store.ts';
import { registryErrorFor, shuttingDown } from './build-errors.ts';
import { RegistryError } from './errors.ts';
import type { ErrorCode } from './errors.ts';
import type { RegistryLog } from './log.ts';

// `serve --build`: a manifest request for name:tag that the bucket lacks builds it through the same pipeline as
// `nixery build`. Identical requests share one build; a fixed number run at once with a bounded queue behind
// them, and past that clients get 429 with Retry-After. Builds belong to the registry, not to the request that
// started them: a client that goes away cancels nothing (the next pull finds the image), and the pipeline's
// write order (blobs, manifest, tag) means an interrupted build never leaves a tag pointing at missing objects.
// Replicas sharing the bucket build each name once: a build runs only under the bucket's lease for its name:tag
// (storage/build-lease.ts); the other replicas wait for the tag, or report the holder's failure.

export interface OnDemandOptions extends OnDemandSettings {
  /** The bucket the registry serves: builds are tagged there, and a tag found there is never built again. */
  store: ImageStore;
  destination: BuildDestination;
  log: RegistryLog;
  /** The bucket's build leases, as this replica. */
  leases: BuildLeases;
  /** What a refused client is told to wait (Retry-After). */
  retryAfterSeconds?: number;
}

const DEFAULT_RETRY_AFTER_SECONDS = 30;
/** Builds the page lists. */
const RECENT_BUILDS = 25;
/** Nix log lines kept per build for the server log when it fails (the end matters most). */
const MAX_LOG_LINES = 5_000;

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
  /** What Nix built and where: derivation names (not paths) and "local" or the builder's store URI. */
  nixBuilds: { derivation: string; builder: string }[];
  /** The closure's copy to the binary cache (--nix-cache-push); the error itself goes to the log only. */
  closurePush: { url: string; pushed: boolean; paths: number } | null;
}

/** One claim in the bucket's build leases (storage/build-lease.ts), as the page shows it. */
export interface LeaseHolder {
  image: string;
  tag: string;
  /** The replica that holds it (host-pid-random). */
  holder: string;
  state: 'building' | 'failed';
  /** When the holder took it and last renewed it, by the holder's clock (ISO 8601). */
  since: string;
  renewedAt: string;
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
  /** Aborts waits for other replicas' builds when the registry shuts down. */
  private readonly closing = new AbortController();
  private readonly recent: BuildRecord[] = [];
  private running = 0;
  private closed = false;

  constructor(options: OnDemandOptions) {
    if (options.maxConcurrentBuilds < 1) throw new Error('maxConcurrentBuilds must be at least 1');
    if (options.maxQueuedBuilds < 0) throw new Error('maxQueuedBuilds must not be negative');
    const kind = options.build.source.kind;
    if (options.allowNixpkgsTags && kind !== 'nixpkgs' && kind !== 'channel') {
      throw new Error(`nixpkgs commit tags only apply to a nixpkgs or channel source, not to a ${kind} source`);
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
    // Admitted builds are counted from the moment they are admitted (each is a flight), not from when they reach a
    // slot: a burst would otherwise pass this check many times while the first ones still look for existing tags.
    if (this.flights.size >= this.options.maxConcurrentBuilds + this.options.maxQueuedBuilds) {
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
    return this.options.build.source;
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
    this.closing.abort(new DOMException('the registry is shutting down', 'AbortError'));
    for (const controller of this.controllers) controller.abort(new DOMException('the registry is shutting down', 'AbortError'));
    // Waiters get a slot each, find the builder closed, and hand it back.
    for (const start of this.waiting.splice(0)) {
      this.running++;
      start();
    }
    await Promise.allSettled([...this.flights.values()]);
  }

  /** The bucket's build leases, for the page; claims that cannot be read are left out. */
  async leaseHolders(): Promise<LeaseHolder[]> {
    return (await this.options.leases.listAll()).flatMap(({ record }) =>
      record
        ? [
            {
              image: record.image,
              tag: record.tag,
              holder: record.holder,
              state: record.state,
              since: record.since,
              renewedAt: record.renewedAt,
            },
          ]
        : [],
    );
  }

  /** This replica's id in the bucket's build leases, the log and the page. */
  get replica(): string {
    return this.options.leases.holder;
  }

  private async run(canonical: string, tag: string): Promise<BuiltImage> {
    try {
      return await this.options.leases.coordinate({
        image: canonical,
        tag,
        // Asked first, and again once the lease is ours: a request that saw "missing" just before another build
        // (here or on another replica) tagged the image must not build it again.
        done: () => this.findTagged(canonical, tag),
        build: (leaseLost) => this.buildHere(canonical, tag, leaseLost),
        // A restart is no failure of the name: the waiting replicas take the build over instead.
        shareFailure: (error) => (error instanceof RegistryError && error.status !== 503 ? failureOf(error) : null),
        waitMs: this.options.buildWaitMs,
        signal: this.closing.signal,
      });
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      if (error instanceof SharedBuildFailure) {
        const { status, code, message, detail } = error.failure;
        this.options.log.event('build failed on another replica', { image: canonical, tag, holder: error.holder, status, reason: message });
        throw new RegistryError(status, code as ErrorCode, message, detail === undefined ? {} : { detail });
      }
      if (error instanceof LeaseWaitExpired) {
        this.options.log.event('gave up waiting for lease', { image: canonical, tag, leaseHolder: error.holder, reason: error.message });
        throw new RegistryError(
          503,
          'UNKNOWN',
          `${canonical}:${tag} is still being built by another replica of this registry; retry in ${this.retryAfterSeconds} seconds`,
          { headers: { 'Retry-After': String(this.retryAfterSeconds) } },
        );
      }
      if (this.closed) throw shuttingDown(this.retryAfterSeconds);
      // Reading or writing the leases failed (the bucket): the whole story to the log, the client gets a 500.
      const err = error instanceof Error ? error : new Error(String(error));
      this.options.log.event('build failed', { image: canonical, tag, error: `${err.name}: ${err.message}` });
      throw registryErrorFor(error, canonical, tag, this.retryAfterSeconds);
    }
  }

  private async findTagged(canonical: string, tag: string): Promise<BuiltImage | null> {
    const found = await this.options.store.resolveTag(canonical, tag);
    return found ? { digest: found.digest, mediaType: found.mediaType, size: found.size } : null;
  }

  /** The build itself, on this replica, while it holds the lease; leaseLost stops it like a shutdown does. */
  private async buildHere(canonical: string, tag: string, leaseLost: AbortSignal): Promise<BuiltImage> {
    const record: BuildRecord = {
      image: canonical,
      tag,
      state: 'queued',
      requestedAt: new Date().toISOString(),
      queuedSeconds: null,
      buildSeconds: null,
      nixRan: false,
      digest: null,
      reason: null,
      nixBuilds: [],
      closurePush: null,
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
      this.options.log.event('build started', { image: canonical, tag, queuedSeconds: record.queuedSeconds, replica: this.replica });
      const settings = { ...this.options.build, source: sourceForTag(this.source, tag, this.options.allowNixpkgsTags) };
      const result = await buildImage(canonical, [tag], settings, this.options.destination, {
        signal: AbortSignal.any([controller.signal, leaseLost]),
        onEvent: (event) => {
          if (event.type === 'nix-build') {
            record.nixRan = true;
            this.options.log.event('nix build', { image: canonical, tag });
          } else if (event.type === 'nix-log') {
            nixLog.push(event.line);
            if (nixLog.length > MAX_LOG_LINES) nixLog.shift();
          } else if (event.type === 'nix-derivation') {
            record.nixBuilds.push({ derivation: derivationName(event.derivation), builder: event.builder });
            this.options.log.event('nix derivation', { image: canonical, tag, derivation: event.derivation, builder: event.builder });
          } else if (event.type === 'closure-push') {
            const { result } = event;
            record.closurePush = { url: result.url, pushed: result.pushed, paths: result.pushed ? result.paths : 0 };
            this.options.log.event(result.pushed ? 'closure pushed' : 'closure push failed', { image: canonical, tag, ...result });
          }
        },
      });
      Object.assign(record, { state: 'built', buildSeconds: seconds(performance.now() - started), digest: result.digest });
      this.options.log.event('build finished', {
        image: canonical,
        tag,
        replica: this.replica,
        digest: result.digest,
        seconds: record.buildSeconds,
        layers: result.layers,
        cachedLayers: result.cachedLayers,
        manifestCacheHit: result.manifestCacheHit,
        ...(result.revision ? { revision: result.revision } : {}),
      });
      const manifest = await this.options.store.resolveTag(canonical, tag);
      if (!manifest) throw new Error(`the build of ${canonical}:${tag} finished but the tag is missing from the bucket`);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
    } catch (error) {
      if (leaseLost.aborted && !this.closed) {
        // Another replica takes over (or already has); the lease's own log line says why.
        Object.assign(record, { state: 'failed', buildSeconds: seconds(performance.now() - started), reason: 'lease lost' });
        throw error;
      }
      const clientError = error instanceof RegistryError ? error : registryErrorFor(error, canonical, tag, this.retryAfterSeconds);
      Object.assign(record, { state: 'failed', buildSeconds: seconds(performance.now() - started), reason: clientError.message });
      const err = error instanceof Error ? error : new Error(String(error));
      // The whole story goes to the operator's log; the client only gets clientError.
      this.options.log.event('build failed', {
        image: canonical,
        tag,
        seconds: record.buildSeconds,
        status: clientError.status,
        reason: clientError.message,
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
}

/**
 * The package set for one request: with nixpkgs tags allowed, a 40-hex tag is that nixpkgs commit (for nixpkgs
 * and channel sources); git sources take the tag as their ref inside the pipeline; anything else is `source`.
 */
export function sourceForTag(source: PackageSource, tag: string, allowNixpkgsTags: boolean): PackageSource {
  const nixpkgsLike = source.kind === 'nixpkgs' || source.kind === 'channel';
  return allowNixpkgsTags && nixpkgsLike && isCommitHash(tag) ? { kind: 'nixpkgs', commit: tag } : source;
}

function failureOf(error: RegistryError): LeaseFailure {
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

/** Failures that are about the request or the package set, not bugs: no stack trace needed. */
function isExpected(error: Error): boolean {
  return error instanceof NixeryError || error instanceof RegistryError || error.name === 'AbortError';
}

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}
