import { NixeryError, lookUpError } from '../errors.ts';
import type { ErrorTable, NixBuildError } from '../errors.ts';
import { RegistryError } from './errors.ts';

// What a client is told when an on-demand build fails: one entry per kind of failure. The operator's log gets
// the whole story; the client gets a short reason with no local paths or store hashes.

const MAX_REASON_LENGTH = 300;
/** Lines Nix itself prints around builds, as opposed to a builder's output. */
const NIX_OWN_LINE = /^(?:\s|building '|these \d+ derivations|this derivation|copying path|warning:)/;

type Ref = { image: string; tag: string };

const BUILD_ERRORS: ErrorTable<RegistryError, [Ref]> = {
  'unknown-packages': (e, { image, tag }) => {
    const names = e.packages.map((p) => (e.reasons[p] ? `${p} (${publicText(e.reasons[p])})` : p));
    return new RegistryError(
      404,
      'MANIFEST_UNKNOWN',
      `manifest ${image}:${tag} cannot be built: unknown package${e.packages.length === 1 ? '' : 's'} ${names.join(', ')} in this registry's package set`,
      { detail: { name: image, reference: tag, packages: e.packages } },
    );
  },
  'missing-git-ref': (_error, { image, tag }) =>
    new RegistryError(
      404,
      'MANIFEST_UNKNOWN',
      `manifest ${image}:${tag} cannot be built: tag "${tag}" names no branch, tag or commit of the package repository ("latest" is its default branch)`,
      { detail: { name: image, reference: tag } },
    ),
  'nix-timeout': (error, { image, tag }) =>
    new RegistryError(
      500,
      'UNKNOWN',
      `building ${image}:${tag} took longer than the registry's build timeout (${error.timeoutMs / 1000}s) and was stopped`,
    ),
  'nix-build': (error, { image, tag }) =>
    new RegistryError(500, 'UNKNOWN', truncateReason(`building ${image}:${tag} failed: ${nixFailureReason(error)}`)),
  // The bucket is the registry's own: not the client's mistake, and not for the client to see.
  'bucket-access': (_error, { image, tag }) => serverSide(image, tag),
  // On-demand builds never push to a registry; should one ever fail that way, the host is not the client's business.
  'registry-access': (_error, { image, tag }) => serverSide(image, tag),
  // A request that reaches a build has a valid name; anything left is the server's configuration.
  usage: (_error, { image, tag }) => serverSide(image, tag),
};

/** The client-facing error for a failed on-demand build of image:tag. */
export function registryErrorFor(error: unknown, image: string, tag: string, retryAfterSeconds: number): RegistryError {
  if (error instanceof NixeryError) return lookUpError(BUILD_ERRORS, error, { image, tag });
  if (error instanceof Error && error.name === 'AbortError') return shuttingDown(retryAfterSeconds);
  return serverSide(image, tag);
}

export function shuttingDown(retryAfterSeconds: number): RegistryError {
  return new RegistryError(503, 'UNKNOWN', 'the registry is restarting and stopped this build; retry shortly', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

function serverSide(image: string, tag: string): RegistryError {
  return new RegistryError(500, 'UNKNOWN', `building ${image}:${tag} failed on the server; its log has the details`);
}

/**
 * A short reason from Nix's log: the first "error:" line (which builder failed) and the builder's last output
 * line, without store hashes or local paths.
 */
export function nixFailureReason(error: NixBuildError): string {
  const lines = error.logTail;
  const first = lines.findIndex((line) => line.startsWith('error:'));
  if (first < 0) return `nix-build exited with code ${error.exitCode ?? 'unknown'}`;
  const headline = lines[first]!.slice('error:'.length).trim().replace(/[;:]$/, '');
  // Newer Nix quotes the builder's last lines after the error ("> ..."); 2.8 streams them just before it.
  const quoted = lines
    .slice(first + 1)
    .filter((line) => /^\s*> /.test(line))
    .pop()
    ?.replace(/^\s*> /, '');
  const streamed = lines
    .slice(0, first)
    .filter((line) => line.trim() !== '' && !NIX_OWN_LINE.test(line))
    .pop();
  const builderOutput = (quoted ?? streamed)?.trim();
  return publicText(builderOutput ? `${headline}; last log line: ${builderOutput}` : headline);
}

/** Text for clients: store paths shortened to their names, other absolute paths and file URLs hidden. */
export function publicText(text: string): string {
  return text
    .replace(/file:\/\/\S+/g, '…')
    .replace(/\/nix\/store\/[0-9a-z]{32}-/g, '')
    .replace(/(^|[\s'"`(=[<{,])\/[^\s'"`)\]>}]+/g, '$1…');
}

function truncateReason(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}
