import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { anonymous } from '../../src/distribution/authorizer.ts';
import { RegistryClient } from '../../src/distribution/client.ts';
import { parseReferrersIndex, serializeReferrersIndex } from '../../src/oci/artifact.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { EXAMPLE_PACKAGES, runCli, runCliChecked, treeSnapshot } from './support/cli.ts';
import type { TreeEntry } from './support/cli.ts';
import { startDockerRegistry } from './support/docker-registry.ts';
import type { DockerRegistry } from './support/docker-registry.ts';
import { requireTools, run, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import type { Serve } from './support/serve.ts';

// Image metadata and the SBOM end to end, with real Nix, skopeo, `nixery serve` and the CNCF distribution
// registry: labels as skopeo shows them, SOURCE_DATE_EPOCH changing `created` and nothing else, each example
// image's SBOM listing exactly the store paths `nix path-info --recursive` gives, found through the referrers API
// (serve) and the tag-schema fallback (distribution 2.8 has no referrers API).

const CYCLONEDX = 'application/vnd.cyclonedx+json';
const EPOCH = '1700000000';
// Image name -> the example package set's attributes it holds (shell expands to the four shell packages).
const EXAMPLES: Record<string, string[]> = {
  'shell/hello': ['bashInteractive', 'coreutils', 'hello', 'moreutils', 'nano'],
  hello: ['hello'],
  cacert: ['cacert'],
};

interface Built {
  name: string;
  digest: string;
  sbomDigest: string;
  pushed: string[];
}
interface Manifest {
  artifactType?: string;
  layers: Array<{ mediaType: string; digest: string }>;
  subject?: { digest: string };
  manifests?: Array<{ digest: string; artifactType?: string; mediaType: string }>;
}
interface Bom {
  components: Array<{ 'bom-ref': string; name: string; licenses?: unknown[] }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

let work: string;
let bucket: string;
let built: Built[];

async function build(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Built[]> {
  const result = await runCliChecked(['build', ...args, '--pkgs-path', EXAMPLE_PACKAGES, '--json'], {
    env: { ...process.env, NIXERY_CACHE_DIR: path.join(work, 'cache'), ...env },
  });
  return (JSON.parse(result.stdout) as { images: Built[] }).images;
}

/** What `nix path-info --recursive` says the packages' closure is: the SBOM must list exactly these paths. */
async function closureOf(attributes: string[]): Promise<string[]> {
  const outputs = (await runChecked('nix-build', [EXAMPLE_PACKAGES, '--no-out-link', ...attributes.flatMap((a) => ['-A', a])])).stdout
    .split('\n')
    .filter((line) => line.startsWith('/'));
  const info = await runChecked('nix', ['--extra-experimental-features', 'nix-command', 'path-info', '--recursive', ...outputs]);
  return info.stdout.split('\n').filter(Boolean).sort();
}

before(async () => {
  requireTools('nix-build', 'skopeo', 'git');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-supply-chain-'));
  bucket = path.join(work, 'bucket');
  built = await build(
    [
      ...Object.keys(EXAMPLES),
      '--storage',
      bucket,
      '--tag',
      'v1',
      '--label',
      'com.example.team=images',
      '--annotation',
      'com.example.note=a b=c',
    ],
    { SOURCE_DATE_EPOCH: EPOCH },
  );
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('labels, annotations and SOURCE_DATE_EPOCH', () => {
  test('skopeo inspect shows the labels and the created time', async () => {
    const inspect = await runChecked('skopeo', ['inspect', `oci:${bucket}:shell/hello:v1`]);
    const image = JSON.parse(inspect.stdout) as { Created: string; Labels: Record<string, string> };
    assert.equal(image.Created, '2023-11-14T22:13:20Z');
    assert.deepEqual(image.Labels, {
      'com.example.team': 'images',
      'org.opencontainers.image.created': '2023-11-14T22:13:20Z',
      'org.opencontainers.image.description': 'Nix packages: bashinteractive coreutils hello moreutils nano',
      'org.opencontainers.image.licenses': 'GPL-3.0-or-later',
      'org.opencontainers.image.title': 'shell/hello',
    });
    const raw = await runChecked('skopeo', ['inspect', '--raw', `oci:${bucket}:shell/hello:v1`]);
    const annotations = (JSON.parse(raw.stdout) as { annotations: Record<string, string> }).annotations;
    assert.equal(annotations['com.example.note'], 'a b=c');
    assert.equal(annotations['org.opencontainers.image.title'], 'shell/hello');
    assert.ok(!('com.example.team' in annotations), 'a --label is not an annotation');
  });

  test("the same epoch gives byte-identical buckets; another epoch changes only config, manifest and the SBOM's manifest", async () => {
    const blobs = (tree: Record<string, TreeEntry>) => Object.fromEntries(Object.entries(tree).filter(([k]) => k.startsWith('blobs/')));
    const again = path.join(work, 'again');
    const later = path.join(work, 'later');
    // Fresh caches each time, so nothing is reused: equal bytes come from equal inputs alone.
    await runCliChecked(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', again, '--tag', 'v1'], {
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NIXERY_CACHE_DIR: path.join(work, 'c1') },
    });
    const once = path.join(work, 'once');
    await runCliChecked(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', once, '--tag', 'v1'], {
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NIXERY_CACHE_DIR: path.join(work, 'c2') },
    });
    assert.deepEqual(await treeSnapshot(again), await treeSnapshot(once));
    await runCliChecked(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', later, '--tag', 'v1'], {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1800000000', NIXERY_CACHE_DIR: path.join(work, 'c3') },
    });
    const a = blobs(await treeSnapshot(again));
    const b = blobs(await treeSnapshot(later));
    const onlyA = Object.keys(a).filter((k) => !(k in b));
    const onlyB = Object.keys(b).filter((k) => !(k in a));
    // Config, image manifest and the SBOM's artifact manifest: nothing else (every layer and the SBOM document stay).
    assert.equal(onlyA.length, 3, onlyA.join(' '));
    assert.equal(onlyB.length, 3, onlyB.join(' '));
  });

  test('a bad --label or SOURCE_DATE_EPOCH is a usage error naming it', async () => {
    const label = await runCliUnchecked(['build', 'hello', '--storage', path.join(work, 'x'), '--label', 'no-equals']);
    assert.equal(label.code, 2);
    assert.match(label.stderr, /--label: "no-equals" has no "="/);
    const epoch = await runCliUnchecked(['build', 'hello', '--storage', path.join(work, 'x')], { SOURCE_DATE_EPOCH: 'soon' });
    assert.equal(epoch.code, 2);
    assert.match(epoch.stderr, /SOURCE_DATE_EPOCH: "soon" is not a number of seconds/);
  });
});

