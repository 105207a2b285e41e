// Finds credentials for a registry the way podman and docker do, so that `podman login`, `docker login` and
// docker/login-action all work unchanged. The first source that has an entry for the registry wins:
//
// 1. containers auth.json: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json; then
//    ~/.config/containers/auth.json ($XDG_CONFIG_HOME; podman login's default when XDG_RUNTIME_DIR is unset). Keys may name a
//    registry (`ghcr.io`) or a namespace in it (`ghcr.io/acme`, `ghcr.io/acme/app`); the most specific wins.
// 2. Docker's config.json: $DOCKER_CONFIG/config.json, else ~/.docker/config.json.
// In each file: `credHelpers[host]` (a docker-credential-<helper> program), else `auths[host]` (keys like `host`,
// `https://host`, `https://host/v1/`, and `https://index.docker.io/v1/` for Docker Hub) with `auth` (base64
// `user:password`), `username`/`password` or `identitytoken`, else `credsStore` (a helper for every registry).
// 3. A fallback the caller passes (the action's `github-token` for ghcr.io).
//
// A helper that is missing or fails is an error naming the helper and the registry: silently pushing anonymously
// would only turn into a confusing 401 later. A helper answering "credentials not found" means no entry.

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Credentials = { username: string; password: string } | { identityToken: string };

export interface FoundCredentials {
  credentials: Credentials;
  /** Where they came from, for messages (never a secret): `user "octo" from /root/.docker/config.json`. */
  description: string;
}

export interface FindCredentialsOptions {
  /** Repository within the registry (`acme/app`), for auth.json keys that name a namespace. */
  repository?: string;
  /** Environment to read (REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, DOCKER_CONFIG, HOME, PATH for helpers). */
  env?: NodeJS.ProcessEnv;
  /** Used when no file has an entry, e.g. the action's github-token for ghcr.io. */
  fallback?: { credentials: Credentials; source: string };
  /** How long a credential helper may take (default 60 s). */
  helperTimeoutMs?: number;
}

/** A credential helper or credentials file that can't be used; the message names it and the registry. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/** The files searched, in order (existing or not). */
export function credentialFiles(env: NodeJS.ProcessEnv = process.env): { path: string; kind: 'containers' | 'docker' }[] {
  const home = env.HOME || homedir();
  const files: { path: string; kind: 'containers' | 'docker' }[] = [];
  if (env.REGISTRY_AUTH_FILE) files.push({ path: env.REGISTRY_AUTH_FILE, kind: 'containers' });
  else if (env.XDG_RUNTIME_DIR) files.push({ path: join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), kind: 'containers' });
  const userAuth = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json');
  if (!files.some((file) => file.path === userAuth)) files.push({ path: userAuth, kind: 'containers' });
  files.push({ path: join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json'), kind: 'docker' });
  return files;
}

/** Credentials for `host` (`ghcr.io`, `127.0.0.1:5000`), or null when no source has any. */
export async function findCredentials(host: string, options: FindCredentialsOptions = {}): Promise<FoundCredentials | null> {
  const env = options.env ?? process.env;
  for (const file of credentialFiles(env)) {
    const config = await readConfig(file.path);
    if (!config) continue;
    const found = await lookUp(config, file.path, host, options, env);
    if (found) return found;
  }
  if (options.fallback)
    return { credentials: options.fallback.credentials, description: describeFrom(options.fallback.credentials, options.fallback.source) };
  return null;
}

/** `user "octo" from SOURCE`, `an identity token from SOURCE`, or `anonymous (...)`. */
export function describeCredentials(found: FoundCredentials | null, host?: string): string {
  if (found) return found.description;
  return host ? `anonymous (no credentials found for ${host})` : 'anonymous (no credentials found)';
}

function describeFrom(credentials: Credentials, source: string): string {
  return 'identityToken' in credentials
    ? `an identity token from ${source}`
    : `user ${JSON.stringify(credentials.username)} from ${source}`;
}

interface ConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string } | null>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

