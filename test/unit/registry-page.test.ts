import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storePathsOf } from '../../src/oci/config.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { PAGE_HEADERS, escapeHtml, pullCommand, renderErrorPage, renderSignInPage } from '../../src/registry/page.ts';
import { renderIndexPage } from '../../src/registry/page-index.ts';
import {
  describeImage,
  filterTerms,
  indexPullSize,
  matchesFilter,
  pullSize,
  summaryTag,
  unreadableImage,
} from '../../src/registry/page-model.ts';
import type { IndexPageModel, RepositoryPageModel } from '../../src/registry/page-model.ts';
import { renderRepositoryPage } from '../../src/registry/page-repository.ts';
import { routeOf } from '../../src/registry/router.ts';
import { formatBytes } from '../../src/report/format.ts';

const HELLO = '/nix/store/lcyv2lpvjp7993740y3qp1v5mibcrxhs-hello-2.12';
const BUSYBOX = '/nix/store/x5hylb0j5g7w4mg4rmbs7ncpzznvd7sj-busybox';
const digest = (c: string): string => `sha256:${c.repeat(64)}`;

function manifest(layers: number[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, digest: digest('c'), size: 100 },
      layers: layers.map((size, i) => ({ mediaType: MediaType.ociLayerGzip, digest: digest(String(i)), size })),
    }),
  );
}

function config(history: unknown[], extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', history, ...extra }));
}

describe('storePathsOf', () => {
  it('reads the store paths the builder writes into a layer history entry', () => {
    assert.deepEqual(storePathsOf(`nix store paths: ${BUSYBOX} ${HELLO}`), [BUSYBOX, HELLO]);
  });

  it('gives null for other history text and for anything that is not a store path', () => {
    assert.equal(storePathsOf('nixery customisation layer: symlink farm, /etc files, /tmp'), null);
    assert.equal(storePathsOf('nix store paths: /etc/passwd'), null);
    assert.equal(storePathsOf('nix store paths: '), null);
    assert.equal(storePathsOf(42), null);
  });
});

