import { RegistryAccessError } from '../errors.ts';
import type { RegistryAccessDetails } from '../errors.ts';

// Turns a registry's refusal into a RegistryAccessError whose message says what failed and what to do. The
// registry's own words come from its JSON errors body; our request headers never appear in a message.

/** One entry of the distribution spec's `{"errors": [...]}` body. */
export interface RegistryErrorEntry {
  code: string;
  message?: string;
  detail?: unknown;
}

/** What the failed request was for, in words and scope. */
export interface FailureContext {
  host: string;
  repository: string;
  /** e.g. `upload blob sha256:…`, `push manifest latest` */
  action: string;
  /** The scope asked of the authorizer (several are separated by spaces). */
  scope: string;
  tried: string;
}

const MAX_REGISTRY_MESSAGE = 300;

/** The errors of a distribution error body; empty when the body is not one (HEAD answers have none). */
export function parseErrorBody(text: string): RegistryErrorEntry[] {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.filter((e): e is RegistryErrorEntry => typeof e === 'object' && e !== null && typeof e.code === 'string');
  } catch {
    return [];
  }
}

/** Reads the body of a failed response (bounded) and makes the error for it. */
export async function failureFromResponse(context: FailureContext, response: Response, attempts?: number): Promise<RegistryAccessError> {
  const text = await response.text().catch(() => '');
  return registryFailure(context, response.status, parseErrorBody(text.slice(0, 64 * 1024)), attempts);
}

export function registryFailure(
  context: FailureContext,
  status: number,
  errors: RegistryErrorEntry[],
  attempts?: number,
): RegistryAccessError {
  const first = errors[0];
  const code = first?.code;
  const details: RegistryAccessDetails = {
    host: context.host,
    repository: context.repository,
    status,
    tried: context.tried,
    ...(code !== undefined ? { code } : {}),
  };
  const said = registrySaid(errors);
  const where = context.repository ? `${context.repository} on ${context.host}` : context.host;
  const head = `cannot ${context.action} (${where}): HTTP ${status}${code ? ` ${code}` : ''}${said}`;
  let hint: string;
  if (status === 401) {
    hint =
      `the registry wants credentials for scope "${context.scope}" and ${context.tried} did not satisfy it. ` +
      `Log in (docker login ${context.host}) or give a token with push access to ${context.repository || 'the repository'}`;
  } else if (status === 403) {
    hint =
      `${context.tried} may not do this (scope "${context.scope}"). ` +
      `Check that these credentials have push permission for ${context.repository || 'the repository'}`;
  } else if (status === 404 && code === 'NAME_UNKNOWN') {
    hint =
      `repository ${context.repository} does not exist, and this registry does not create repositories on push: ` +
      'create it first, or push below a prefix where it does';
  } else if (status >= 500) {
    hint = `the registry is failing${attempts !== undefined ? ` (still HTTP ${status} after ${attempts} attempts)` : ''}; try again later`;
  } else {
    hint = '';
  }
  return new RegistryAccessError(hint ? `${head}; ${hint}` : head, details);
}

/** Errors a manifest PUT gets from registries that only take Docker media types. */
const MANIFEST_REFUSED_CODES = new Set(['MANIFEST_INVALID', 'UNSUPPORTED']);

/**
 * A refused manifest PUT: a blob the repository lacks is named; an OCI manifest refused as invalid or unsupported
 * most likely met a registry that takes Docker media types only, and the message says so.
 */
export function manifestFailure(
  context: FailureContext,
  status: number,
  errors: RegistryErrorEntry[],
  mediaType: string,
  attempts?: number,
): RegistryAccessError {
  const where = `${context.repository} on ${context.host}`;
  const details = { host: context.host, repository: context.repository, status, tried: context.tried };
  const missing = errors.filter((e) => e.code === 'MANIFEST_BLOB_UNKNOWN');
  if (status === 400 && missing.length > 0) {
    const blobs = missing.map((e) => detailText(e.detail) ?? e.message ?? 'unnamed');
    return new RegistryAccessError(
      `cannot ${context.action} (${where}): the registry does not hold blob${blobs.length === 1 ? '' : 's'} ${blobs.join(', ')} ` +
        `in ${context.repository}; every blob a manifest names must be pushed before it`,
      { ...details, code: 'MANIFEST_BLOB_UNKNOWN' },
    );
  }
  const refused = errors.find((e) => MANIFEST_REFUSED_CODES.has(e.code));
  if (status === 400 && refused !== undefined && mediaType.startsWith('application/vnd.oci.')) {
    const base = registryFailure(context, status, errors);
    return new RegistryAccessError(
      `${base.message}; this registry appears to refuse OCI media types (${mediaType}): push to a registry that ` +
        'accepts OCI images (ghcr.io, Docker Hub, ECR, GAR and distribution 2.7+ all do)',
      { ...details, code: refused.code },
    );
  }
  return registryFailure(context, status, errors, attempts);
}

/** A connection that never produced an answer, after the retries. */
export function unreachable(context: FailureContext, cause: Error): RegistryAccessError {
  return new RegistryAccessError(
    `cannot ${context.action}: ${context.host} is not reachable (${cause.message}); check the host name and port, and the network`,
    { host: context.host, repository: context.repository, tried: context.tried },
    cause,
  );
}

function registrySaid(errors: RegistryErrorEntry[]): string {
  const parts = errors
    .map((e) => [e.message, detailText(e.detail)].filter((p) => p !== undefined && p !== '').join(': '))
    .filter((p) => p !== '');
  if (parts.length === 0) return '';
  const text = parts.join('; ');
  return ` (the registry says: ${text.length > MAX_REGISTRY_MESSAGE ? `${text.slice(0, MAX_REGISTRY_MESSAGE - 1)}…` : text})`;
}

/** A detail worth showing: a string (often a digest), or an object's digest/name fields. */
export function detailText(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'object' && detail !== null) {
    const d = detail as Record<string, unknown>;
    for (const key of ['digest', 'Digest', 'name', 'Name', 'reference']) if (typeof d[key] === 'string') return d[key] as string;
  }
  return undefined;
}
