import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stopChild } from './gcs-emulator.ts';
import { freePort } from './free-port.ts';

// The CNCF distribution registry (Debian's docker-registry, 2.8) as a real push target: a temp root folder, a
// free loopback port, and a config built from options so tests can add an auth: section or TLS. With request
// logging on, its log is parsed into one record per request, so tests can count uploads and mounts.

export interface DockerRegistryOptions {
  /** The registry's `auth:` section, e.g. `{ htpasswd: { realm: 'test', path: FILE } }`. */
  auth?: object;
  /** PEM files; the registry then speaks https. */
  tls?: { certificate: string; key: string };
  /** Log every request (at info level) so settledRequests() can list them. Default true. */
  logRequests?: boolean;
}

export interface RegistryRequest {
  method: string;
  /** Path and query as the client sent them, e.g. `/v2/a/b/blobs/uploads/?mount=sha256:…&from=c`. */
  uri: string;
  status: number;
}

export interface DockerRegistry {
  /** host:port, as pushes name it, e.g. 127.0.0.1:40123 */
  host: string;
  /** http(s)://host:port */
  url: string;
  /** The registry's storage root, for tests that look under its hood. */
  rootDir: string;
  /**
   * Every request answered so far, oldest first (empty when logRequests is false), once the log has been quiet for
   * a moment: the registry logs a request just after answering it, so a count taken at once could miss the last.
   */
  settledRequests(): Promise<RegistryRequest[]>;
  stop(): Promise<void>;
}

const BINARY = 'docker-registry';
const READY_TIMEOUT_MS = 15_000;
const SETTLE_MS = 100;

export async function startDockerRegistry(options: DockerRegistryOptions = {}): Promise<DockerRegistry> {
  if (spawnSync('sh', ['-c', `command -v ${BINARY}`]).status !== 0) {
    throw new Error(
      `${BINARY} (the CNCF distribution registry) is not on PATH: apt-get install -y docker-registry (or run .ci/setup, which installs it)`,
    );
  }
  const logRequests = options.logRequests ?? true;
  const port = await freePort();
  const rootDir = await mkdtemp(path.join(os.tmpdir(), 'nixery-docker-registry-'));
  const config = {
    version: 0.1,
    log: logRequests
      ? { level: 'info', formatter: 'text', accesslog: { disabled: true } }
      : { level: 'error', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: path.join(rootDir, 'data') }, delete: { enabled: true } },
    http: {
      addr: `127.0.0.1:${port}`,
      // A fixed secret silences the warning about a random one; uploads' _state tokens are signed with it.
      secret: 'nixery-tests-only',
      ...(options.tls ? { tls: { certificate: options.tls.certificate, key: options.tls.key } } : {}),
    },
    ...(options.auth ? { auth: options.auth } : {}),
  };
  const configFile = path.join(rootDir, 'config.yml');
  // YAML is a superset of JSON, and the registry reads YAML.
  await writeFile(configFile, JSON.stringify(config, null, 2));

  // The log goes to a file, not a pipe: a caller that blocks its event loop (spawnSync in a bench) would leave a
  // pipe undrained, and the registry would stall on its next log line.
  const logFile = path.join(rootDir, 'registry.log');
  const log = openSync(logFile, 'a');
  const child = spawn(BINARY, ['serve', configFile], { stdio: ['ignore', log, log] });
  closeSync(log);
  const output = () => readFileSync(logFile, 'utf8').slice(-256 * 1024);
  const records = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .map(parseRequestLine)
      .filter((r): r is RegistryRequest => r !== undefined);
  child.once('error', () => {});
  // A test process that dies without stop() must not leave a registry behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
    await rm(rootDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  const settledRequests = async () => {
    let seen = -1;
    for (let now = records(); seen !== now.length; now = records()) {
      seen = now.length;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
    return records();
  };
  return { host: `127.0.0.1:${port}`, url, rootDir, settledRequests, stop };
}

/** Counts what tests ask about: blob bytes sent (PATCH/PUT on an upload) and mount requests. */
export function countUploads(requests: readonly RegistryRequest[]): { uploadRequests: number; mounts: number } {
  return {
    uploadRequests: requests.filter((r) => (r.method === 'PATCH' || r.method === 'PUT') && r.uri.includes('/blobs/uploads/')).length,
    mounts: requests.filter((r) => r.method === 'POST' && r.uri.includes('/blobs/uploads/') && r.uri.includes('mount=')).length,
  };
}

// logrus' text format: key=value, with the value in double quotes (backslash escapes) when it has other characters.
const FIELD = /([\w.]+)=("(?:[^"\\]|\\.)*"|\S*)/g;

/** One "response completed" line as a record; other lines give undefined. */
export function parseRequestLine(line: string): RegistryRequest | undefined {
  if (!line.includes('msg="response completed')) return undefined;
  const fields = new Map<string, string>();
  for (const [, key, raw] of line.matchAll(FIELD)) fields.set(key!, raw!.startsWith('"') ? (JSON.parse(raw!) as string) : raw!);
  const method = fields.get('http.request.method');
  const uri = fields.get('http.request.uri');
  const status = Number(fields.get('http.response.status'));
  if (method === undefined || uri === undefined || !Number.isInteger(status)) return undefined;
  return { method, uri, status };
}

/** Polls GET /v2/ until the registry answers (any status: a 401 means it is up and wants credentials). */
async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${BINARY} exited with ${child.exitCode ?? child.signalCode} before it answered:\n${output()}`);
    }
    if (await answers(`${url}/v2/`)) return;
    if (Date.now() > deadline) throw new Error(`${BINARY} did not answer ${url}/v2/ within ${READY_TIMEOUT_MS / 1000}s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    // Test certificates are self-signed: readiness is all we check here.
    const request = get(url, { rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(1000, () => request.destroy());
  });
}
