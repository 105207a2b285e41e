import { mkdir, readFile, stat } from 'node:fs/promises';
import { parseCommandArgs } from './args.ts';
import { Authenticator, parseHtpasswd, parseTokenList } from '../registry/auth.ts';
import { RegistryLog } from '../registry/log.ts';
import type { OnDemandBuilder } from '../registry/on-demand.ts';
import { RegistryServer } from '../registry/server.ts';
import { ImageStore } from '../storage/image-store.ts';
import { OCI_LAYOUT_KEY } from '../storage/layout.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { NIX_OPTIONS, NIX_USAGE } from './nix-options.ts';
import { BUCKET_OPTIONS, bucketFlag, S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';
import { DEFAULT_TIMEOUT_SECONDS } from '../settings/rules.ts';
import { DEFAULT_LEASE_SECONDS } from '../settings/lease-settings.ts';
import { describeSource } from '../nix/source.ts';
import {
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_HOST,
  DEFAULT_MAX_CONCURRENT_BUILDS,
  DEFAULT_MAX_QUEUED_BUILDS,
  DEFAULT_PORT,
  readServeSettings,
  unusedNixeryEnv,
} from '../settings/serve-settings.ts';
import type { OnDemandSettings } from '../settings/serve-settings.ts';
import { DEFAULT_CHANNEL, SOURCE_OPTIONS, sourceFromEnvName } from '../settings/source.ts';
import { UsageError } from '../errors.ts';

const REDIRECT_TTL_SECONDS = 300;

export const SERVE_USAGE = `Usage: nixery serve --storage BUCKET [options]

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
  --cache-ttl SECONDS     how long tag lookups and tag lists are reused (default ${DEFAULT_CACHE_TTL_MS / 1000})
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

export async function serveCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      htpasswd: { type: 'string' },
      'token-file': { type: 'string' },
      'public-url': { type: 'string' },
      'cache-ttl': { type: 'string' },
      'redirect-blobs': { type: 'boolean', default: false },
      ...S3_OPTIONS,
      build: { type: 'boolean', default: false },
      ...SOURCE_OPTIONS,
      'allow-nixpkgs-tags': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'max-builds': { type: 'string' },
      'build-queue': { type: 'string' },
      budget: { type: 'string' },
      compression: { type: 'string' },
      ...NIX_OPTIONS,
      lease: { type: 'string' },
      'build-wait': { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const bucket = bucketFlag(values);
  const settings = readServeSettings(
    { ...values, ...(bucket !== undefined ? { storage: bucket } : {}) },
    process.env,
    STORAGE_LOCATION_HELP,
  );

  const storage = await openStorage(settings.storage, { s3: s3Settings(values) });
  // A building registry may start with an empty bucket; a read-only one pointed at a missing folder is a typo.
  if (storage.local) {
    if (values.build) await mkdir(storage.local.folder, { recursive: true });
    else await requireFolder(storage.local.folder);
  }
  const log = new RegistryLog();
  for (const warning of unusedNixeryEnv(process.env)) log.event('warning', { warning });
  const store = new ImageStore(storage);
  const onDemand = settings.onDemand ? await onDemandBuilder(settings.onDemand, store, log) : undefined;
  const auth = new Authenticator({
    users: settings.htpasswdFile ? await readUsers(settings.htpasswdFile) : new Map(),
    tokens: await readTokens(settings.tokenFile, process.env),
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
  });
  const server = new RegistryServer({
    store,
    auth,
    log,
    ...(onDemand ? { onDemand } : {}),
    cacheTtlMs: settings.cacheTtlMs,
    ...(settings.redirectBlobs ? { blobRedirect: { ttlSeconds: REDIRECT_TTL_SECONDS } } : {}),
  });

  // Handlers go in before "listening" is logged: whoever reads that line may signal us at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      log.event('shutting down', { signal });
      void server.close().then(() => {
        log.event('stopped');
        resolve();
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  const address = await server.listen(settings.port, settings.host).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot listen on ${settings.host}:${settings.port}: ${error.code ?? error.message}`);
  });
  if (!(await storage.stat(OCI_LAYOUT_KEY))) {
    const hint = values.build ? 'images appear as clients pull them' : 'images appear once "nixery build --storage" writes them';
    log.event('bucket is empty so far', { storage: storage.location, hint });
  }
  const ignoredSource = values.build ? undefined : sourceFromEnvName(process.env);
  if (ignoredSource) log.event(`${ignoredSource} is set but --build is not: serving read-only, nothing is built`);
  log.event('listening', {
    url: address.url,
    port: address.port,
    storage: storage.location,
    auth: auth.enabled,
    build: values.build,
    ...(onDemand ? { source: describeSource(onDemand.source), replica: onDemand.replica } : {}),
  });
  await stopped;
}

/** The build pipeline is loaded only with --build: a read-only replica starts without parsing it. */
async function onDemandBuilder(settings: OnDemandSettings, store: ImageStore, log: RegistryLog): Promise<OnDemandBuilder> {
  const [{ OnDemandBuilder }, { bucketDestination }, { BuildLeases, replicaId }] = await Promise.all([
    import('../registry/on-demand.ts'),
    import('../pipeline/destination.ts'),
    import('../storage/build-lease.ts'),
  ]);
  const leases = new BuildLeases(store.storage, {
    holder: replicaId(),
    durationMs: settings.leaseMs,
    onEvent: (msg, fields) => log.event(msg, fields),
  });
  return new OnDemandBuilder({ ...settings, store, destination: bucketDestination(store.storage), log, leases });
}

/** An htpasswd file with no users would silently turn authentication off; refuse it instead. */
async function readUsers(file: string): Promise<Map<string, string>> {
  const users = parseHtpasswd(await readOption('--htpasswd', file), file);
  if (users.size === 0) throw new UsageError(`--htpasswd ${file} holds no users; add some with "htpasswd -B ${file} USER"`);
  return users;
}

async function readTokens(file: string | undefined, env: NodeJS.ProcessEnv): Promise<string[]> {
  const tokens = file ? parseTokenList(await readOption('--token-file', file)) : [];
  if (file && tokens.length === 0) throw new UsageError(`--token-file ${file} holds no tokens`);
  const fromEnv = (env.NIXERY_REGISTRY_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const all = [...tokens, ...fromEnv];
  const short = all.find((token) => token.length < 16);
  if (short !== undefined) throw new UsageError('every bearer token must be at least 16 characters long (e.g. openssl rand -hex 32)');
  return all;
}

async function readOption(flag: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}

async function requireFolder(location: string): Promise<void> {
  const info = await stat(location).catch(() => null);
  if (!info?.isDirectory()) {
    throw new UsageError(
      `--storage ${location}: no such folder; build images into it first with "nixery build NAME --storage ${location}"`,
    );
  }
}
