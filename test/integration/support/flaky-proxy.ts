import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A loopback HTTP proxy in front of a real server that fails on a schedule: every Nth request answered 500 by
// the proxy itself, and every Mth connection reset (at once, or after part of the request body went upstream, so
// the server sees a torn upload). Everything else is forwarded as it is, streaming both ways; absolute Location
// headers that point at the server are rewritten to the proxy, so clients keep coming back through it.

export interface FlakyProxyOptions {
  /** The server behind the proxy, e.g. http://127.0.0.1:5000 */
  target: string;
  /** Answer request n with 500 (not forwarded) when n is a multiple of this. */
  fail500Every?: number;
  /** Reset the connection of request n when n is a multiple of this (a request due both gets the 500). */
  resetEvery?: number;
  /**
   * Before a reset, forward this many request-body bytes to the server first (default 0: reset before anything
   * is forwarded). Requests with a smaller body are reset once the whole body went upstream but before the answer.
   */
  resetAfterBodyBytes?: number;
  /** Hold every request this long before forwarding it: a registry a network round trip away. */
  latencyMs?: number;
  /** Fail this many requests in all (500s and resets together), then forward everything. Default: no limit. */
  maxFailures?: number;
}

export interface FlakyProxy {
  /** host:port of the proxy */
  host: string;
  url: string;
  /** Requests seen, and how many were failed each way. */
  counts(): { requests: number; failed500: number; resets: number };
  stop(): Promise<void>;
}

export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  const target = new URL(options.target);
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  let requests = 0;
  let failed500 = 0;
  let resets = 0;
  let proxyOrigin = '';

  const server = http.createServer((req, res) => {
    // A far-away registry: every request waits a round trip before it is forwarded (its body waits in the socket).
    if (options.latencyMs) {
      req.pause();
      setTimeout(() => {
        req.resume();
        handle(req, res);
      }, options.latencyMs);
    } else handle(req, res);
  });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const n = ++requests;
    const mayFail = options.maxFailures === undefined || failed500 + resets < options.maxFailures;
    if (mayFail && options.fail500Every && n % options.fail500Every === 0) {
      failed500++;
      // Read the body first: answering early would leave the client writing into a closed request.
      req.resume();
      req.on('end', () => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `flaky proxy: request ${n} fails` }] }));
      });
      return;
    }
    const reset = mayFail && Boolean(options.resetEvery && n % options.resetEvery === 0);
    if (reset) resets++;
    const resetAfter = options.resetAfterBodyBytes ?? 0;
    if (reset && resetAfter === 0) {
      req.socket.destroy();
      return;
    }

    const headers = { ...req.headers, host: target.host };
    const upstream = http.request(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (upstreamRes) => {
        if (reset) {
          // The whole (small) body went upstream: the server acted on it, but the client never hears back.
          upstreamRes.destroy();
          req.socket.destroy();
          return;
        }
        const raw = upstreamRes.rawHeaders.slice();
        for (let i = 0; i < raw.length; i += 2) {
          if (raw[i]!.toLowerCase() === 'location' && raw[i + 1]!.startsWith(target.origin)) {
            raw[i + 1] = proxyOrigin + raw[i + 1]!.slice(target.origin.length);
          }
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, raw);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    if (!reset) {
      req.pipe(upstream);
      return;
    }
    let forwarded = 0;
    req.on('data', (chunk: Buffer) => {
      if (forwarded >= resetAfter) return;
      const part = chunk.subarray(0, resetAfter - forwarded);
      forwarded += part.length;
      upstream.write(part);
      if (forwarded >= resetAfter) {
        // Give the server a moment to take in the bytes, then tear both sides down mid-body.
        setTimeout(() => {
          upstream.destroy();
          req.socket.destroy();
        }, 20);
      }
    });
    req.on('end', () => {
      if (forwarded < resetAfter) upstream.end();
    });
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Reset sockets raise errors on the client side of our server's connection; they are the point.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  proxyOrigin = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    url: proxyOrigin,
    counts: () => ({ requests, failed500, resets }),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