describe('describeImage', () => {
  it('lines layers up with history entries, skipping empty_layer ones, and sums the pull size', () => {
    const bytes = manifest([1000, 20]);
    const image = describeImage(
      digest('m'),
      ['v1'],
      MediaType.ociManifest,
      bytes,
      config([
        { created_by: `nix store paths: ${BUSYBOX}` },
        { created_by: 'ENV x=y', empty_layer: true },
        { created_by: 'nixery customisation layer: symlink farm' },
      ]),
    );
    assert.equal(image.size, bytes.length + 100 + 1000 + 20);
    assert.equal(image.architecture, 'amd64');
    assert.deepEqual(
      image.layers?.map((l) => [l.size, l.storePaths, l.description]),
      [
        [1000, [BUSYBOX], null],
        [20, [], 'nixery customisation layer: symlink farm'],
      ],
    );
    assert.equal(image.problem, null);
  });

  it('still lists layers when the config is missing, and says why details are missing', () => {
    const image = describeImage(digest('m'), ['v1'], MediaType.ociManifest, manifest([5]), null);
    assert.equal(image.layers?.length, 1);
    assert.deepEqual(image.layers?.[0]?.storePaths, []);
    assert.match(image.problem ?? '', /config is missing or damaged/);
  });

  it('does not attach history to layers when the counts disagree', () => {
    const image = describeImage(
      digest('m'),
      ['v1'],
      MediaType.ociManifest,
      manifest([5, 6]),
      config([{ created_by: `nix store paths: ${HELLO}` }]),
    );
    assert.deepEqual(
      image.layers?.map((l) => l.storePaths),
      [[], []],
    );
  });

  it('counts the manifests of an index, and survives bytes that are not JSON', () => {
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: MediaType.ociManifest, digest: digest('a'), size: 7 }] }),
    );
    assert.equal(describeImage(digest('i'), ['v1'], MediaType.ociIndex, index, null).manifestCount, 1);
    assert.match(describeImage(digest('x'), ['v1'], MediaType.ociManifest, Buffer.from('{nope'), null).problem ?? '', /not valid JSON/);
  });

  it('reads created, labels, annotations and the package set revision', () => {
    const bytes = Buffer.from(
      JSON.stringify({
        ...JSON.parse(manifest([5]).toString()),
        annotations: { 'org.opencontainers.image.revision': 'a'.repeat(40), 'org.opencontainers.image.title': 'hello', n: 3 },
      }),
    );
    const image = describeImage(
      digest('m'),
      ['v1'],
      MediaType.ociManifest,
      bytes,
      config([{ created_by: `nix store paths: ${HELLO}` }], {
        created: '2026-11-01T10:00:00Z',
        config: { Labels: { 'dev.nixery.nixpkgs.revision': 'b'.repeat(40), team: 'infra' } },
      }),
    );
    assert.equal(image.created, '2026-11-01T10:00:00Z');
    assert.deepEqual(image.labels, { 'dev.nixery.nixpkgs.revision': 'b'.repeat(40), team: 'infra' });
    assert.deepEqual(image.annotations, { 'org.opencontainers.image.revision': 'a'.repeat(40), 'org.opencontainers.image.title': 'hello' });
    assert.equal(image.revision, 'b'.repeat(40), 'the package-set revision label');
    const annotationOnly = describeImage(digest('m'), ['v1'], MediaType.ociManifest, bytes, config([{ created_by: 'x' }]));
    assert.equal(annotationOnly.revision, null, "the OCI revision names the user's repository, not the package set");
    assert.equal(describeImage(digest('m'), ['v1'], MediaType.ociManifest, manifest([5]), null).revision, null);
  });

  it('sizes a pull as the manifest, its config and its layers', () => {
    const bytes = manifest([1000, 20]);
    assert.equal(pullSize(MediaType.ociManifest, bytes), bytes.length + 100 + 1020);
    assert.equal(pullSize(MediaType.ociManifest, Buffer.from('nope')), 4);
  });

  it('sizes a pull of an index as the index and its largest platform', () => {
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: MediaType.ociManifest, digest: digest('a'), size: 7 }] }),
    );
    assert.equal(indexPullSize(index, [300, 1000]), index.length + 1000);
    assert.equal(indexPullSize(index, []), index.length + 7, 'no platform readable: the index and what it lists');
  });
});

describe('the index filter and the tag a line describes', () => {
  it('matches names that contain every word, in any order, split at spaces, commas and slashes', () => {
    assert.deepEqual(filterTerms('  Hello, SHELL/x '), ['hello', 'shell', 'x']);
    assert.equal(matchesFilter('shell/hello', filterTerms('hello shell')), true);
    assert.equal(matchesFilter('shell/hello', filterTerms('hel')), true);
    assert.equal(matchesFilter('shell/hello', filterTerms('hello nano')), false);
    assert.equal(matchesFilter('anything', filterTerms('')), true);
  });

  it('describes latest when there is one, else the last tag in natural order', () => {
    assert.equal(summaryTag(['a', 'latest', 'z']), 'latest');
    assert.equal(summaryTag(['v9', 'v10', 'v2']), 'v10');
    assert.equal(summaryTag(['1.2', '1.10']), '1.10');
  });
});

