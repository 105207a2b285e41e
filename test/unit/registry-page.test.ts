import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MediaType } from '../../src/oci/media-types.ts';
import { storePathsOf } from '../../src/oci/config.ts';
import { describeImage, escapeHtml, pullCommand, renderIndexPage } from '../../src/registry/page.ts';
import { formatBytes } from '../../src/report/format.ts';
import type { IndexPageModel } from '../../src/registry/page.ts';

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

function config(history: unknown[]): Buffer {
  return Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', history }));
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

describe('renderIndexPage', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const model: IndexPageModel = {
    repositories: [
      {
        name: 'shell/hello',
        images: [
          describeImage(
            digest('m'),
            ['v1', 'v2'],
            MediaType.ociManifest,
            manifest([5, 6]),
            config([{ created_by: `nix store paths: ${HELLO}` }, { created_by: hostile }]),
          ),
          {
            digest: null,
            tags: ['broken'],
            mediaType: '',
            size: 0,
            architecture: null,
            os: null,
            layers: null,
            manifestCount: null,
            problem: `damaged ${hostile}`,
          },
        ],
      },
    ],
    omittedTags: 3,
  };
  const html = renderIndexPage(model, 'registry.example:5000');

  it('shows names, tags, digests, layer store paths and a pull command per tag', () => {
    assert.match(html, /<h2>shell\/hello<\/h2>/);
    assert.ok(html.includes(`<code class="digest">${digest('m')}</code>`));
    assert.ok(html.includes(`<code>${HELLO}</code>`));
    assert.ok(html.includes(`value="${pullCommand('registry.example:5000', 'shell/hello', 'v1')}"`));
    assert.ok(html.includes('value="docker pull registry.example:5000/shell/hello:v2"'));
    assert.ok(!html.includes('shell/hello:broken"'), 'no pull command for a tag that cannot be read');
    assert.match(html, /3 more tags are not shown/);
  });

  it('escapes text that came from the bucket', () => {
    assert.ok(!html.includes(hostile));
    assert.equal(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1, 2);
  });

  it('says how to fill an empty bucket', () => {
    assert.match(renderIndexPage({ repositories: [], omittedTags: 0 }, 'h:1'), /No images yet[^<]*<code>nixery build/);
  });
});
