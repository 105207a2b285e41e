import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer, get } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openLocalFile, sendFileRange } from '../../src/registry/file-sender.ts';
import type { StorageBackend } from '../../src/storage/backend.ts';
import { openStorage } from '../../src/storage/open.ts';

// The local-folder fast path for large blobs, over real sockets: exact bytes for any range, reads held back by
// a client that does not read, and clean failures when the client leaves or the file is shorter than promised.

let work: string;
let file: string;
let content: Buffer;
let server: Server;
let base: string;
let handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>;

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-file-sender-'));
  file = path.join(work, 'blob');
  content = randomBytes(3 * 1024 * 1024 + 12345);
  await writeFile(file, content);
  server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (work) await rm(work, { recursive: true, force: true });
});

/** Serves file bytes start..end from query parameters, reporting how the send ended. */
function serveRange(outcome: (result: { sent: number; error?: Error }) => void): void {
  handler = async (request, response) => {
    const url = new URL(request.url!, base);
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const handle = await open(url.searchParams.get('file') ?? file);
    let sent = 0;
    response.writeHead(200, { 'Content-Length': end - start + 1 });
    try {
      await sendFileRange(handle, start, end, response, (bytes) => (sent += bytes));
      outcome({ sent });
    } catch (error) {
      response.destroy();
      outcome({ sent, error: error as Error });
    } finally {
      await handle.close();
    }
  };
}

describe('sendFileRange', () => {
  it('sends exactly the requested bytes for whole files and unaligned ranges', async () => {
    const results: number[] = [];
    serveRange((r) => results.push(r.sent));
    for (const [start, end] of [
      [0, content.length - 1],
      [1, 1],
      [65535, 65537],
      [100, 2 * 1024 * 1024 + 7],
      [content.length - 1, content.length - 1],
    ] as const) {
      const response = await fetch(`${base}/?start=${start}&end=${end}`);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), content.subarray(start, end + 1), `${start}-${end}`);
    }
    assert.deepEqual(results, [content.length, 1, 3, 2 * 1024 * 1024 + 7 - 100 + 1, 1]);
  });

  it('holds reads back while the client does not read, then finishes', async () => {
    const big = path.join(work, 'big');
    await writeFile(big, Buffer.alloc(64 * 1024 * 1024, 7));
    let sentSoFar = 0;
    const finished = new Promise<{ sent: number; error?: Error }>((resolve) => serveRange(resolve));
    handler = ((inner) => async (request, response) => {
      const original = response.write.bind(response);
      // Watch progress from outside: count bytes the sender handed to the socket.
      response.write = ((chunk: Buffer, callback?: (error?: Error | null) => void) => {
        sentSoFar += chunk.length;
        return original(chunk, callback);
      }) as typeof response.write;
      await inner(request, response);
    })(handler);
    const paused = await new Promise<IncomingMessage>((resolve) =>
      get(`${base}/?start=0&end=${64 * 1024 * 1024 - 1}&file=${encodeURIComponent(big)}`, resolve),
    );
    paused.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(sentSoFar < 48 * 1024 * 1024, `a client that reads nothing must not be sent the whole blob (sent ${sentSoFar})`);
    let received = 0;
    paused.on('data', (chunk: Buffer) => (received += chunk.length));
    paused.resume();
    await new Promise((resolve) => paused.on('end', resolve));
    assert.equal(received, 64 * 1024 * 1024);
    assert.deepEqual(await finished, { sent: 64 * 1024 * 1024 });
  });

  it('rejects when the client goes away mid-transfer', async () => {
    const big = path.join(work, 'big');
    const outcome = new Promise<{ sent: number; error?: Error }>((resolve) => serveRange(resolve));
    const request = get(`${base}/?start=0&end=${64 * 1024 * 1024 - 1}&file=${encodeURIComponent(big)}`, (response) => {
      response.once('data', () => request.destroy());
    });
    request.on('error', () => {});
    const result = await outcome;
    assert.ok(result.error, 'the send must fail');
    assert.ok(result.sent < 64 * 1024 * 1024);
  });

  it('rejects, naming the byte, when the file is shorter than the range', async () => {
    const outcome = new Promise<{ sent: number; error?: Error }>((resolve) => serveRange(resolve));
    const response = await new Promise<IncomingMessage>((resolve) => get(`${base}/?start=0&end=${content.length + 99}`, resolve));
    response.resume();
    response.on('error', () => {});
    const result = await outcome;
    assert.match(result.error?.message ?? '', new RegExp(`file ended at byte ${content.length}`));
  });
});

describe('openLocalFile', () => {
  it('opens blobs of a bucket with local files (as openStorage gives it) and answers null for missing keys', async () => {
    const storage = await openStorage(path.join(work, 'bucket'));
    await storage.writeBytes('blobs/sha256/abc', Buffer.from('hello'));
    const handle = await openLocalFile(storage, 'blobs/sha256/abc');
    assert.ok(handle);
    assert.equal((await handle.readFile()).toString(), 'hello');
    await handle.close();
    assert.equal(await openLocalFile(storage, 'blobs/sha256/missing'), null);
  });

  it('answers null for a backend that declares no local files, even when the file exists', async () => {
    const storage = await openStorage(path.join(work, 'bucket'));
    await storage.writeBytes('blobs/sha256/def', Buffer.from('there'));
    // The same bucket without the ability, as an object store presents itself.
    const withoutLocal = Object.create(storage, { local: { value: undefined } }) as StorageBackend;
    assert.ok(await withoutLocal.stat('blobs/sha256/def'), 'the object is there');
    assert.equal(await openLocalFile(withoutLocal, 'blobs/sha256/def'), null);
  });
});