describe('formatBytes and escapeHtml', () => {
  it('formats sizes in binary units', () => {
    assert.deepEqual([0, 1023, 1024, 1536, 10 * 1024 * 1024, 3 * 1024 ** 3].map(formatBytes), [
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '10 MiB',
      '3.0 GiB',
    ]);
  });

  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

const hostile = '<img src=x onerror=alert(1)>';

describe('renderIndexPage', () => {
  const model: IndexPageModel = {
    repositories: [
      { name: 'hello', tagCount: 1, tag: 'latest', digest: digest('a'), size: 2048, problem: null },
      { name: 'shell/hello', tagCount: 3, tag: 'v2', digest: null, size: null, problem: `damaged ${hostile}` },
    ],
    total: 7,
    matching: 4,
    query: `hello ${hostile}`,
  };
  const html = renderIndexPage(model, 'registry.example:5000');

  it('lists each repository on one line, linked to its page, without layers or pull commands', () => {
    assert.ok(html.includes('<a href="/-/repository/shell/hello">shell/hello</a>'));
    assert.match(
      html,
      /<tr data-repository="hello">.*<td class="size">1<\/td><td><span class="tag">latest<\/span><\/td><td class="size">2\.0 KiB<\/td>/,
    );
    assert.match(html, /<tr data-repository="shell\/hello">.*<span class="tag">v2<\/span> <span class="problem">unreadable<\/span>/);
    const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
    assert.doesNotMatch(main, /class="layer"|docker pull/);
  });

  it('has a GET filter form holding the query, and says how many lines match and how many are left off', () => {
    assert.match(html, /<form class="filter" method="get" action="\/" role="search">/);
    assert.ok(html.includes(`name="q" value="hello &lt;img src=x onerror=alert(1)&gt;"`));
    assert.match(html, /<span id="filter-count">2<\/span> of 7 shown: those matching/);
    assert.match(html, /2 more match but are left off/);
    assert.match(PAGE_HEADERS['Content-Security-Policy']!, /form-action 'self'/);
  });

  it('escapes text that came from the bucket or the request', () => {
    assert.ok(!html.includes(hostile));
  });

  it('says how to fill an empty bucket, and when nothing matches', () => {
    assert.match(renderIndexPage({ repositories: [], total: 0, matching: 0, query: '' }, 'h:1'), /No images yet[^<]*<code>nixery build/);
    assert.match(renderIndexPage({ repositories: [], total: 3, matching: 0, query: 'zzz' }, 'h:1'), /No repository matches <q>zzz<\/q>/);
  });
});

describe('renderRepositoryPage', () => {
  const image = describeImage(
    digest('m'),
    ['v1', 'v2'],
    MediaType.ociManifest,
    manifest([5, 6]),
    config([{ created_by: `nix store paths: ${HELLO}` }, { created_by: hostile }], {
      created: '2026-11-01T10:00:00Z',
      config: { Labels: { 'dev.nixery.nixpkgs.revision': 'c'.repeat(40), note: hostile } },
    }),
  );
  image.layers![0]!.sharedWith = [
    { repository: 'hello', tag: 'latest', platform: null },
    { repository: 'multi', tag: 'v1', platform: 'linux/arm64' },
  ];
  const model: RepositoryPageModel = {
    name: 'shell/hello',
    images: [image, unreadableImage('broken', `damaged ${hostile}`)],
    omittedTags: 2,
    sharingComplete: false,
  };
  const html = renderRepositoryPage(model, 'registry.example:5000');

  it('gives pull commands by each tag and by digest', () => {
    assert.ok(html.includes(`value="${pullCommand('registry.example:5000', 'shell/hello', 'v1')}"`));
    assert.ok(html.includes('value="docker pull registry.example:5000/shell/hello:v2"'));
    assert.ok(html.includes(`value="docker pull registry.example:5000/shell/hello@${digest('m')}"`));
    assert.ok(!html.includes('shell/hello:broken"'), 'no pull command for a tag that cannot be read');
  });

  it('shows digest, created time, revision, labels, and layers with store paths and sharing', () => {
    assert.ok(html.includes(`<code class="digest">${digest('m')}</code>`));
    assert.ok(html.includes('<time class="created">2026-11-01T10:00:00Z</time>'));
    assert.ok(html.includes(`<code class="revision">${'c'.repeat(40)}</code>`));
    assert.match(html, /<details class="labels" open><summary>Labels \(2\)<\/summary>/);
    assert.ok(html.includes(`<code>${HELLO}</code>`));
    assert.match(html, /2 layers, 11 B; 1 shared with other images/);
    assert.ok(
      html.includes(
        '<span class="count">2 images</span><a href="/-/repository/hello">hello:latest</a><a href="/-/repository/multi">multi:v1 (linux/arm64)</a>',
      ),
    );
    assert.match(html, /no other image/);
  });

  it('lists unreadable tags with their problem, and says what was left off', () => {
    assert.match(
      html,
      /<article class="image unreadable">\s*<div class="tags"><span class="tag">broken<\/span><\/div>\s*<p class="problem">damaged &lt;img/,
    );
    assert.match(html, /2 more tags are not shown/);
    assert.match(html, /sharing may be undercounted/);
  });

  it('escapes text that came from the bucket', () => {
    assert.ok(!html.includes(hostile));
    assert.equal(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1, 3);
  });
});

describe('renderRepositoryPage for an image index', () => {
  it('lists each platform of a tag with its own digest, pull by digest and layers', () => {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          { mediaType: MediaType.ociManifest, digest: digest('a'), size: 7, platform: { os: 'linux', architecture: 'amd64' } },
          { mediaType: MediaType.ociManifest, digest: digest('b'), size: 8, platform: { os: 'linux', architecture: 'arm64' } },
        ],
      }),
    );
    const image = describeImage(digest('i'), ['v1'], MediaType.ociIndex, index, null);
    assert.equal(image.manifestCount, 2);
    image.platforms = [
      { ...describeImage(digest('a'), [], MediaType.ociManifest, manifest([5]), config([{ created_by: `nix store paths: ${HELLO}` }])) },
      { ...unreadableImage('', 'manifest multi:sha256:bbbb is missing'), digest: digest('b'), os: 'linux', architecture: 'arm64' },
    ];
    const html = renderRepositoryPage({ name: 'multi', images: [image], omittedTags: 0, sharingComplete: true }, 'h:1');
    assert.match(html, /<dt>platforms<\/dt><dd>linux\/amd64, linux\/arm64<\/dd>/);
    assert.ok(html.includes(`value="docker pull h:1/multi@${digest('a')}" aria-label="pull command for linux/amd64"`));
    assert.match(
      html,
      /<section class="platform" data-platform="linux\/arm64">[\s\S]*<p class="problem">manifest multi:sha256:bbbb is missing<\/p>/,
    );
    assert.equal(html.split('class="layer"').length - 1, 1, 'the readable platform lists its layer');
  });
});

