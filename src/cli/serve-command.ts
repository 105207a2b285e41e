import { mkdir, readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Authenticator, parseHtpasswd, parseTokenList } from '../registry/auth.ts';
import { DEFAULT_CACHE_TTL_MS } from '../registry/image-reader.ts';
import { RegistryLog } from '../registry/log.ts';
import { DEFAULT_MAX_CONCURRENT_BUILDS, DEFAULT_MAX_QUEUED_BUILDS, OnDemandBuilder } from '../registry/on-demand.ts';
import { RegistryServer } from '../registry/server.ts';
import { FilesystemStorage } from '../storage/filesystem.ts';
import { ImageStore } from '../storage/image-store.ts';
import { OCI_LAYOUT_KEY } from '../storage/layout.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { BUCKET_OPTIONS, bucketFlag, S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';
import { DEFAULT_TIMEOUT_SECONDS, parseBudget, parseCompression, parsePositiveInteger, parseTimeout } from '../settings/rules.ts';
import { describeSource } from '../nix/source.ts';
import { bucketDestination } from '../pipeline/destination.ts';
import { chooseSource, DEFAULT_CHANNEL, SOURCE_FLAGS, SOURCE_OPTIONS, sourceFromEnvName } from '../settings/source.ts';
import { UsageError } from '../errors.ts';

// 5000 is the port registries conventionally use; 0.0.0.0 because a registry in a container must be reachable
// from outside it (pass --host 127.0.0.1 to keep it on this machine).
const DEFAULT_PORT = 5000;
const DEFAULT_HOST = '0.0.0.0';
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
  --public-url URL        URL clients reach this registry at, for the token challenge (default: from Host)
  --cache-ttl SECONDS     how long tag lookups and tag lists are reused (default ${DEFAULT_CACHE_TTL_MS / 1000})
  --redirect-blobs        send blob downloads to short-lived signed URLs where the bucket supports them
${S3_USAGE}

On-demand builds (Nixery's mode): pulling a name:tag the bucket lacks builds it, stores it and serves it.
  --build                 turn on-demand builds on (off by default: the registry stays read-only)
  --nixpkgs COMMIT        package set: nixpkgs at a pinned 40-hex commit (--nixpkgs-sha256 HASH optional)
  --channel NAME          package set: a Nix channel (default NIXERY_CHANNEL, else ${DEFAULT_CHANNEL})
  --pkgs-repo URL         package set: a git repository; the tag selects branch, tag or commit (NIXERY_PKGS_REPO)
  --pkgs-path PATH        package set: a local folder with a default.nix (NIXERY_PKGS_PATH)
  --allow-nixpkgs-tags    with --nixpkgs or --channel: a 40-hex tag builds from that nixpkgs commit
  --timeout SECONDS       limit for Nix evaluation and build (default NIX_TIMEOUT or ${DEFAULT_TIMEOUT_SECONDS})
  --max-builds N          builds at once (default ${DEFAULT_MAX_CONCURRENT_BUILDS})
  --build-queue N         builds waiting for a slot; past it clients get 429 (default ${DEFAULT_MAX_QUEUED_BUILDS})
  --budget N              most store layers per image (default as nixery build)
  --compression KIND      gzip (default), zstd or none

Nixery's variables work too (flags win): NIXERY_STORAGE_BACKEND=filesystem with STORAGE_PATH, or
NIXERY_STORAGE_BACKEND=gcs with GCS_BUCKET, stand in for --storage; PORT; NIX_TIMEOUT.

Stops gracefully on SIGTERM or SIGINT: running downloads get a few seconds to finish.`;

export async function serveCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      port: { type: 'string', short: 'p' },
      host: { type: 'string', default: DEFAULT_HOST },
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
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const location = bucketFlag(values) ?? storageFromEnv(process.env);
  if (!location) {
    throw new UsageError(`--storage is required: the bucket to serve (${STORAGE_LOCATION_HELP}); or set NIXERY_STORAGE_BACKEND`);
  }
  if (!values.build) {
    const buildOnly = [...SOURCE_FLAGS, 'nixpkgs-sha256', 'allow-nixpkgs-tags', 'timeout', 'max-builds', 'build-queue', 'budget', 'compression'] as const;
    const given = buildOnly.find((flag) => values[flag] !== undefined && values[flag] !== false);
    if (given) throw new UsageError(`--${given} only applies with --build (on-demand builds)`);
  }

  const storage = await openStorage(location, { s3: s3Settings(values) });
  // A building registry may start with an empty bucket; a read-only one pointed at a missing folder is a typo.
  if (storage instanceof FilesystemStorage) {
    if (values.build) await mkdir(storage.location, { recursive: true });
    else await requireFolder(storage.location);
  }
  const log = new RegistryLog();
  const store = new ImageStore(storage);
  const onDemand = values.build ? onDemandBuilder(values, store, log) : undefined;
  const auth = new Authenticator({
    users: values.htpasswd ? await readUsers(values.htpasswd) : new Map(),
    tokens: await readTokens(values['token-file'], process.env),
    ...(values['public-url'] ? { publicUrl: parsePublicUrl(values['public-url']) } : {}),
  });
  const server = new RegistryServer({
    store,
    auth,
    log,
    ...(onDemand ? { onDemand } : {}),
    cacheTtlMs: parseCacheTtl(values['cache-ttl']),
    ...(values['redirect-blobs'] ? { blobRedirect: { ttlSeconds: REDIRECT_TTL_SECONDS } } : {}),
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
  const address = await server.listen(parsePort(values.port, process.env), values.host!).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot listen on ${values.host}:${values.port ?? process.env.PORT ?? DEFAULT_PORT}: ${error.code ?? error.message}`);
  });
  if (!(await storage.stat(OCI_LAYOUT_KEY))) {
    const hint = values.build ? 'images appear as clients pull them' : 'images appear once "nixery build --out" writes them';
    log.event('bucket is empty so far', { storage: storage.location, hint });
  }
  const ignoredSource = values.build ? undefined : sourceFromEnvName(process.env);
  if (ignoredSource) log.event(`${ignoredSource} is set but --build is not: serving read-only, nothing is built`);
  log.event('listening', {
    url: address.url, port: address.port, storage: storage.location, auth: auth.enabled, build: values.build,
    ...(onDemand ? { source: describeSource(onDemand.source) } : {}),
  });
  await stopped;
}

