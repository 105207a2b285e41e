import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { readActionInputs } from '../../src/action/inputs.ts';
import { provenanceSubjects, sbomReferences, subjectChecksums } from '../../src/action/provenance.ts';
import type { ImageReport } from '../../src/action/report.ts';
import { runMetadata, runSourceDateEpoch } from '../../src/action/run-metadata.ts';
import { UsageError } from '../../src/errors.ts';
import { epochTime, parseKeyValues, parseSourceDateEpoch } from '../../src/image/metadata.ts';
import { parseImageName } from '../../src/image/name.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { assembleContent, assembleImage } from '../../src/pipeline/assemble.ts';
import type { ResolvedImage } from '../../src/pipeline/resolve.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const IMAGE: ResolvedImage = {
  name: parseImageName('shell/git'),
  tags: ['latest'],
  source: { source: { kind: 'nixpkgs', commit: COMMIT }, packageSetExpr: '', pinned: true, cacheId: '', revision: COMMIT },
  manifestCacheId: null,
};
const PLAN = {
  layers: [{ cacheId: 'a', createdBy: 'x', pack: () => assert.fail('packed') }],
  env: ['PATH=/bin'],
  compression: 'gzip' as const,
};
const LAYERS = [
  {
    layer: {
      descriptor: { mediaType: MediaType.ociLayerGzip, digest: `sha256:${'1'.repeat(64)}`, size: 10 },
      diffId: `sha256:${'2'.repeat(64)}`,
      uncompressedSize: 30,
    },
    cached: false,
    packedBytes: 30,
  },
];
const NOTHING = { closure: { roots: [], paths: {} }, packages: [] };

interface Config {
  created: string;
  config: { Labels?: Record<string, string>; Env: string[] };
  history: Array<{ created: string }>;
  rootfs: unknown;
}