describe('pages for errors and for visitors without credentials', () => {
  it('tells how to log in for the credentials configured, naming no image', () => {
    const both = renderSignInPage('reg.example:5000', { users: true, tokens: true }, 'authentication required');
    assert.match(both, /This registry needs credentials/);
    assert.ok(both.includes('<code>docker login reg.example:5000 -u USER</code>'));
    assert.ok(both.includes('<code>docker login reg.example:5000 -u token --password-stdin &lt; TOKEN_FILE</code>'));
    const usersOnly = renderSignInPage('reg.example:5000', { users: true, tokens: false }, 'invalid credentials');
    assert.doesNotMatch(usersOnly, /TOKEN_FILE/);
    assert.match(usersOnly, /invalid credentials/);
    assert.doesNotMatch(both, /repository\//);
  });

  it('escapes the message of an error page', () => {
    assert.ok(!renderErrorPage('h:1', 404, hostile).includes(hostile));
  });
});

describe('the repository page route', () => {
  it('takes the rest of the path as the name, and never shadows an API path or an image name', () => {
    assert.deepEqual(routeOf('/-/repository/shell/hello'), { kind: 'repository-page', name: 'shell/hello' });
    assert.deepEqual(routeOf('/-/repository/'), { kind: 'unknown' });
    assert.equal(routeOf('/v2/-/repository/x/manifests/latest').kind, 'manifest');
  });
});
