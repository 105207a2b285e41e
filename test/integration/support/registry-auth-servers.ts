import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Authorizer } from '../../../src/distribution/authorizer.ts';
import { runChecked } from './run.ts';

// For registries with authentication (started by docker-registry.ts): certificates made with openssl, a token
// signing key, and a minimal client loop (header → request → 401 → challenge → one retry) for the auth tests.

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
