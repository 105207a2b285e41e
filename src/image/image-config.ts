import { posix } from 'node:path';
import { UsageError } from '../errors.ts';

// What an image declares about how it runs (an images-file entry): Entrypoint, Cmd, Env, User, WorkingDir,
// ExposedPorts, Labels, StopSignal. Checked here, once, whichever front door read it; the customisation layer
// makes the user and the working directory exist, and assemble writes the rest into the image config.

export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  /** Added to (and overriding) what the customisation layer sets, such as PATH and SSL_CERT_FILE. */
  env?: Record<string, string>;
  /** As written: `name`, `uid` or `uid:gid`. */
  user?: string;
  workdir?: string;
  /** `PORT/PROTO`, e.g. 8080/tcp. */
  ports?: string[];
  /** Plain key/value pairs, handed to assemble as they are. */
  labels?: Record<string, string>;
  stopSignal?: string;
}

/** A config value that breaks a rule; `path` locates it (e.g. ["env", "PORT"]) so a file reader can name the line. */
export class ImageConfigError extends UsageError {
  override name = 'ImageConfigError';
  readonly path: (string | number)[];
  constructor(path: (string | number)[], message: string) {
    super(message);
    this.path = path;
  }
}

/** The keys of an images-file entry that configure the image (packages and platforms are the file's own). */
export const CONFIG_KEYS = ['entrypoint', 'cmd', 'env', 'user', 'workdir', 'ports', 'labels', 'stop-signal'] as const;

/** Reads the config keys of `entry` (other keys are the caller's business). */
export function parseImageConfig(entry: Record<string, unknown>): ImageConfig {
  const config: ImageConfig = {};
  if (entry.entrypoint !== undefined) config.entrypoint = stringList(entry.entrypoint, 'entrypoint');
  if (entry.cmd !== undefined) config.cmd = stringList(entry.cmd, 'cmd');
  if (entry.env !== undefined) config.env = environment(entry.env);
  if (entry.user !== undefined) config.user = parseUser(scalar(entry.user, ['user'])).spelling;
  if (entry.workdir !== undefined) config.workdir = workdir(scalar(entry.workdir, ['workdir']));
  if (entry.ports !== undefined) config.ports = ports(entry.ports);
  if (entry.labels !== undefined) config.labels = stringMap(entry.labels, 'labels', (key, path) => checkLabelKey(key, path));
  if (entry['stop-signal'] !== undefined) config.stopSignal = stopSignal(scalar(entry['stop-signal'], ['stop-signal']));
  return config;
}

export interface ImageUser {
  /** What the config's User says, as written. */
  spelling: string;
  /** The passwd name: as given, else root or nobody for their ids, else "app". */
  name: string;
  uid: number;
  gid: number;
}

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const MAX_ID = 2 ** 31 - 1;
/** The uid and gid a user given by name alone gets. */
export const DEFAULT_USER_ID = 1000;
const WELL_KNOWN: Record<string, number> = { root: 0, nobody: 65534 };

/** `name`, `uid` or `uid:gid`; anything else is refused. */
export function parseUser(text: string, path: (string | number)[] = ['user']): ImageUser {
  const v = text.trim();
  const ids = /^(\d+)(?::(\d+))?$/.exec(v);
  if (ids) {
    const uid = Number(ids[1]);
    const gid = ids[2] === undefined ? uid : Number(ids[2]);
    if (uid > MAX_ID || gid > MAX_ID) throw new ImageConfigError(path, `user "${text}": ids go up to ${MAX_ID}`);
    const name = Object.keys(WELL_KNOWN).find((n) => WELL_KNOWN[n] === uid) ?? 'app';
    return { spelling: v, name, uid, gid };
  }
  if (USER_NAME.test(v)) {
    const id = WELL_KNOWN[v] ?? DEFAULT_USER_ID;
    return { spelling: v, name: v, uid: id, gid: id };
  }
  throw new ImageConfigError(path, `user "${text}" is not a user name (lowercase, e.g. app), a uid (1000) or uid:gid (1000:1000)`);
}

