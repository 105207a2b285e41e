import type { IncomingMessage } from 'node:http';

// The host:port a client reached this server at, for URLs and commands we hand back (the token realm, the
// page's pull commands). The Host header is client input, so only a plain host[:port] is used as given.

const PLAIN_HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/;

/** The request's Host header when it is a plain host[:port]; otherwise the local address the request came in on. */
export function requestHost(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  return PLAIN_HOST.test(host) ? host : localAddress(request);
}

function localAddress(request: IncomingMessage): string {
  const { localAddress: address, localPort: port } = request.socket;
  if (!address) return 'localhost';
  const v4 = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return v4.includes(':') ? `[${v4}]:${port}` : `${v4}:${port}`;
}
