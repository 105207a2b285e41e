import { isIP } from 'node:net';
import { UsageError } from '../errors.ts';

// Where images are pushed: a registry host and a repository prefix, parsed from `docker://HOST[:PORT]/PREFIX`
// (or the same without `docker://`, as action inputs are usually written). Each image goes to the repository
// `PREFIX/<canonical name>`.

export interface PushDestination {
  /** The host[:port] the distribution API is reached at (Docker Hub's `docker.io` is `registry-1.docker.io`). */
  host: string;
  /** Lowercased repository path every image goes below; may be empty. */
  prefix: string;
  /** Plain http instead of https: loopback hosts (as docker does) and hosts the caller lists as insecure. */
  insecure: boolean;
}

export interface ParseDestinationOptions {
  /** Hosts to reach over plain http, as `host` (any port) or `host:port`. */
  insecure?: readonly string[];
}

const SCHEME = 'docker://';
// distribution-spec: path-component = [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
// A DNS name (labels of letters, digits and inner hyphens) or an IPv4 address; IPv6 comes in brackets.
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const PORT = /^[0-9]{1,5}$/;
/** docker.io is the name people write; the API lives elsewhere (as in docker's own resolution). */
const API_HOSTS: Record<string, string> = { 'docker.io': 'registry-1.docker.io', 'index.docker.io': 'registry-1.docker.io' };

export function parsePushDestination(input: string, options: ParseDestinationOptions = {}): PushDestination {
  const raw = input.trim();
  const rest = raw.toLowerCase().startsWith(SCHEME) ? raw.slice(SCHEME.length) : raw;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw new UsageError(`push destination "${input}": only docker://HOST[:PORT]/PREFIX is supported, e.g. docker://ghcr.io/acme/images`);
  }
  const slash = rest.indexOf('/');
  const hostPart = slash < 0 ? rest : rest.slice(0, slash);
  const pathPart = slash < 0 ? '' : rest.slice(slash + 1);
  if (hostPart === '') {
    throw new UsageError(
      `push destination "${input}" names no registry host: write docker://HOST[:PORT]/PREFIX, e.g. docker://ghcr.io/acme/images`,
    );
  }
  const { hostname, port } = splitHost(hostPart, input);
  const written = port === undefined ? hostname : `${formatHostname(hostname)}:${port}`;
  const host = API_HOSTS[written] ?? written;
  return {
    host,
    prefix: parsePrefix(pathPart, input),
    insecure: isLoopback(hostname) || listedInsecure(hostname, port, options.insecure ?? []),
  };
}

/** The repository an image is pushed to: the destination's prefix, then the image's canonical name. */
export function repositoryFor(destination: PushDestination, canonicalName: string): string {
  const repository = destination.prefix === '' ? canonicalName : `${destination.prefix}/${canonicalName}`;
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw new UsageError(`repository "${repository}": "${component}" is not a valid repository path component`);
    }
  }
  return repository;
}

/** How messages name a destination, as users write it: `docker://HOST/PREFIX`. */
export function describeDestination(destination: PushDestination): string {
  return `docker://${destination.host}${destination.prefix ? `/${destination.prefix}` : ''}`;
}

/** The API's base URL for a host, e.g. `https://ghcr.io`. */
export function registryBaseUrl(host: string, insecure: boolean): string {
  return `${insecure ? 'http' : 'https'}://${host}`;
}

function splitHost(hostPart: string, input: string): { hostname: string; port: string | undefined } {
  const lower = hostPart.toLowerCase();
  let hostname: string;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(lower);
  if (bracketed) {
    hostname = bracketed[1]!;
    port = bracketed[2];
    if (isIP(hostname) !== 6) throw new UsageError(`push destination "${input}": "${hostPart}" is not a valid IPv6 address`);
  } else {
    const colon = lower.lastIndexOf(':');
    hostname = colon < 0 ? lower : lower.slice(0, colon);
    port = colon < 0 ? undefined : lower.slice(colon + 1);
    if (!HOST_NAME.test(hostname)) {
      throw new UsageError(
        `push destination "${input}": registry host "${hostname}" is not a valid host name (IPv6 addresses go in brackets)`,
      );
    }
  }
  if (port !== undefined && (!PORT.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw new UsageError(`push destination "${input}": registry port "${port}" is not a number from 1 to 65535`);
  }
  return { hostname, port };
}

function parsePrefix(pathPart: string, input: string): string {
  const trimmed = pathPart.replace(/\/+$/, '');
  if (trimmed === '') return '';
  // Registries such as ghcr.io show owners with capitals but store them lowercased; docker does the same.
  const prefix = trimmed.toLowerCase();
  if (/[@:]/.test(prefix)) throw new UsageError(`push destination "${input}" must not carry a tag or digest: each image gets its own tags`);
  for (const component of prefix.split('/')) {
    if (component === '')
      throw new UsageError(`push destination "${input}": the repository prefix "${trimmed}" has an empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      throw new UsageError(
        `push destination "${input}": repository prefix component "${component}" is not valid ` +
          '(lowercase letters and digits, with single ".", "_", "__" or "-" separators between them)',
      );
    }
  }
  return prefix;
}

function formatHostname(hostname: string): string {
  return isIP(hostname) === 6 ? `[${hostname}]` : hostname;
}

/** Docker talks plain http to loopback registries without being told; so do we. */
function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (isIP(hostname) === 4) return hostname.startsWith('127.');
  if (isIP(hostname) === 6) return hostname === '::1' || hostname === '0:0:0:0:0:0:0:1';
  return false;
}

function listedInsecure(hostname: string, port: string | undefined, insecure: readonly string[]): boolean {
  const withPort = port === undefined ? undefined : `${formatHostname(hostname)}:${port}`;
  return insecure.some((entry) => {
    const wanted = entry
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '');
    const bare = wanted.replace(/^\[(.*)\]$/, '$1');
    return wanted === withPort || bare === hostname || wanted === hostname;
  });
}