function workdir(text: string): string {
  const v = text.trim();
  if (!v.startsWith('/')) throw new ImageConfigError(['workdir'], `workdir "${text}" is not an absolute path (e.g. /srv)`);
  const trimmed = v.length > 1 ? v.replace(/\/+$/, '') : v;
  const normal = posix.normalize(trimmed);
  if (normal !== trimmed) {
    throw new ImageConfigError(['workdir'], `workdir "${text}": write it plainly, as ${normal}`);
  }
  if (normal === '/nix' || normal.startsWith('/nix/')) {
    throw new ImageConfigError(['workdir'], `workdir "${text}" lies in /nix, which holds the read-only store`);
  }
  return normal;
}

const PORT = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i;

function ports(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const result = list.map((item, i) => {
    const text = scalar(item, ['ports', i]);
    const m = PORT.exec(text.trim());
    const port = m ? Number(m[1]) : 0;
    if (!m || port < 1 || port > 65535) {
      throw new ImageConfigError(['ports', i], `port "${text}" is not PORT or PORT/PROTOCOL (1-65535, tcp, udp or sctp), e.g. 8080/tcp`);
    }
    return `${port}/${(m[2] ?? 'tcp').toLowerCase()}`;
  });
  return [...new Set(result)];
}

const SIGNAL = /^(?:SIG[A-Z0-9]+(?:[+-]\d+)?|\d{1,2})$/;

function stopSignal(text: string): string {
  const v = text.trim();
  if (!SIGNAL.test(v)) throw new ImageConfigError(['stop-signal'], `stop-signal "${text}" is not a signal such as SIGTERM, SIGINT or 15`);
  return v;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function environment(value: unknown): Record<string, string> {
  // A list of NAME=VALUE, as in a Dockerfile's ENV lines and the image config itself, or a map.
  if (Array.isArray(value)) {
    const map: Record<string, string> = {};
    value.forEach((item, i) => {
      const text = scalar(item, ['env', i]);
      const eq = text.indexOf('=');
      if (eq <= 0) throw new ImageConfigError(['env', i], `env entry "${text}" is not NAME=VALUE`);
      const name = text.slice(0, eq);
      checkEnvName(name, ['env', i]);
      map[name] = text.slice(eq + 1);
    });
    return map;
  }
  return stringMap(value, 'env', checkEnvName);
}

function checkEnvName(name: string, path: (string | number)[]): void {
  if (!ENV_NAME.test(name)) {
    throw new ImageConfigError(path, `env name "${name}" is not a variable name (letters, digits and _, not starting with a digit)`);
  }
}

function checkLabelKey(key: string, path: (string | number)[]): void {
  if (key.trim() === '') throw new ImageConfigError(path, 'labels: a label key is empty');
}

function stringMap(value: unknown, key: string, checkKey: (k: string, path: (string | number)[]) => void): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImageConfigError([key], `${key} is not a map of names to values (e.g. ${key}: { NAME: value })`);
  }
  const map: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    checkKey(k, [key, k]);
    map[k] = scalar(v, [key, k]);
  }
  return map;
}

function stringList(value: unknown, key: string): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.length === 0) {
    throw new ImageConfigError([key], `${key} is not a list of strings (e.g. ${key}: [/bin/app, --flag])`);
  }
  return value.map((item, i) => scalar(item, [key, i]));
}

/** Strings as they are; numbers and booleans as YAML wrote them (PORT: 8080 means "8080"); nothing else. */
function scalar(value: unknown, path: (string | number)[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ImageConfigError(
    path,
    `${path.join('.')} must be a string, not ${value === null ? 'empty' : Array.isArray(value) ? 'a list' : typeof value}`,
  );
}

/** Whether the config says how the container starts, so the shell image's default Cmd must not be added. */
export function declaresCommand(config: ImageConfig): boolean {
  return config.entrypoint !== undefined || config.cmd !== undefined;
}
