import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptsMediaType } from '../../src/registry/accept.ts';
import { parseHtpasswd, parseTokenList } from '../../src/registry/auth.ts';
import { ByteLru, TtlCache } from '../../src/registry/caches.ts';
import { RegistryError, writeUnsupported } from '../../src/registry/errors.ts';
import { contentRange, parseRange } from '../../src/registry/range.ts';
import { routeOf } from '../../src/registry/router.ts';
import { paginate } from '../../src/registry/routes/listings.ts';
import { parsePort } from '../../src/settings/serve-settings.ts';
import { MediaType } from '../../src/oci/media-types.ts';

describe('parseRange', () => {
  it('serves single ranges, clamped to the object', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'partial', range: { start: 0, end: 9 } });
    assert.deepEqual(parseRange('bytes=90-', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(parseRange('bytes=90-500', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(parseRange('bytes=-500', 100), { kind: 'partial', range: { start: 0, end: 99 } });
    assert.deepEqual(parseRange(' bytes = 5 - 6 ', 100), { kind: 'partial', range: { start: 5, end: 6 } });
  });

  it('answers unsatisfiable for ranges past the end or empty suffixes', () => {
    assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=200-300', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=0-0', 0), { kind: 'unsatisfiable' });
  });

  it('ignores malformed headers, other units and multiple ranges (RFC 9110 lets the server send it all)', () => {
    for (const header of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=5-1',
      'items=0-1',
      'bytes=0-1,3-4',
      'bytes=a-b',
      'bytes=1234567890123456-',
    ]) {
      assert.deepEqual(parseRange(header, 100), { kind: 'whole' }, String(header));
    }
  });

  it('formats Content-Range', () => {
    assert.equal(contentRange({ start: 0, end: 9 }, 100), 'bytes 0-9/100');
  });
});

describe('acceptsMediaType', () => {
  const oci = MediaType.ociManifest;
  it('accepts when there is no preference or a matching wildcard', () => {
    for (const header of [undefined, '', ' , ', '*/*', 'application/*', `${MediaType.dockerManifest}, ${oci}`, `${oci.toUpperCase()}`]) {
      assert.equal(acceptsMediaType(header, oci), true, String(header));
    }
  });
  it('refuses when only other types are listed, or ours has q=0', () => {
    assert.equal(acceptsMediaType(MediaType.dockerManifest, oci), false);
    assert.equal(acceptsMediaType(`${oci};q=0, ${MediaType.dockerManifest}`, oci), false);
    assert.equal(acceptsMediaType('text/html', oci), false);
  });
  it('keeps a type with a non-zero q', () => {
    assert.equal(acceptsMediaType(`${oci};q=0.5`, oci), true);
  });
});

describe('routeOf', () => {
  it('splits names that contain slashes from the endpoint', () => {
    assert.deepEqual(routeOf('/v2/'), { kind: 'base' });
    assert.deepEqual(routeOf('/v2/shell/git/manifests/v1'), { kind: 'manifest', name: 'shell/git', reference: 'v1' });
    assert.deepEqual(routeOf('/v2/manifests/manifests/latest'), { kind: 'manifest', name: 'manifests', reference: 'latest' });
    assert.deepEqual(routeOf('/v2/a/blobs/sha256:00'), { kind: 'blob', name: 'a', digest: 'sha256:00' });
    assert.deepEqual(routeOf('/v2/a/b/tags/list'), { kind: 'tags', name: 'a/b' });
    assert.deepEqual(routeOf('/v2/a/referrers/sha256:00'), { kind: 'referrers', name: 'a', digest: 'sha256:00' });
    assert.deepEqual(routeOf('/v2/_catalog'), { kind: 'catalog' });
    assert.deepEqual(routeOf('/v2/a/blobs/uploads/'), { kind: 'upload', name: 'a' });
    assert.deepEqual(routeOf('/healthz'), { kind: 'healthz' });
    assert.deepEqual(routeOf('/'), { kind: 'page' });
  });
  it('finds nothing for other paths', () => {
    for (const path of ['/index.html', '/v1/', '/v2/a', '/v2/a/manifests/', '/v2//manifests/x', '/v2/a/tags/list/x']) {
      assert.equal(routeOf(path).kind, 'unknown', path);
    }
  });
});

