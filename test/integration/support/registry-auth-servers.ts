import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Authorizer } from '../../../src/distribution/authorizer.ts';
import { freePort } from './free-port.ts';
import { runChecked } from './run.ts';

// The CNCF distribution registry (Debian's docker-registry) with authentication, certificates made with openssl,
// and a minimal registry client loop (header → request → 401 → challenge → one retry) for the auth tests.

const HINTS: Record<string, string> = {
  'docker-registry': 'apt-get install -y docker-registry',
  openssl: 'apt-get install -y openssl',
};

/** Throws naming each missing tool and the apt-get command that installs it. */
export function requireAuthTools(): void {
  const missing = Object.keys(HINTS).filter((tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `registry auth tests need tools that are not on PATH:\n${missing.map((tool) => `  ${tool}: ${HINTS[tool]}`).join('\n')}`,
    );
  }
}

export interface TestPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/** A CA and a server certificate it signed for 127.0.0.1 and localhost (files in `dir`). */
export async function makeServerPki(dir: string): Promise<TestPki> {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.crt');
  const serverKey = join(dir, 'server.key');
  const serverCsr = join(dir, 'server.csr');
  const serverCert = join(dir, 'server.crt');
  const ext = join(dir, 'server.ext');
  await runChecked('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=nixery test CA',
    '-keyout',
    caKey,
    '-out',
    caCert,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await runChecked('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-subj',
    '/CN=localhost',
    '-keyout',
    serverKey,
    '-out',
    serverCsr,
  ]);
  await writeFile(
    ext,
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  await runChecked('openssl', [
    'x509',
    '-req',
    '-in',
    serverCsr,
    '-CA',
    caCert,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    ext,
    '-out',
    serverCert,
  ]);
  return { caCert, serverCert, serverKey };
}

/** An RSA key and a self-signed certificate for signing registry tokens (the cert is the rootcertbundle). */
export async function makeSigningKey(dir: string): Promise<{ key: string; cert: string }> {
  const key = join(dir, 'token-signer.key');
  const cert = join(dir, 'token-signer.crt');
  await runChecked('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=token signer',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { key, cert };
}

export interface RunningRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http(s)://127.0.0.1:PORT` */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  dir: string;
  /** distribution's `auth` section, e.g. `{ htpasswd: { realm, path } }` or `{ token: { realm, service, issuer, rootcertbundle } }`. */
  auth: Record<string, unknown>;
  tls?: { certificate: string; key: string };
}

/** Starts `docker-registry serve` with a JSON config (JSON is YAML) and waits until it accepts connections. */
export async function startAuthRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const port = await freePort();
  const config = {
    version: 0.1,
    log: { level: 'warn', formatter: 'text', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(options.dir, 'data') }, delete: { enabled: true } },
    http: { addr: `127.0.0.1:${port}`, secret: 'test-secret', ...(options.tls ? { tls: options.tls } : {}) },
    auth: options.auth,
  };
  const configPath = join(options.dir, 'registry.json');
  await writeFile(configPath, JSON.stringify(config));
  const child: ChildProcess = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  for (let i = 0; ; i++) {
    if (!running) throw new Error(`docker-registry exited at start:\n${output}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not listen on 127.0.0.1:${port} within 10 s:\n${output}`);
    }
    await sleep(100);
  }
  const scheme = options.tls ? 'https' : 'http';
  return {
    host: `127.0.0.1:${port}`,
    url: `${scheme}://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (running) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface AuthorizedResponse {
  response: Response;
  /** The WWW-Authenticate of each 401 met on the way (the last one when the retry failed too). */
  challenges: string[];
  /** Whether authorizer.challenge() said to retry (after the first 401). */
  retried: boolean;
}

/**
 * How the registry client uses an Authorizer: ask header(scope), send, and on a 401 report the challenge and
 * retry once when challenge() returns true. The body of a 401 is drained; others are left to the caller.
 */
export async function sendAuthorized(
  authorizer: Authorizer,
  scope: string,
  url: string,
  init: RequestInit = {},
): Promise<AuthorizedResponse> {
  const challenges: string[] = [];
  let retried = false;
  for (;;) {
    const header = await authorizer.header(scope);
    const headers = new Headers(init.headers);
    if (header) headers.set('authorization', header);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    if (response.status !== 401) return { response, challenges, retried };
    const www = response.headers.get('www-authenticate') ?? '';
    challenges.push(www);
    await response.body?.cancel();
    if (retried || !(await authorizer.challenge(www, scope))) return { response, challenges, retried };
    retried = true;
  }
}