function runCliUnchecked(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli([...args, '--pkgs-path', EXAMPLE_PACKAGES], {
    env: { ...process.env, NIXERY_CACHE_DIR: path.join(work, 'cache'), ...env },
  });
}

describe('the manifest cache with other metadata', () => {
  test('a pinned image built again with another epoch and label skips Nix and gets new config, manifest and SBOM referrer', async () => {
    const repo = path.join(work, 'pkgs-repo');
    await runChecked('mkdir', ['-p', repo]);
    await runChecked('cp', [path.join(EXAMPLE_PACKAGES, 'default.nix'), repo]);
    const git = (...args: string[]) => runChecked('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    await git('init', '-q', '-b', 'main');
    await git('add', 'default.nix');
    await git('commit', '-q', '-m', 'package set');
    const pinned = path.join(work, 'pinned');
    const buildPinned = (env: NodeJS.ProcessEnv, extra: string[] = []) =>
      runCliChecked(['build', 'hello', '--pkgs-repo', `file://${repo}`, '--storage', pinned, '--tag', 'main', '--json', ...extra], {
        env: { ...process.env, ...env },
      }).then((r) => (JSON.parse(r.stdout) as { images: Array<Built & { manifestCacheHit: boolean }> }).images[0]!);
    const first = await buildPinned({ SOURCE_DATE_EPOCH: EPOCH });
    const second = await buildPinned({ SOURCE_DATE_EPOCH: '1800000000' }, ['--label', 'stage=two']);
    assert.equal(first.manifestCacheHit, false);
    assert.equal(second.manifestCacheHit, true, 'Nix did not run');
    assert.notEqual(second.digest, first.digest);
    const inspect = JSON.parse((await runChecked('skopeo', ['inspect', `oci:${pinned}:hello:main`])).stdout) as {
      Digest: string;
      Created: string;
      Labels: Record<string, string>;
    };
    assert.equal(inspect.Digest, second.digest);
    assert.equal(inspect.Created, '2027-01-15T08:00:00Z');
    assert.equal(inspect.Labels.stage, 'two');
    const serve = await startServe(['--storage', pinned, '--port', '0']);
    try {
      const index = (await (await fetch(`${serve.url}/v2/hello/referrers/${second.digest}`)).json()) as Manifest;
      assert.deepEqual(
        index.manifests?.map((m) => m.digest),
        [second.sbomDigest],
      );
      const sbomOf = async (image: Built) => {
        const manifest = (await (await fetch(`${serve.url}/v2/hello/manifests/${image.sbomDigest}`)).json()) as Manifest;
        return manifest.layers[0]!.digest;
      };
      assert.equal(await sbomOf(second), await sbomOf(first), 'the same SBOM document: the closure did not change');
    } finally {
      await serve.stop();
    }
    // And the same metadata again is the same image.
    const third = await buildPinned({ SOURCE_DATE_EPOCH: '1800000000' }, ['--label', 'stage=two']);
    assert.equal(third.digest, second.digest);
  });
});

describe('SBOM', () => {
  let serve: Serve;
  before(async () => {
    serve = await startServe(['--storage', bucket, '--port', '0']);
  });
  after(async () => {
    await serve?.stop();
  });

  async function sbomThroughServe(image: Built): Promise<string> {
    const response = await fetch(`${serve.url}/v2/${image.name}/referrers/${image.digest}?artifactType=${encodeURIComponent(CYCLONEDX)}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/vnd.oci.image.index.v1+json');
    assert.equal(response.headers.get('oci-filters-applied'), 'artifactType');
    const index = (await response.json()) as Manifest;
    assert.deepEqual(
      index.manifests?.map((m) => [m.digest, m.artifactType]),
      [[image.sbomDigest, CYCLONEDX]],
    );
    const manifest = (await (await fetch(`${serve.url}/v2/${image.name}/manifests/${image.sbomDigest}`)).json()) as Manifest;
    assert.equal(manifest.artifactType, CYCLONEDX);
    assert.equal(manifest.subject?.digest, image.digest);
    const blob = manifest.layers.find((l) => l.mediaType === CYCLONEDX)!;
    return (await fetch(`${serve.url}/v2/${image.name}/blobs/${blob.digest}`)).text();
  }

  test('each example image has an SBOM, reachable through serve, listing exactly its nix path-info --recursive', async () => {
    const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
    for (const image of built) {
      const json = await sbomThroughServe(image);
      assert.equal(await validator.validate(json), null, `${image.name}: the SBOM validates against CycloneDX 1.6`);
      const bom = JSON.parse(json) as Bom;
      const listed = bom.components.map((c) => c['bom-ref']).sort();
      assert.deepEqual(listed, await closureOf(EXAMPLES[image.name]!), image.name);
      // Every reference of the closure is an edge of the dependency graph.
      const edges = bom.dependencies.reduce((n, d) => n + (d.dependsOn?.length ?? 0), 0);
      assert.ok(edges > 0 || listed.length === 1, `${image.name} has a dependency graph`);
    }
    const hello = JSON.parse(await sbomThroughServe(built.find((b) => b.name === 'hello')!)) as Bom;
    assert.ok(hello.components.find((c) => c.name === 'hello')?.licenses, 'requested packages carry their meta licenses');
  });

  test('the referrers endpoint filters by artifactType and answers an empty index for other types and digests', async () => {
    const image = built[0]!;
    const other = await fetch(`${serve.url}/v2/${image.name}/referrers/${image.digest}?artifactType=application/spdx%2Bjson`);
    assert.deepEqual(((await other.json()) as Manifest).manifests, []);
    const all = await fetch(`${serve.url}/v2/${image.name}/referrers/${image.digest}`);
    assert.equal(all.headers.get('oci-filters-applied'), null);
    assert.equal(((await all.json()) as Manifest).manifests?.length, 1);
    const none = await fetch(`${serve.url}/v2/${image.name}/referrers/sha256:${'0'.repeat(64)}`);
    assert.equal(none.status, 200);
    assert.deepEqual(((await none.json()) as Manifest).manifests, []);
    const bad = await fetch(`${serve.url}/v2/${image.name}/referrers/sha256:nothex`);
    assert.equal(bad.status, 400);
  });
});

describe('SBOM and annotations of a multi-platform tag', () => {
  test('each platform manifest has its own SBOM; the index carries the image annotations', async () => {
    const multi = path.join(work, 'multi');
    const [image] = await build(
      ['hello', '--platform', 'linux/amd64,linux/arm64', '--storage', multi, '--tag', 'v1', '--annotation', 'team=a'],
      {
        NIX_CONFIG: `${process.env.NIX_CONFIG ?? ''}\nextra-platforms = aarch64-linux`,
      },
    );
    const platforms = (image as Built & { platforms: Array<{ platform: string; digest: string; sbomDigest: string }> }).platforms;
    assert.deepEqual(
      platforms.map((p) => p.platform),
      ['linux/amd64', 'linux/arm64'],
    );
    const serve = await startServe(['--storage', multi, '--port', '0']);
    try {
      const index = (await (await fetch(`${serve.url}/v2/hello/manifests/v1`)).json()) as { annotations: Record<string, string> };
      assert.equal(index.annotations['org.opencontainers.image.title'], 'hello');
      assert.equal(index.annotations.team, 'a');
      const sboms = new Set<string>();
      for (const platform of platforms) {
        const referrers = (await (await fetch(`${serve.url}/v2/hello/referrers/${platform.digest}`)).json()) as Manifest;
        assert.deepEqual(
          referrers.manifests?.map((m) => m.digest),
          [platform.sbomDigest],
          platform.platform,
        );
        sboms.add(platform.sbomDigest);
      }
      assert.equal(sboms.size, 2, 'two closures, two SBOMs');
    } finally {
      await serve.stop();
    }
  });
});

describe('SBOM on a pushed registry', () => {
  let registry: DockerRegistry;
  before(async () => {
    registry = await startDockerRegistry();
  });
  after(async () => {
    await registry?.stop();
  });

  test('distribution 2.8 has no referrers API, so the SBOM is listed under the sha256-<hex> fallback tag', async () => {
    const [image] = await build(['hello', '--out', `docker://${registry.host}/acme`, '--tag', 'v1']);
    assert.ok(image);
    const repository = `${registry.host}/acme/hello`;
    const referrersApi = await fetch(`${registry.url}/v2/acme/hello/referrers/${image.digest}`);
    assert.equal(referrersApi.status, 404, 'distribution 2.8 does not serve the referrers API');
    const fallbackTag = image.digest.replace(':', '-');
    const raw = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${repository}:${fallbackTag}`]);
    const index = JSON.parse(raw.stdout) as Manifest;
    assert.deepEqual(
      index.manifests?.map((m) => [m.digest, m.artifactType]),
      [[image.sbomDigest, CYCLONEDX]],
    );
    const artifact = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${repository}@${image.sbomDigest}`]);
    assert.equal((JSON.parse(artifact.stdout) as Manifest).subject?.digest, image.digest);
    // Building again adds nothing: the SBOM is listed once.
    await build(['hello', '--out', `docker://${registry.host}/acme`, '--tag', 'v2']);
    const again = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${repository}:${fallbackTag}`]);
    assert.equal((JSON.parse(again.stdout) as Manifest).manifests?.length, 1);
  });

  test('an SBOM left unlisted by a stopped run is listed by the next one', async () => {
    const [image] = await build(['hello', '--out', `docker://${registry.host}/stopped`, '--tag', 'v1']);
    const client = new RegistryClient({ host: registry.host, insecure: true, authorizer: anonymous });
    const fallbackTag = image!.digest.replace(':', '-');
    // As if the run had stopped after pushing the SBOM's manifest, before listing it: an empty fallback index.
    await client.putManifest('stopped/hello', fallbackTag, MediaType.ociIndex, serializeReferrersIndex([]));
    assert.deepEqual(parseReferrersIndex((await client.getManifest('stopped/hello', fallbackTag))!), []);
    await build(['hello', '--out', `docker://${registry.host}/stopped`, '--tag', 'v1']);
    assert.deepEqual(
      parseReferrersIndex((await client.getManifest('stopped/hello', fallbackTag))!).map((d) => d.digest),
      [image!.sbomDigest],
    );
  });

  test('nixery copy takes the SBOM along with the image', async () => {
    const image = built.find((b) => b.name === 'hello')!;
    await runCliChecked(['copy', bucket, 'hello:v1', `docker://${registry.host}/promoted`, '--tag', 'release']);
    const raw = await runChecked('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/promoted/hello:${image.digest.replace(':', '-')}`,
    ]);
    assert.deepEqual(
      (JSON.parse(raw.stdout) as Manifest).manifests?.map((m) => m.digest),
      [image.sbomDigest],
    );
    const sbom = await runChecked('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/promoted/hello@${image.sbomDigest}`,
    ]);
    assert.equal((JSON.parse(sbom.stdout) as Manifest).subject?.digest, image.digest);
  });
});
