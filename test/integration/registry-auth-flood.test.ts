import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import bcrypt from 'bcryptjs';
import { Authenticator } from '../../src/registry/auth.ts';
import type { AuthConfig } from '../../src/registry/auth.ts';
import { RegistryLog } from '../../src/registry/log.ts';
import { RegistryServer } from '../../src/registry/server.ts';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { ImageStore } from '../../src/storage/image-store.ts';

// Authentication under abuse, over real HTTP on loopback: a flood of wrong passwords must not stall health checks,
// token pulls or remembered logins; repeated failures get 429; the token realm and the Authorization parser do
// not take the client's word for anything. No timing thresholds: "stays responsive" is checked as an ordering
// (answered while the flood is still running).

const TOKEN = 'static-token-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
let work: string;
let store: ImageStore;
let aliceHash: string;
const servers: RegistryServer[] = [];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on its own connection (no pooling), optionally from another loopback address. */
function send(base: string, pathname: string, options: { headers?: Record<string, string>; localAddress?: string } = {}): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: pathname,
        headers: options.headers ?? {},
        agent: false,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function startServer(config: AuthConfig, host = '127.0.0.1'): Promise<{ server: RegistryServer; base: string }> {
  const server = new RegistryServer({ store, auth: new Authenticator(config), log: new RegistryLog(() => {}) });
  servers.push(server);
  const address = await server.listen(0, host);
  return { server, base: host === '0.0.0.0' ? `http://127.0.0.1:${address.port}` : address.url };
}

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-auth-flood-'));
  store = new ImageStore(new FilesystemStorage(path.join(work, 'bucket')));
  aliceHash = bcrypt.hashSync(PASSWORD, 10);
});

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a wrong-password flood', () => {
  it('leaves /healthz, token and remembered Basic requests answered while it runs', async () => {
    // Failure limits lifted: this is about the cost of the checks themselves.
    const { base } = await startServer({
      tokens: [TOKEN],
      users: new Map([['alice', aliceHash]]),
      failuresPerAddress: 1_000,
      failuresPerUser: 1_000,
      maxQueuedVerifications: 64,
    });
    // A login checked once before the flood is remembered.
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', PASSWORD) } })).status, 200);

    let floodDone = 0;
    const flood = Array.from({ length: 32 }, (_, i) =>
      send(base, '/v2/', { headers: { Authorization: basic('alice', `wrong-${i}`) } }).then((reply) => {
        floodDone++;
        return reply;
      }),
    );
    await sleep(20); // the flood's requests are in
    for (let round = 0; round < 10; round++) {
      assert.equal((await send(base, '/healthz')).status, 200);
      assert.equal((await send(base, '/v2/', { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
      assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', PASSWORD) } })).status, 200);
    }
    assert.ok(floodDone < flood.length, `the flood ended (${floodDone} answered) before 10 rounds of other requests did`);
    const replies = await Promise.all(flood);
    assert.deepEqual(
      replies.map((r) => r.status),
      replies.map(() => 401),
    );
  });

  it('answers unknown users and wrong passwords alike, with 401', async () => {
    const { base } = await startServer({ users: new Map([['alice', aliceHash]]) });
    const wrong = await send(base, '/v2/', { headers: { Authorization: basic('alice', 'nope') }, localAddress: '127.0.0.4' });
    const unknown = await send(base, '/v2/', { headers: { Authorization: basic('mallory', 'nope') }, localAddress: '127.0.0.4' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body, unknown.body);
    assert.equal(wrong.headers['www-authenticate'], unknown.headers['www-authenticate']);
  });

  it('gets 429 with Retry-After after repeated failures from one address, and a login works once the window ends', async () => {
    const { base } = await startServer({
      tokens: [TOKEN],
      users: new Map([['alice', aliceHash]]),
      failuresPerAddress: 5,
      failuresPerUser: 1_000,
      failureWindowMs: 1_500,
    });
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 8; i++) {
      const reply = await send(base, '/v2/', { headers: { Authorization: basic(i % 2 ? 'alice' : 'nobody', `guess-${i}`) } });
      statuses.push(reply.status);
      if (reply.status === 429) retryAfter = reply.headers['retry-after'] as string;
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 2, `Retry-After: ${retryAfter}`);
    // Also at /v2/token; token holders and other addresses are not affected.
    assert.equal((await send(base, '/v2/token', { headers: { Authorization: basic('alice', 'again') } })).status, 429);
    assert.equal((await send(base, '/v2/', { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', 'x') }, localAddress: '127.0.0.2' })).status, 401);
    await sleep(1_600);
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', 'still-wrong') } })).status, 401);
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', PASSWORD) } })).status, 200);
  });

  it('gets 429 after repeated failures for one user from any address; a remembered login still works', async () => {
    const { base } = await startServer({
      users: new Map([['alice', aliceHash]]),
      failuresPerAddress: 1_000,
      failuresPerUser: 3,
      failureWindowMs: 60_000,
    });
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', PASSWORD) } })).status, 200);
    for (let i = 0; i < 3; i++) {
      const reply = await send(base, '/v2/', {
        headers: { Authorization: basic('alice', `guess-${i}`) },
        localAddress: `127.0.0.${10 + i}`,
      });
      assert.equal(reply.status, 401);
    }
    const limited = await send(base, '/v2/', { headers: { Authorization: basic('alice', 'guess') }, localAddress: '127.0.0.20' });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('bob', 'guess') }, localAddress: '127.0.0.20' })).status, 401);
    assert.equal((await send(base, '/v2/', { headers: { Authorization: basic('alice', PASSWORD) } })).status, 200);
  });
});

describe('headers the client controls', () => {
  it('names the listening address in the token realm, never the Host header; the public URL when set', async () => {
    const evil = { Host: 'evil.example:1' };
    const local = await startServer({ tokens: [TOKEN] });
    const challenge = (await send(local.base, '/v2/', { headers: evil })).headers['www-authenticate'];
    assert.equal(challenge, `Bearer realm="${local.base}/v2/token",service="nixery"`);

    const wildcard = await startServer({ tokens: [TOKEN] }, '0.0.0.0');
    const wildChallenge = (await send(wildcard.base, '/v2/', { headers: evil })).headers['www-authenticate'];
    assert.equal(wildChallenge, `Bearer realm="${wildcard.base}/v2/token",service="nixery"`);

    const pub = await startServer({ tokens: [TOKEN], publicUrl: 'https://registry.example.org/' });
    const pubChallenge = (await send(pub.base, '/v2/', { headers: evil })).headers['www-authenticate'];
    assert.equal(pubChallenge, 'Bearer realm="https://registry.example.org/v2/token",service="nixery"');
  });

  it('refuses Basic credentials followed by anything else, at /v2/ and /v2/token alike', async () => {
    const { base } = await startServer({ tokens: [TOKEN], users: new Map([['alice', bcrypt.hashSync(PASSWORD, 4)]]) });
    for (const pathname of ['/v2/', '/v2/token']) {
      assert.equal((await send(base, pathname, { headers: { Authorization: basic('alice', PASSWORD) } })).status, 200, pathname);
      for (const authorization of [`${basic('alice', PASSWORD)} extra`, `${basic('x', TOKEN)} extra`, `Bearer ${TOKEN} extra`]) {
        assert.equal(
          (await send(base, pathname, { headers: { Authorization: authorization } })).status,
          401,
          `${pathname}: ${authorization}`,
        );
      }
    }
  });

  it('answers CONNECT with 405 and a status line, like other methods', async () => {
    const { base } = await startServer({ tokens: [TOKEN] });
    const url = new URL(base);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
      });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 405 /);
    assert.match(answer, /\r\nAllow: GET, HEAD\r\n/);
    assert.match(answer, /"code":"UNSUPPORTED"/);
  });
});