type ServeValues = Record<string, string | boolean | undefined>;

function onDemandBuilder(values: ServeValues, store: ImageStore, log: RegistryLog): OnDemandBuilder {
  const text = (flag: string) => values[flag] as string | undefined;
  const source = chooseSource(values as Record<string, string | undefined>, process.env);
  if (values['allow-nixpkgs-tags'] && source.kind !== 'nixpkgs' && source.kind !== 'channel') {
    throw new UsageError('--allow-nixpkgs-tags goes with a nixpkgs or channel package set (--nixpkgs, --channel or NIXERY_CHANNEL)');
  }
  return new OnDemandBuilder({
    store,
    destination: bucketDestination(store.storage),
    settings: {
      source,
      budget: parseBudget(text('budget')),
      compression: parseCompression(text('compression')),
      timeoutMs: parseTimeout(text('timeout'), process.env),
    },
    log,
    maxConcurrentBuilds: parsePositiveInteger('--max-builds', text('max-builds')) ?? DEFAULT_MAX_CONCURRENT_BUILDS,
    maxQueuedBuilds: parseQueueLength(text('build-queue')),
    allowNixpkgsTags: values['allow-nixpkgs-tags'] === true,
  });
}

function parseQueueLength(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_QUEUED_BUILDS;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--build-queue "${value}": expected a whole number, 0 or more`);
  return n;
}

/** Nixery's storage settings: NIXERY_STORAGE_BACKEND picks filesystem (STORAGE_PATH) or gcs (GCS_BUCKET). */
export function storageFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const backend = env.NIXERY_STORAGE_BACKEND?.trim();
  if (!backend) return undefined;
  if (backend === 'filesystem') {
    if (!env.STORAGE_PATH?.trim()) throw new UsageError('NIXERY_STORAGE_BACKEND=filesystem needs STORAGE_PATH (the folder to keep images in)');
    return env.STORAGE_PATH.trim();
  }
  if (backend === 'gcs') {
    const bucket = env.GCS_BUCKET?.trim();
    if (!bucket) throw new UsageError('NIXERY_STORAGE_BACKEND=gcs needs GCS_BUCKET (the bucket name)');
    return bucket.startsWith('gs://') ? bucket : `gs://${bucket}`;
  }
  throw new UsageError(`NIXERY_STORAGE_BACKEND "${backend}": expected filesystem or gcs (or use --storage)`);
}

export function parsePort(value: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = value ?? env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port > 65535) {
    throw new UsageError(`${value !== undefined ? '--port' : 'PORT'} "${raw}": expected a port number from 0 to 65535`);
  }
  return port;
}

function parseCacheTtl(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CACHE_TTL_MS;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`--cache-ttl "${value}": expected a number of seconds, 0 or more`);
  }
  return seconds * 1000;
}

function parsePublicUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  throw new UsageError(`--public-url "${value}": expected an http:// or https:// URL`);
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
  const fromEnv = (env.NIXERY_REGISTRY_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const all = [...tokens, ...fromEnv];
  const short = all.find((token) => token.length < 16);
  if (short !== undefined) throw new UsageError('every bearer token must be at least 16 characters long (e.g. openssl rand -hex 32)');
  return all;
}

async function readOption(flag: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

async function requireFolder(location: string): Promise<void> {
  const info = await stat(location).catch(() => null);
  if (!info?.isDirectory()) {
    throw new UsageError(`--storage ${location}: no such folder; build images into it first with "nixery build NAME --out ${location}"`);
  }
}
