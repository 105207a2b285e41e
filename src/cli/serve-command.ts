import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Authenticator, parseHtpasswd, parseTokenList } from '../registry/auth.ts';
import { DEFAULT_CACHE_TTL_MS } from '../registry/image-reader.ts';
import { RegistryLog } from '../registry/log.ts';
import { RegistryServer } from '../registry/server.ts';
import { FilesystemStorage } from '../storage/filesystem.ts';
import { ImageStore } from '../storage/image-store.ts';
import { OCI_LAYOUT_KEY } from '../storage/layout.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';
import { UsageError } from './usage-error.ts';

// 5000 is the port registries conventionally use; 0.0.0.0 because a registry in a container must be reachable
// from outside it (pass --host 127.0.0.1 to keep it on this machine).
const DEFAULT_PORT = 5000;
const DEFAULT_HOST = '0.0.0.0';
const REDIRECT_TTL_SECONDS = 300;

export const SERVE_USAGE = `Usage: nixery serve --storage BUCKET [options]

Serves the images in BUCKET read-only over the OCI distribution API (docker, podman, skopeo, containerd pull
from it). It never builds and never writes to the bucket. Logs one JSON line per request on stdout.

  --storage, -s BUCKET    the bucket to serve, filled by "nixery build": a local folder, gs://BUCKET/PREFIX
                          or s3://BUCKET/PREFIX
  --port, -p N            port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS          address to bind (default ${DEFAULT_HOST}; 127.0.0.1 keeps it local)
  --htpasswd FILE         require Basic auth for these users (bcrypt entries: htpasswd -B)
  --token-file FILE       accept these bearer tokens, one per line (also NIXERY_REGISTRY_TOKENS, comma-separated)
  --public-url URL        URL clients reach this registry at, for the token challenge (default: from Host)
  --cache-ttl SECONDS     how long tag lookups and tag lists are reused (default ${DEFAULT_CACHE_TTL_MS / 1000})
  --redirect-blobs        send blob downloads to short-lived signed URLs where the bucket supports them
${S3_USAGE}

Stops gracefully on SIGTERM or SIGINT: running downloads get a few seconds to finish.`;

export async function serveCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      storage: { type: 'string', short: 's' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string', default: DEFAULT_HOST },
      htpasswd: { type: 'string' },
      'token-file': { type: 'string' },
      'public-url': { type: 'string' },
      'cache-ttl': { type: 'string' },
      'redirect-blobs': { type: 'boolean', default: false },
      ...S3_OPTIONS,
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.storage) throw new UsageError(`--storage is required: the bucket to serve (${STORAGE_LOCATION_HELP})`);

  const storage = await openStorage(values.storage, { s3: s3Settings(values) });
  if (storage instanceof FilesystemStorage) await requireFolder(storage.location);
  const log = new RegistryLog();
  const auth = new Authenticator({
    users: values.htpasswd ? await readUsers(values.htpasswd) : new Map(),
    tokens: await readTokens(values['token-file'], process.env),
    ...(values['public-url'] ? { publicUrl: parsePublicUrl(values['public-url']) } : {}),
  });
  const server = new RegistryServer({
    store: new ImageStore(storage),
    auth,
    log,
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
    log.event('bucket is empty so far', { storage: storage.location, hint: 'images appear once "nixery build --out" writes them' });
  }
  log.event('listening', { url: address.url, port: address.port, storage: storage.location, auth: auth.enabled });
  await stopped;
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