async function readConfig(path: string): Promise<ConfigFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new CredentialsError(`cannot read registry credentials from ${path}: ${(error as Error).message}`);
  }
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message may quote the file's content, which may hold a password.
    throw new CredentialsError(`cannot read registry credentials from ${path}: it is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsError(`cannot read registry credentials from ${path}: expected a JSON object`);
  }
  return parsed as ConfigFile;
}

/** `https://host/v1/`, `http://host`, `host/ns/repo` → `host` and the path (without slashes at either end). */
function splitKey(key: string): { host: string; path: string } {
  let rest = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  rest = rest.replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  if (slash < 0) return { host: rest.toLowerCase(), path: '' };
  return { host: rest.slice(0, slash).toLowerCase(), path: rest.slice(slash + 1) };
}

function sameRegistry(a: string, b: string): boolean {
  if (a === b) return true;
  return DOCKER_HUB_HOSTS.has(a) && DOCKER_HUB_HOSTS.has(b);
}

async function lookUp(
  config: ConfigFile,
  file: string,
  host: string,
  options: FindCredentialsOptions,
  env: NodeJS.ProcessEnv,
): Promise<FoundCredentials | null> {
  const wanted = host.toLowerCase();
  const isHub = DOCKER_HUB_HOSTS.has(wanted);
  // What docker passes to a helper: the registry host, or the v1 URL for Docker Hub.
  const serverUrl = isHub ? DOCKER_HUB_SERVER : host;

  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
    if (typeof helper !== 'string' || !helper) continue;
    const parts = splitKey(key);
    if (parts.path && parts.path !== 'v1' && parts.path !== 'v2') continue;
    if (sameRegistry(parts.host, wanted)) return askHelper(helper, serverUrl, host, `credHelpers in ${file}`, env, options.helperTimeoutMs);
  }

  // auths: the most specific key wins (`host/acme/app` over `host/acme` over `host`); docker's `/v1/` and `/v2/`
  // suffixes are the registry itself.
  const repository = options.repository ?? '';
  let best: { length: number; entry: NonNullable<ConfigFile['auths']>[string]; key: string } | undefined;
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!entry || typeof entry !== 'object') continue;
    const parts = splitKey(key);
    if (!sameRegistry(parts.host, wanted)) continue;
    let length = 0;
    if (parts.path && parts.path !== 'v1' && parts.path !== 'v2') {
      if (!(repository === parts.path || repository.startsWith(`${parts.path}/`))) continue;
      length = parts.path.length;
    }
    if (!best || length > best.length) best = { length, entry, key };
  }
  if (best?.entry) {
    const found = fromAuthEntry(best.entry, file, best.key, host);
    if (found) return found;
  }

  if (typeof config.credsStore === 'string' && config.credsStore) {
    return askHelper(config.credsStore, serverUrl, host, `credsStore in ${file}`, env, options.helperTimeoutMs);
  }
  return null;
}

function fromAuthEntry(
  entry: { auth?: string; username?: string; password?: string; identitytoken?: string },
  file: string,
  key: string,
  host: string,
): FoundCredentials | null {
  if (typeof entry.identitytoken === 'string' && entry.identitytoken) {
    return { credentials: { identityToken: entry.identitytoken }, description: `an identity token from ${file}` };
  }
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new CredentialsError(
        `the "auth" entry for ${JSON.stringify(key)} in ${file} (registry ${host}) is not base64 of user:password`,
      );
    }
    const credentials = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    return { credentials, description: describeFrom(credentials, file) };
  }
  if (typeof entry.username === 'string' && entry.username && typeof entry.password === 'string') {
    const credentials = { username: entry.username, password: entry.password };
    return { credentials, description: describeFrom(credentials, file) };
  }
  // An entry with nothing usable (docker writes `{}` next to a credsStore): look further.
  return null;
}

/** Runs `docker-credential-<helper> get` with the server URL on stdin (docker's credential helper protocol). */
async function askHelper(
  helper: string,
  serverUrl: string,
  host: string,
  source: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<FoundCredentials | null> {
  const program = `docker-credential-${helper}`;
  const where = `(${source}) for registry ${host}`;
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') {
          reject(new CredentialsError(`credential helper ${program} ${where} is not on PATH; install it, or remove it from the config`));
        } else {
          reject(new CredentialsError(`credential helper ${program} ${where} could not run: ${error.message}`));
        }
      });
      child.on('close', (code, signal) =>
        resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
      );
      child.stdin.on('error', () => {});
      child.stdin.end(`${serverUrl}\n`);
    },
  );
  if (result.code !== 0) {
    // The helper protocol reports "credentials not found in native keychain" on stdout for a missing entry.
    if (/credentials not found/i.test(`${result.stdout}\n${result.stderr}`)) return null;
    const how = result.signal
      ? `was killed by ${result.signal}${result.signal === 'SIGTERM' ? ` (timeout ${timeoutMs} ms?)` : ''}`
      : `exited with ${result.code}`;
    // A failing helper prints an error message, not credentials, so its output is safe to show (trimmed).
    const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
    throw new CredentialsError(`credential helper ${program} ${where} ${how}${said ? `: ${said}` : ''}`);
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(result.stdout);
  } catch {
    throw new CredentialsError(`credential helper ${program} ${where} printed something that is not JSON`);
  }
  if (typeof answer?.Secret !== 'string' || answer.Secret === '') {
    throw new CredentialsError(`credential helper ${program} ${where} answered without a Secret`);
  }
  const username = typeof answer.Username === 'string' ? answer.Username : '';
  const label = `${program} (${source})`;
  if (username === '<token>') return { credentials: { identityToken: answer.Secret }, description: `an identity token from ${label}` };
  const credentials = { username, password: answer.Secret };
  return { credentials, description: describeFrom(credentials, label) };
}
