import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ConnectionError, backoff, redactUrl, retryAfterMs, sendRequest } from '../../src/distribution/http.ts';
import type { RetryNotice } from '../../src/distribution/http.ts';
import { freePort } from '../integration/support/free-port.ts';

// The retry policy against a real local server that fails the first N requests of each scenario.

type Failure = { status: number; headers?: Record<string, string> } | 'reset';

interface Scenario {
  failures: Failure[];
  /** Bodies of the requests that reached the handler, in order. */
  bodies: string[];
  authorizations: string[];
}

const scenarios = new Map<string, Scenario>();
let server: http.Server;
let base: string;

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };

function scenario(name: string, failures: Failure[]): { url: string; state: Scenario } {
  const state: Scenario = { failures: [...failures], bodies: [], authorizations: [] };
  scenarios.set(name, state);
  return { url: `${base}/${name}`, state };
}

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const state = scenarios.get(req.url!.slice(1).split('?')[0]!);
      if (!state) {
        res.writeHead(404).end();
        return;
      }
      state.bodies.push(Buffer.concat(chunks).toString('utf8'));
      state.authorizations.push(req.headers.authorization ?? '');
      const failure = state.failures.shift();
      if (failure === 'reset') {
        req.socket.destroy();
        return;
      }
      if (failure) {
        res.writeHead(failure.status, failure.headers ?? {}).end('{"errors":[{"code":"UNKNOWN"}]}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`ok after ${state.bodies.length}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

describe('sendRequest', () => {
  it('retries 500, 502, 503 and 504 and returns the first success', async () => {
    const { url, state } = scenario('gateway', [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }]);
    const notices: RetryNotice[] = [];
    const response = await sendRequest({ method: 'GET', url }, { policy: FAST, onRetry: (n) => notices.push(n) });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'ok after 5');
    assert.equal(state.bodies.length, 5);
    assert.deepEqual(
      notices.map((n) => n.reason),
      ['HTTP 500', 'HTTP 502', 'HTTP 503', 'HTTP 504'],
    );
    assert.deepEqual(
      notices.map((n) => n.attempt),
      [1, 2, 3, 4],
    );
  });

  it('gives up after the attempts it is allowed and returns the last answer', async () => {
    const { url, state } = scenario(
      'down',
      Array.from({ length: 10 }, () => ({ status: 503 })),
    );
    const response = await sendRequest({ method: 'GET', url }, { policy: { ...FAST, attempts: 3 } });
    assert.equal(response.status, 503);
    assert.equal(state.bodies.length, 3);
  });

  it('does not retry answers that will not change: 400, 401, 404', async () => {
    for (const status of [400, 401, 404]) {
      const { url, state } = scenario(`final-${status}`, [{ status }]);
      const response = await sendRequest({ method: 'GET', url }, { policy: FAST });
      assert.equal(response.status, status);
      assert.equal(state.bodies.length, 1, `HTTP ${status} was retried`);
    }
  });

  it('waits as long as a 429 says in Retry-After', async () => {
    const { url, state } = scenario('rate-limited', [{ status: 429, headers: { 'Retry-After': '1' } }]);
    const started = performance.now();
    const response = await sendRequest({ method: 'GET', url }, { policy: FAST });
    const elapsed = performance.now() - started;
    assert.equal(response.status, 200);
    assert.equal(state.bodies.length, 2);
    assert.ok(elapsed >= 950, `retried after ${elapsed.toFixed(0)} ms, before Retry-After's 1 s`);
  });

  it('hands back a 429 whose Retry-After is longer than it will wait', async () => {
    const { url, state } = scenario('rate-limited-long', [{ status: 429, headers: { 'Retry-After': '3600' } }]);
    const response = await sendRequest({ method: 'GET', url }, { policy: FAST });
    assert.equal(response.status, 429);
    assert.equal(state.bodies.length, 1);
  });

  it('retries reset connections, re-opening a streamed body for every attempt', async () => {
    const { url, state } = scenario('reset', ['reset', 'reset']);
    let opened = 0;
    const body = () => {
      opened++;
      return Readable.from([Buffer.from('chunk one,'), Buffer.from('chunk two')]);
    };
    const notices: RetryNotice[] = [];
    const response = await sendRequest(
      { method: 'PUT', url, headers: { 'Content-Length': '19' }, body },
      { policy: FAST, onRetry: (n) => notices.push(n) },
    );
    assert.equal(response.status, 200);
    assert.equal(opened, 3);
    assert.deepEqual(state.bodies, ['chunk one,chunk two', 'chunk one,chunk two', 'chunk one,chunk two']);
    assert.equal(notices.length, 2);
    for (const notice of notices) assert.match(notice.reason, /ECONNRESET|UND_ERR_SOCKET|socket/i);
  });

  it('sends a buffer body again on a retry', async () => {
    const { url, state } = scenario('buffer', [{ status: 500 }]);
    const response = await sendRequest({ method: 'POST', url, body: () => Buffer.from('same bytes') }, { policy: FAST });
    assert.equal(response.status, 200);
    assert.deepEqual(state.bodies, ['same bytes', 'same bytes']);
  });

  it('throws a ConnectionError after the last reset, without headers or query in its message', async () => {
    const { url, state } = scenario(
      'always-reset',
      Array.from({ length: 10 }, () => 'reset' as const),
    );
    const secret = 'Bearer s3cr3t-token-value';
    await assert.rejects(
      sendRequest(
        { method: 'GET', url: `${url}?_state=signed-state`, headers: { Authorization: secret } },
        { policy: { ...FAST, attempts: 3 } },
      ),
      (error: unknown) => {
        assert.ok(error instanceof ConnectionError);
        assert.match(error.message, /failed after 3 attempts/);
        assert.ok(error.message.includes(`${url}`), error.message);
        for (const leak of ['s3cr3t', 'Bearer', '_state', 'signed-state']) assert.ok(!error.message.includes(leak), error.message);
        return true;
      },
    );
    assert.equal(state.bodies.length, 3);
    assert.deepEqual(state.authorizations, [secret, secret, secret]);
  });

  it('retries a refused connection only when told the host answered before', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/nothing`;
    const quick: RetryNotice[] = [];
    await assert.rejects(
      sendRequest({ method: 'GET', url: closed }, { policy: { ...FAST, retryConnectionRefused: false }, onRetry: (n) => quick.push(n) }),
      (error: unknown) => error instanceof ConnectionError && error.code === 'ECONNREFUSED' && /1 attempt:/.test(error.message),
    );
    assert.equal(quick.length, 0);
    const patient: RetryNotice[] = [];
    await assert.rejects(
      sendRequest(
        { method: 'GET', url: closed },
        { policy: { ...FAST, attempts: 4, retryConnectionRefused: true }, onRetry: (n) => patient.push(n) },
      ),
      (error: unknown) => error instanceof ConnectionError && error.code === 'ECONNREFUSED' && /4 attempts/.test(error.message),
    );
    assert.deepEqual(
      patient.map((n) => n.reason),
      ['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED'],
    );
  });

  it('does not follow redirects (a streamed body cannot be replayed to another place)', async () => {
    const redirecting = http.createServer((_req, res) => res.writeHead(307, { Location: '/elsewhere' }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/blob`;
      const response = await sendRequest({ method: 'HEAD', url }, { policy: FAST });
      assert.equal(response.status, 307);
      assert.equal(response.headers.get('location'), '/elsewhere');
    } finally {
      redirecting.closeAllConnections();
      redirecting.close();
    }
  });
});