describe('paginate', () => {
  const all = ['a', 'b', 'c', 'd', 'e'];
  it('returns everything without n, and entries after last', () => {
    assert.deepEqual(paginate(all, new URLSearchParams('')).items, all);
    assert.deepEqual(paginate(all, new URLSearchParams('last=b')).items, ['c', 'd', 'e']);
  });
  it('pages with n and says where the next page starts', () => {
    assert.deepEqual(paginate(all, new URLSearchParams('n=2')), { items: ['a', 'b'], n: 2, next: 'b' });
    assert.deepEqual(paginate(all, new URLSearchParams('n=2&last=d')), { items: ['e'], n: 2, next: undefined });
    assert.deepEqual(paginate(all, new URLSearchParams('n=5')), { items: all, n: 5, next: undefined });
    assert.deepEqual(paginate(all, new URLSearchParams('n=0')), { items: [], n: 0, next: undefined });
  });
  it('refuses an n that is not a whole number', () => {
    for (const n of ['-1', 'x', '1.5', '', '9999999999']) {
      assert.throws(
        () => paginate(all, new URLSearchParams({ n })),
        (e: unknown) => e instanceof RegistryError && e.status === 400,
      );
    }
  });
});

describe('errors', () => {
  it('have the spec body and the Allow header for writes', () => {
    const error = writeUnsupported('PUT');
    assert.equal(error.status, 405);
    assert.equal(error.headers.Allow, 'GET, HEAD');
    const body = JSON.parse(error.body()) as { errors: { code: string; message: string }[] };
    assert.equal(body.errors[0]!.code, 'UNSUPPORTED');
    assert.match(body.errors[0]!.message, /read-only/);
  });
});

describe('htpasswd and tokens', () => {
  const hash = '$2y$05$' + 'a'.repeat(53);
  it('reads bcrypt entries and skips comments', () => {
    const users = parseHtpasswd(`# users\nalice:${hash}\n\nbob:${hash.replace('$2y$', '$2b$')}\r\n`, 'f');
    assert.deepEqual([...users.keys()], ['alice', 'bob']);
  });
  it('refuses other hash kinds, naming the line and the fix', () => {
    assert.throws(() => parseHtpasswd('carol:{SHA}abc=', 'users.htpasswd'), /users.htpasswd line 1: .*"carol".*htpasswd -B/);
    assert.throws(() => parseHtpasswd('no-colon', 'f'), /line 1: expected "user:hash"/);
  });
  it('reads one token per line', () => {
    assert.deepEqual(parseTokenList('# c\n tok-1 \n\ntok-2\n'), ['tok-1', 'tok-2']);
  });
});

describe('caches', () => {
  it('TtlCache shares one load per key and forgets failures', async () => {
    const cache = new TtlCache<number>(60_000);
    let loads = 0;
    const load = async (): Promise<number> => ++loads;
    assert.deepEqual(await Promise.all([cache.get('k', load), cache.get('k', load)]), [1, 1]);
    await assert.rejects(cache.get('bad', () => Promise.reject(new Error('boom'))));
    assert.equal(await cache.get('bad', load), 2);
  });
  it('TtlCache with ttl 0 always loads', async () => {
    const cache = new TtlCache<number>(0);
    let loads = 0;
    await cache.get('k', async () => ++loads);
    assert.equal(await cache.get('k', async () => ++loads), 2);
  });
  it('ByteLru evicts the least recently used past its byte budget', () => {
    const lru = new ByteLru<{ size: number }>(10);
    lru.set('a', { size: 4 });
    lru.set('b', { size: 4 });
    lru.get('a');
    lru.set('c', { size: 4 });
    assert.ok(lru.get('a'));
    assert.equal(lru.get('b'), undefined);
    lru.set('huge', { size: 11 });
    assert.equal(lru.get('huge'), undefined);
  });
});

describe('parsePort', () => {
  it('takes --port, then PORT, then 5000', () => {
    assert.equal(parsePort('8080', { PORT: '9' }), 8080);
    assert.equal(parsePort(undefined, { PORT: '9090' }), 9090);
    assert.equal(parsePort(undefined, {}), 5000);
    assert.throws(() => parsePort('http', {}), /--port "http"/);
    assert.throws(() => parsePort(undefined, { PORT: '70000' }), /PORT "70000"/);
  });
});
