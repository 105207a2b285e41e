// Maps a request path to one of the registry's endpoints. Pure: no storage, no validation of the name or
// reference beyond splitting them out (the handlers validate before touching storage).

export type Route =
  | { kind: 'base' }
  /** The HTML index for people. */
  | { kind: 'page' }
  /** One repository's HTML page (see REPOSITORY_PAGE_PREFIX: it can never be an image name or a /v2/ path). */
  | { kind: 'repository-page'; name: string }
  | { kind: 'catalog' }
  | { kind: 'token' }
  | { kind: 'healthz' }
  | { kind: 'manifest'; name: string; reference: string }
  | { kind: 'blob'; name: string; digest: string }
  | { kind: 'tags'; name: string }
  | { kind: 'referrers'; name: string; digest: string }
  /** A /v2/ path that names an upload session or other write-only endpoint: exists, but only for writes. */
  | { kind: 'upload'; name: string }
  | { kind: 'unknown' };

// Names hold slashes, so each pattern anchors the endpoint at the end and lets the name take the rest.
const MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const BLOB = /^\/v2\/(.+)\/blobs\/([^/]+)$/;
const UPLOAD = /^\/v2\/(.+)\/blobs\/uploads(?:\/[^/]*)?$/;
const TAGS = /^\/v2\/(.+)\/tags\/list$/;
const REFERRERS = /^\/v2\/(.+)\/referrers\/([^/]+)$/;

/**
 * Where a repository's own page lives. `-` cannot start an image name (every name component starts with a letter
 * or digit) and nothing outside /v2/ is the registry API, so this never shadows an image or an endpoint.
 */
export const REPOSITORY_PAGE_PREFIX = '/-/repository/';

export function repositoryPagePath(name: string): string {
  return `${REPOSITORY_PAGE_PREFIX}${name}`;
}

/** Routes that answer people with HTML (errors included), not clients with the registry's JSON. */
export function isPageRoute(route: Route): boolean {
  return route.kind === 'page' || route.kind === 'repository-page';
}

export function routeOf(pathname: string): Route {
  if (pathname === '/v2/' || pathname === '/v2') return { kind: 'base' };
  if (pathname === '/') return { kind: 'page' };
  if (pathname === '/v2/_catalog') return { kind: 'catalog' };
  if (pathname === '/v2/token') return { kind: 'token' };
  if (pathname === '/healthz') return { kind: 'healthz' };
  if (pathname.startsWith(REPOSITORY_PAGE_PREFIX) && pathname.length > REPOSITORY_PAGE_PREFIX.length) {
    return { kind: 'repository-page', name: pathname.slice(REPOSITORY_PAGE_PREFIX.length) };
  }
  const upload = UPLOAD.exec(pathname);
  if (upload) return { kind: 'upload', name: upload[1]! };
  const manifest = MANIFEST.exec(pathname);
  if (manifest) return { kind: 'manifest', name: manifest[1]!, reference: manifest[2]! };
  const blob = BLOB.exec(pathname);
  if (blob) return { kind: 'blob', name: blob[1]!, digest: blob[2]! };
  const tags = TAGS.exec(pathname);
  if (tags) return { kind: 'tags', name: tags[1]! };
  const referrers = REFERRERS.exec(pathname);
  if (referrers) return { kind: 'referrers', name: referrers[1]!, digest: referrers[2]! };
  return { kind: 'unknown' };
}