describe('labels and annotations', () => {
  it('reads key=value entries, the value keeping "=" and spaces; refuses entries without "=" or with a bad key', () => {
    assert.deepEqual(parseKeyValues(['a.b=c', 'x=y=z w', 'e='], '--label'), { 'a.b': 'c', x: 'y=z w', e: '' });
    assert.throws(
      () => parseKeyValues(['novalue'], '--label'),
      (e: unknown) => e instanceof UsageError && /--label: "novalue" has no "="/.test(e.message),
    );
    assert.throws(() => parseKeyValues(['bad key=v'], 'labels'), /labels: "bad key" is not a valid key/);
  });

  it('puts the image keys in config labels and manifest annotations; settings add and override each on its own', () => {
    const image = assembleImage(IMAGE, PLAN, LAYERS, NOTHING, {
      labels: { 'org.opencontainers.image.title': 'mine', team: 'a' },
      annotations: { note: 'b' },
    });
    const config = JSON.parse(image.config.bytes.toString()) as Config;
    const manifest = JSON.parse(image.manifest.bytes.toString()) as { annotations: Record<string, string> };
    assert.deepEqual(config.config.Labels, {
      'dev.nixery.nixpkgs.revision': COMMIT,
      'org.opencontainers.image.description': 'Nix packages: bashinteractive coreutils git moreutils nano',
      'org.opencontainers.image.title': 'mine',
      team: 'a',
    });
    assert.equal(manifest.annotations['org.opencontainers.image.title'], 'shell/git');
    assert.equal(manifest.annotations.note, 'b');
    assert.ok(!('team' in manifest.annotations));
  });

  it("an image's declared labels (images file) win over the run's; its declared runtime setup survives re-assembly", () => {
    const declared: ResolvedImage = {
      ...IMAGE,
      config: { labels: { team: 'declared', 'org.opencontainers.image.title': 'Git' }, entrypoint: ['/bin/git'] },
    };
    const image = assembleImage(declared, PLAN, LAYERS, NOTHING, { labels: { team: 'run', other: 'run' } });
    const config = JSON.parse(image.config.bytes.toString()) as Config & { config: { Entrypoint?: string[] } };
    assert.equal(config.config.Labels?.team, 'declared');
    assert.equal(config.config.Labels?.other, 'run');
    assert.equal(config.config.Labels?.['org.opencontainers.image.title'], 'Git');
    assert.deepEqual(config.config.Entrypoint, ['/bin/git']);
    // The manifest cache keeps the content without the declared setup; assembling it again gives the same bytes.
    const again = assembleContent(declared, image.content, { labels: { team: 'run', other: 'run' } });
    assert.ok(again.config.bytes.equals(image.config.bytes));
    assert.ok(again.manifest.bytes.equals(image.manifest.bytes));
  });

  it('the action adds the repository, commit, url and version, under the labels and annotations inputs', () => {
    const context = { serverUrl: 'https://github.com', repository: 'octo/app', sha: COMMIT };
    const metadata = runMetadata(context, '1.2.3', { labels: { 'org.opencontainers.image.version': 'override' }, annotations: {} });
    assert.deepEqual(metadata.annotations, {
      'org.opencontainers.image.source': 'https://github.com/octo/app',
      'org.opencontainers.image.url': 'https://github.com/octo/app',
      'org.opencontainers.image.revision': COMMIT,
      'org.opencontainers.image.version': '1.2.3',
    });
    assert.equal(metadata.labels['org.opencontainers.image.version'], 'override');
  });

  it("takes metadata-action's labels and annotations outputs as inputs (manifest level), refusing other levels", () => {
    const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
    const base = { images: 'git', storage: 'gs://b/p' };
    const inputs = readActionInputs(
      read({
        ...base,
        labels: 'org.opencontainers.image.title=Hello World\norg.opencontainers.image.licenses=MIT\n',
        annotations: 'manifest:org.opencontainers.image.title=Hello World\norg.example=1',
      }),
      '/ws',
    );
    assert.deepEqual(inputs.labels, { 'org.opencontainers.image.title': 'Hello World', 'org.opencontainers.image.licenses': 'MIT' });
    assert.deepEqual(inputs.annotations, { 'org.opencontainers.image.title': 'Hello World', 'org.example': '1' });
    assert.throws(() => readActionInputs(read({ ...base, annotations: 'index:a=b' }), '/ws'), /only the manifest level is written/);
    assert.throws(() => readActionInputs(read({ ...base, labels: 'oops' }), '/ws'), /labels: "oops" has no "="/);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it('reads whole seconds and refuses anything else by name', () => {
    assert.equal(parseSourceDateEpoch('1700000000'), 1_700_000_000);
    assert.equal(parseSourceDateEpoch(''), undefined);
    assert.equal(parseSourceDateEpoch(undefined), undefined);
    assert.throws(() => parseSourceDateEpoch('yesterday'), /SOURCE_DATE_EPOCH: "yesterday" is not a number of seconds/);
    assert.throws(() => parseSourceDateEpoch('-5'), /SOURCE_DATE_EPOCH/);
    assert.equal(epochTime(1_700_000_000), '2023-11-14T22:13:20Z');
  });

  it('changes created (config, history, created label and annotation) and nothing else', () => {
    const without = assembleImage(IMAGE, PLAN, LAYERS, NOTHING, {});
    const a = assembleImage(IMAGE, PLAN, LAYERS, NOTHING, { sourceDateEpoch: 1_700_000_000 });
    const b = assembleImage(IMAGE, PLAN, LAYERS, NOTHING, { sourceDateEpoch: 1_700_000_000 });
    assert.ok(
      a.config.bytes.equals(b.config.bytes) &&
        a.manifest.bytes.equals(b.manifest.bytes) &&
        a.sbom.manifest.bytes.equals(b.sbom.manifest.bytes),
    );
    const plain = JSON.parse(without.config.bytes.toString()) as Config;
    const dated = JSON.parse(a.config.bytes.toString()) as Config;
    assert.equal(plain.created, '1970-01-01T00:00:01Z');
    assert.equal(dated.created, '2023-11-14T22:13:20Z');
    assert.deepEqual(
      dated.history.map((h) => h.created),
      ['2023-11-14T22:13:20Z'],
    );
    assert.equal(dated.config.Labels?.['org.opencontainers.image.created'], '2023-11-14T22:13:20Z');
    const { created: _c1, history: _h1, config: c1, ...restPlain } = plain;
    const { created: _c2, history: _h2, config: c2, ...restDated } = dated;
    assert.deepEqual(restPlain, restDated);
    const { 'org.opencontainers.image.created': _l, ...otherLabels } = c2.Labels!;
    assert.deepEqual({ ...c1, Labels: c1.Labels }, { ...c2, Labels: otherLabels });
    const manifest = (x: typeof a) => JSON.parse(x.manifest.bytes.toString()) as { layers: unknown; annotations: Record<string, string> };
    assert.deepEqual(manifest(a).layers, manifest(without).layers);
  });

  it("the action uses SOURCE_DATE_EPOCH when set, else the commit's time from the checkout, else the event's", async () => {
    assert.equal(await runSourceDateEpoch({ SOURCE_DATE_EPOCH: '42' }, { sha: COMMIT }, '/nonexistent'), 42);
    assert.equal(await runSourceDateEpoch({}, { sha: COMMIT, headCommitTime: 7 }, '/nonexistent'), 7);
    assert.equal(await runSourceDateEpoch({}, { sha: '' }, '/nonexistent'), undefined);
    const repo = await mkdtemp(path.join(os.tmpdir(), 'nixery-epoch-'));
    try {
      const env = { ...process.env, GIT_COMMITTER_DATE: '@1600000000 +0000', GIT_AUTHOR_DATE: '@1500000000 +0000' };
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { env });
      git('init', '-q');
      git('commit', '-q', '--allow-empty', '-m', 'one');
      const sha = git('rev-parse', 'HEAD').toString().trim();
      // The committer's time, as git log %ct (and SOURCE_DATE_EPOCH conventions) use it; the checkout wins over the event.
      assert.equal(await runSourceDateEpoch({}, { sha, headCommitTime: 7 }, repo), 1_600_000_000);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

describe('provenance outputs', () => {
  const report = {
    name: 'shell/git',
    digest: `sha256:${'a'.repeat(64)}`,
    sbomDigest: `sha256:${'b'.repeat(64)}`,
  } as ImageReport;
  const registry = {
    location: 'docker://ghcr.io/octo/images',
    reference: (name: string, ref: string) => `ghcr.io/octo/images/${name}@${ref}`,
  };

  it('names each pushed image without tag, with its manifest digest, as attest-build-provenance takes them', () => {
    const subjects = provenanceSubjects([report], { pullHost: '', registries: [registry] });
    assert.deepEqual(subjects, [{ name: 'ghcr.io/octo/images/shell/git', digest: report.digest }]);
    assert.equal(subjectChecksums(subjects), `${'a'.repeat(64)}  ghcr.io/octo/images/shell/git\n`);
    assert.deepEqual(provenanceSubjects([report], { pullHost: 'images.example.com', registries: [] }), [
      { name: 'images.example.com/shell/git', digest: report.digest },
    ]);
  });

  it("links each image's SBOM by its artifact manifest's digest", () => {
    assert.deepEqual(sbomReferences([report], { pullHost: '', registries: [registry] }), [
      `ghcr.io/octo/images/shell/git@${report.sbomDigest}`,
    ]);
  });
});
