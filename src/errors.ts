import { formatSeconds } from './report/format.ts';

// The failures users can act on, as typed values carrying their data. Each front door maps them once, by kind
// (cli/exit-codes.ts, action/annotations.ts, registry/build-errors.ts); nothing matches message text.

export type ErrorKind =
  | 'usage'
  | 'unknown-packages'
  | 'missing-git-ref'
  | 'nix-build'
  | 'nix-timeout'
  | 'bucket-access'
  | 'registry-access';

export abstract class NixeryError extends Error {
  abstract readonly kind: ErrorKind;
}

export type KnownError =
  | UsageError
  | UnknownPackagesError
  | MissingGitRefError
  | NixBuildError
  | NixTimeoutError
  | BucketAccessError
  | RegistryAccessError;
export type ErrorOfKind<K extends ErrorKind> = Extract<KnownError, { kind: K }>;

/** A front door's answer to every kind of error; the compiler insists that no kind is left out. */
export type ErrorTable<T, Args extends unknown[] = []> = { [K in ErrorKind]: (error: ErrorOfKind<K>, ...args: Args) => T };

export function lookUpError<T, Args extends unknown[]>(table: ErrorTable<T, Args>, error: NixeryError, ...args: Args): T {
  return (table[error.kind] as (error: NixeryError, ...args: Args) => T)(error, ...args);
}

/** A setting, flag, input or name the user gave is wrong; the message names it. */
export class UsageError extends NixeryError {
  readonly kind = 'usage';
  override name = 'UsageError';
}

/** Some requested names are not packages in the package set. */
export class UnknownPackagesError extends NixeryError {
  readonly kind = 'unknown-packages';
  readonly packages: string[];
  /** Why each name did not resolve (missing, ambiguous, not a derivation, fails to evaluate). */
  readonly reasons: Record<string, string>;

  constructor(packages: string[], reasons: Record<string, string> = {}, sourceLabel?: string) {
    const where = sourceLabel ? ` in ${sourceLabel}` : '';
    const details = packages.map((name) => (reasons[name] ? `${name} (${reasons[name]})` : name));
    super(
      `unknown package${packages.length === 1 ? '' : 's'}${where}: ${details.join(', ')}. ` +
        'Check the spelling, or use a dotted attribute path such as haskellPackages.pandoc.',
    );
    this.name = 'UnknownPackagesError';
    this.packages = packages;
    this.reasons = reasons;
  }
}

/** An image tag (or action ref) names no branch, tag or commit of a git package set. */
export class MissingGitRefError extends NixeryError {
  readonly kind = 'missing-git-ref';
  readonly url: string;
  readonly ref: string;

  constructor(url: string, ref: string) {
    super(
      `image tag "${ref}" matches no branch or tag of ${url}: use "latest" for the default branch, ` +
        'a branch or tag name, or a full 40-character commit hash',
    );
    this.name = 'MissingGitRefError';
    this.url = url;
    this.ref = ref;
  }
}

/** nix-build (evaluation or a builder) failed; the message carries the end of Nix's log. */
export class NixBuildError extends NixeryError {
  readonly kind = 'nix-build';
  readonly logTail: string[];
  readonly exitCode: number | null;

  constructor(summary: string, logTail: string[], exitCode: number | null) {
    const tail = logTail.length > 0 ? `\n--- last ${logTail.length} lines of the Nix log ---\n${logTail.join('\n')}` : '';
    super(summary + tail);
    this.name = 'NixBuildError';
    this.logTail = logTail;
    this.exitCode = exitCode;
  }
}

/** The build ran past its time limit and was stopped (with all its processes). */
export class NixTimeoutError extends NixeryError {
  readonly kind = 'nix-timeout';
  readonly timeoutMs: number;
  readonly logTail: string[];

  constructor(command: string, timeoutMs: number, logTail: string[]) {
    super(
      `${command} did not finish within ${formatSeconds(timeoutMs / 1000)} and was stopped. ` +
        'Raise the build timeout, or build fewer or smaller packages per image.',
    );
    this.name = 'NixTimeoutError';
    this.timeoutMs = timeoutMs;
    this.logTail = logTail;
  }
}

/** A bucket refused or failed a request after the client library's own retries. */
export class BucketAccessError extends NixeryError {
  readonly kind = 'bucket-access';
  /** The object's URL, e.g. gs://bucket/prefix/index.json. */
  readonly url: string;
  readonly verb: string;
  /** HTTP status where the store gave one. */
  readonly status?: number;

  constructor(verb: string, url: string, detail: string, hint: string, status?: number, cause?: unknown) {
    super(`cannot ${verb} ${url}: ${detail}${status ? ` (HTTP ${status})` : ''}; ${hint}`, cause === undefined ? {} : { cause });
    this.name = 'BucketAccessError';
    this.verb = verb;
    this.url = url;
    if (status !== undefined) this.status = status;
  }
}

export interface RegistryAccessDetails {
  /** The registry's API host[:port], e.g. ghcr.io. */
  host: string;
  /** The repository the request was for; empty for requests that name none (the /v2/ ping). */
  repository: string;
  /** HTTP status where the registry answered; absent when it could not be reached. */
  status?: number;
  /** The registry's error code from its JSON errors body, e.g. DENIED, NAME_UNKNOWN. */
  code?: string;
  /** The credentials tried, as the authorizer describes them (never a secret). */
  tried: string;
}

/** A container registry refused or failed a push request (after retries, and after any new credentials). */
export class RegistryAccessError extends NixeryError {
  readonly kind = 'registry-access';
  readonly host: string;
  readonly repository: string;
  readonly status?: number;
  readonly code?: string;
  readonly tried: string;

  constructor(message: string, details: RegistryAccessDetails, cause?: unknown) {
    super(message, cause === undefined ? {} : { cause });
    this.name = 'RegistryAccessError';
    this.host = details.host;
    this.repository = details.repository;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    this.tried = details.tried;
  }
}
