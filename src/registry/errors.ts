// The distribution spec's error model: a status, a code from the spec's list, and a JSON body
// `{"errors":[{"code","message","detail"}]}` that docker, podman and skopeo show to users.

export type ErrorCode =
  | 'BLOB_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'UNSUPPORTED'
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'TOOMANYREQUESTS'
  // Not in the OCI list, but the codes distribution itself uses for these cases.
  | 'PAGINATION_NUMBER_INVALID'
  | 'RANGE_INVALID'
  | 'NOT_FOUND'
  /** A fault on our side (e.g. the bucket failed to read); the details go to the log, not the client. */
  | 'UNKNOWN';

export class RegistryError extends Error {
  override name = 'RegistryError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: unknown;
  /** Extra response headers, e.g. WWW-Authenticate, Allow, Retry-After, Content-Range. */
  readonly headers: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, options: { detail?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }

  body(): string {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.detail !== undefined) error.detail = this.detail;
    return JSON.stringify({ errors: [error] });
  }
}

export function nameInvalid(message: string): RegistryError {
  return new RegistryError(400, 'NAME_INVALID', message);
}

export function nameUnknown(name: string): RegistryError {
  return new RegistryError(404, 'NAME_UNKNOWN', `repository "${name}" is not in this registry`, { detail: { name } });
}

export function manifestUnknown(name: string, reference: string, why = 'is not in this registry'): RegistryError {
  return new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest ${name}:${reference} ${why}`, { detail: { name, reference } });
}

export function blobUnknown(digest: string): RegistryError {
  return new RegistryError(404, 'BLOB_UNKNOWN', `blob ${digest} is not in this registry`, { detail: { digest } });
}

export function digestInvalid(value: string): RegistryError {
  return new RegistryError(400, 'DIGEST_INVALID', `"${truncate(value)}" is not a valid digest: expected sha256:<64 lowercase hex>`);
}

/** Every write: this registry serves a bucket that CI fills; it never changes it. */
export function writeUnsupported(method: string): RegistryError {
  return new RegistryError(
    405,
    'UNSUPPORTED',
    `${truncate(method)} is not supported: this registry is read-only (push with "nixery build" into the bucket instead)`,
    {
      headers: { Allow: 'GET, HEAD' },
    },
  );
}

export function tooManyRequests(retryAfterSeconds: number): RegistryError {
  return new RegistryError(429, 'TOOMANYREQUESTS', 'too many requests at once; retry shortly', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** Echoed user input is cut short so an error body never grows with the request. */
export function truncate(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