describe('backoff', () => {
  it('draws from [0, min(max, base * 2^(attempt-1))): full jitter that grows and is capped', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    for (const [attempt, ceiling] of [
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
      [5, 1000],
      [9, 1000],
    ] as const) {
      const draws = Array.from({ length: 300 }, () => backoff(attempt, policy));
      assert.ok(
        draws.every((d) => d >= 0 && d < ceiling),
        `attempt ${attempt}: ${Math.min(...draws)}..${Math.max(...draws)}`,
      );
      // Jitter, not a fixed delay: the draws spread over the range.
      assert.ok(Math.max(...draws) - Math.min(...draws) > ceiling / 2, `attempt ${attempt} does not spread`);
    }
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    assert.equal(retryAfterMs('7'), 7000);
    assert.equal(retryAfterMs(' 0 '), 0);
    const now = Date.parse('2030-01-01T00:00:00Z');
    assert.equal(retryAfterMs('Tue, 01 Jan 2030 00:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Mon, 31 Dec 2029 23:59:00 GMT', now), 0);
    assert.equal(retryAfterMs(null), undefined);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs('-3'), undefined);
  });
});

describe('redactUrl', () => {
  it('drops user info and the query', () => {
    assert.equal(
      redactUrl('https://user:pass@r.example.com/v2/a/blobs/uploads/u?_state=x&digest=y'),
      'https://r.example.com/v2/a/blobs/uploads/u',
    );
  });
});
