import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE_PACKAGES, runCli, runCliChecked } from './support/cli.ts';
import { startContainerd } from './support/containerd.ts';
import type { Containerd } from './support/containerd.ts';
import { startDockerRegistry } from './support/docker-registry.ts';
import type { DockerRegistry } from './support/docker-registry.ts';
import { createPodman } from './support/podman.ts';
import { requireTools, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import type { Serve } from './support/serve.ts';

// One tag, two platforms: `nixery build --platform linux/amd64,linux/arm64` from the offline example set, whose
// aarch64-linux outputs are Debian's arm64 busybox copied into the store (Nix builds them here with
// extra-platforms = aarch64-linux). Read back by skopeo, podman and containerd through `nixery serve`, pushed to
// the CNCF registry, and merged from two concurrent builds (the matrix flow).

// The test Nix configuration: no binary cache, and aarch64-linux derivations may build here.
const NIX_CONFIG = `${process.env.NIX_CONFIG ?? ''}\nsubstituters =\nextra-platforms = aarch64-linux`;
const ENV = { ...process.env, NIX_CONFIG };
const BOTH = 'linux/amd64,linux/arm64';

interface Built {
  digest: string;
  uploadedBytes: number;
  packedBytes: number;
  layers: number;
  cachedLayers: number;
  platforms?: { platform: string; digest: string; layers: number; cachedLayers: number }[];
}

interface IndexJson {
  mediaType: string;
  manifests: { mediaType: string; digest: string; size: number; platform: { os: string; architecture: string; variant?: string } }[];
}

interface ManifestJson {
  mediaType: string;
  config: { digest: string };
  layers: { digest: string; size: number }[];
}

let work: string;
let bucket: string;
let serve: Serve;
let multi: Built;

async function build(args: string[], env = ENV): Promise<Built> {
  const result = await runCliChecked(['build', ...args, '--pkgs-path', EXAMPLE_PACKAGES, '--json'], { env });
  return (JSON.parse(result.stdout) as { images: Built[] }).images[0]!;
}

async function getJson<T>(url: string, accept?: string): Promise<{ status: number; type: string | null; digest: string | null; body: T }> {
  const response = await fetch(url, accept ? { headers: { Accept: accept } } : {});
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    digest: response.headers.get('docker-content-digest'),
    body: JSON.parse(bytes.toString('utf8')) as T,
  };
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function bucketJson<T>(digest: string): Promise<T> {
  return JSON.parse(await readFile(path.join(bucket, 'blobs/sha256', digest.slice('sha256:'.length)), 'utf8')) as T;
}

/** The store paths a platform's image holds, from its config's history. */
async function storePathsOf(manifestDigest: string): Promise<string[]> {
  const manifest = await bucketJson<ManifestJson>(manifestDigest);
  const config = await bucketJson<{ history: { created_by: string }[] }>(manifest.config.digest);
  return config.history.flatMap((h) => (h.created_by.startsWith('nix store paths: ') ? h.created_by.slice(17).split(' ') : []));
}

function platformDigest(built: Built, platform: string): string {
  const entry = built.platforms?.find((p) => p.platform === platform);
  assert.ok(entry, `${platform} in ${JSON.stringify(built.platforms)}`);
  return entry.digest;
}

before(async () => {
  requireTools('skopeo', 'nix-build', 'file', 'umoci');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-multi-arch-'));
  bucket = path.join(work, 'bucket');
  multi = await build(['shell/hello', '--platform', BOTH, '--storage', bucket, '--tag', 'multi']);
  await build(['shell/hello', '--storage', bucket, '--tag', 'single']);
  await build(['arm64/hello', '--storage', bucket, '--tag', 'meta']);
  serve = await startServe(['--storage', bucket, '--port', '0']);
});

after(async () => {
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('nixery build --platform linux/amd64,linux/arm64', () => {
  it('tags an OCI image index with one manifest per platform, arm64 with its v8 variant', async () => {
    const raw = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${serve.host}/shell/hello:multi`]);
    assert.equal(`sha256:${sha256Hex(Buffer.from(raw.stdout))}`, multi.digest);
    const index = JSON.parse(raw.stdout) as IndexJson;
    assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(
      index.manifests.map((m) => [m.mediaType, m.digest, m.platform]),
      [
        ['application/vnd.oci.image.manifest.v1+json', platformDigest(multi, 'linux/amd64'), { os: 'linux', architecture: 'amd64' }],
        [
          'application/vnd.oci.image.manifest.v1+json',
          platformDigest(multi, 'linux/arm64'),
          { os: 'linux', architecture: 'arm64', variant: 'v8' },
        ],
      ],
    );
  });

  it('holds real aarch64 binaries in the arm64 image and x86-64 ones in the amd64 image', async () => {
    for (const [platform, expected] of [
      ['linux/arm64', /ARM aarch64/],
      ['linux/amd64', /x86-64/],
    ] as const) {
      const busybox = (await storePathsOf(platformDigest(multi, platform))).find((p) => p.endsWith('-busybox'));
      assert.ok(busybox, `busybox in ${platform}`);
      const described = await runChecked('file', ['-L', `${busybox}/bin/busybox`]);
      assert.match(described.stdout, expected, platform);
    }
  });

  it('skopeo --override-arch picks each platform, and copy --override-arch arm64 verifies every digest', async () => {
    for (const arch of ['amd64', 'arm64']) {
      const inspected = await runChecked('skopeo', [
        'inspect',
        '--override-arch',
        arch,
        '--tls-verify=false',
        `docker://${serve.host}/shell/hello:multi`,
      ]);
      const info = JSON.parse(inspected.stdout) as { Architecture: string; Layers: string[] };
      const manifest = await bucketJson<ManifestJson>(platformDigest(multi, `linux/${arch}`));
      assert.equal(info.Architecture, arch);
      assert.deepEqual(
        info.Layers,
        manifest.layers.map((l) => l.digest),
      );
    }
    const dest = path.join(work, 'copy-arm64');
    await runChecked('skopeo', [
      'copy',
      '--override-arch',
      'arm64',
      '--src-tls-verify=false',
      `docker://${serve.host}/shell/hello:multi`,
      `dir:${dest}`,
    ]);
    const manifest = await readFile(path.join(dest, 'manifest.json'));
    assert.equal(`sha256:${sha256Hex(manifest)}`, platformDigest(multi, 'linux/arm64'));
    const parsed = JSON.parse(manifest.toString()) as ManifestJson;
    const files = (await readdir(dest)).filter((f) => f !== 'manifest.json' && f !== 'version').sort();
    assert.deepEqual(files, [parsed.config, ...parsed.layers].map((d) => d.digest.slice(7)).sort());
    for (const file of files) assert.equal(sha256Hex(await readFile(path.join(dest, file))), file);
  });

  it('serve answers GET and HEAD by tag and by digest, negotiates Accept, and lists the tag', async () => {
    const url = `${serve.url}/v2/shell/hello/manifests`;
    const byTag = await getJson<IndexJson>(
      `${url}/multi`,
      'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json',
    );
    assert.equal(byTag.status, 200);
    assert.equal(byTag.type, 'application/vnd.oci.image.index.v1+json');
    assert.equal(byTag.digest, multi.digest);
    const head = await fetch(`${url}/${multi.digest}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/vnd.oci.image.index.v1+json');
    assert.equal(head.headers.get('docker-content-digest'), multi.digest);
    const headTag = await fetch(`${url}/multi`, { method: 'HEAD' });
    assert.equal(headTag.headers.get('docker-content-digest'), multi.digest);
    // A client that only takes single-platform manifests learns why there is nothing for it.
    const refused = await getJson<{ errors: { code: string; message: string }[] }>(
      `${url}/multi`,
      'application/vnd.oci.image.manifest.v1+json',
    );
    assert.equal(refused.status, 404);
    assert.equal(refused.body.errors[0]!.code, 'MANIFEST_UNKNOWN');
    assert.match(refused.body.errors[0]!.message, /image\.index\.v1\+json/);
    const child = await getJson<ManifestJson>(`${url}/${platformDigest(multi, 'linux/arm64')}`);
    assert.equal(child.type, 'application/vnd.oci.image.manifest.v1+json');
    assert.equal(child.digest, platformDigest(multi, 'linux/arm64'));
    const tags = await getJson<{ tags: string[] }>(`${serve.url}/v2/shell/hello/tags/list`);
    assert.deepEqual(tags.body.tags, ['multi', 'single']);
  });

  it('keeps one platform a plain manifest, and arm64/NAME an arm64 image', async () => {
    const single = await getJson<ManifestJson>(`${serve.url}/v2/shell/hello/manifests/single`);
    assert.equal(single.type, 'application/vnd.oci.image.manifest.v1+json');
    // The same inputs give the same amd64 manifest, in the index or not.
    assert.equal(single.digest, platformDigest(multi, 'linux/amd64'));
    const meta = await getJson<ManifestJson>(`${serve.url}/v2/arm64/hello/manifests/meta`);
    assert.equal(meta.type, 'application/vnd.oci.image.manifest.v1+json');
    const config = await bucketJson<{ architecture: string }>(meta.body.config.digest);
    assert.equal(config.architecture, 'arm64');
  });

  it('refuses arm64/NAME with two platforms, and platforms it does not build, naming them', async () => {
    const meta = await runCli(['build', 'arm64/hello', '--platform', BOTH, '--storage', bucket, '--pkgs-path', EXAMPLE_PACKAGES], {
      env: ENV,
    });
    assert.equal(meta.code, 2);
    assert.match(meta.stderr, /arm64 meta-package, which builds linux\/arm64 only/);
    const other = await runCli([
      'build',
      'hello',
      '--platform',
      'linux/amd64,linux/s390x',
      '--storage',
      bucket,
      '--pkgs-path',
      EXAMPLE_PACKAGES,
    ]);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /"linux\/s390x" is not a platform nixery builds; it builds linux\/amd64 and linux\/arm64/);
  });

  it('the page shows every platform of the tag', async () => {
    const html = await (await fetch(`${serve.url}/-/repository/shell/hello`)).text();
    const article = html.slice(html.indexOf(`data-digest="${multi.digest}"`));
    const end = article.indexOf('</article>');
    const shown = article.slice(0, end);
    assert.match(shown, /data-platform="linux\/amd64"/);
    assert.match(shown, /data-platform="linux\/arm64\/v8"/);
    assert.ok(shown.includes(platformDigest(multi, 'linux/arm64')));
    assert.ok(shown.includes('-busybox'), 'each platform lists its store paths');
  });

  it('stores a layer that is the same on both platforms once, packed for the first platform only', async () => {
    const shared = path.join(work, 'shared');
    const built = await build(['hello/hellodata', '--platform', BOTH, '--storage', shared, '--tag', 'v1']);
    const [amd, arm] = await Promise.all(
      ['linux/amd64', 'linux/arm64'].map(async (p) => {
        const manifest = JSON.parse(
          await readFile(path.join(shared, 'blobs/sha256', platformDigest(built, p).slice(7)), 'utf8'),
        ) as ManifestJson;
        return manifest.layers.map((l) => l.digest);
      }),
    );
    const common = amd!.filter((digest) => arm!.includes(digest));
    // Only the fixed-output data's layer: everything else is built for its own system.
    assert.equal(common.length, 1, JSON.stringify({ amd, arm }));
    assert.deepEqual(
      built.platforms!.map((p) => [p.platform, p.cachedLayers]),
      [
        ['linux/amd64', 0],
        ['linux/arm64', 1],
      ],
    );
  });

  it('a warm rebuild of both platforms packs and uploads nothing, and gives the same index', async () => {
    const again = await build(['shell/hello', '--platform', 'linux/arm64,linux/amd64', '--storage', bucket, '--tag', 'multi']);
    assert.equal(again.digest, multi.digest);
    assert.equal(again.packedBytes, 0);
    assert.equal(again.uploadedBytes, 0);
    assert.equal(again.cachedLayers, again.layers);
  });

  it('podman pulls the amd64 image from the index and runs it', async () => {
    const podman = await createPodman({ insecureRegistries: [serve.host] });
    try {
      const pull = await podman.podman(['pull', '--quiet', `${serve.host}/shell/hello:multi`]);
      assert.equal(pull.code, 0, pull.stderr);
      assert.equal(pull.stdout.trim().length > 0, true);
      assert.equal((await podman.podmanRun(`${serve.host}/shell/hello:multi`, ['hello'])).trim(), 'Hello, world!');
      const arch = await podman.podman(['image', 'inspect', '--format', '{{.Architecture}}', `${serve.host}/shell/hello:multi`]);
      assert.equal(arch.stdout.trim(), 'amd64');
    } finally {
      await podman.cleanup();
    }
  });

  it('the arm64 image runs its command under QEMU user-mode emulation', async () => {
    requireTools('qemu-aarch64-static', 'unshare');
    const layout = path.join(work, 'arm64-layout');
    await runChecked('skopeo', [
      'copy',
      '--override-arch',
      'arm64',
      '--src-tls-verify=false',
      `docker://${serve.host}/shell/hello:multi`,
      `oci:${layout}:arm64`,
    ]);
    const bundle = path.join(work, 'arm64-bundle');
    await runChecked('umoci', ['unpack', '--image', `${layout}:arm64`, bundle]);
    // binfmt_misc is not mounted on this machine; a private user namespace gets its own instance (Linux 6.7+), so
    // registering QEMU there changes nothing outside the test. F opens the interpreter now, so it works in a chroot.
    const script = path.join(work, 'run-arm64.sh');
    await writeFile(
      script,
      [
        'set -e',
        'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc',
        "printf '%s' ':qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/bin/qemu-aarch64-static:F' > /proc/sys/fs/binfmt_misc/register",
        'chroot "$1" /bin/hello',
        'chroot "$1" /bin/uname -m',
        '',
      ].join('\n'),
    );
    const ran = await runChecked('unshare', ['-Urm', 'sh', script, path.join(bundle, 'rootfs')]);
    assert.equal(ran.stdout, 'Hello, world!\naarch64\n');
  });
});

describe('containerd against nixery serve', () => {
  let containerd: Containerd;
  before(async () => {
    containerd = await startContainerd();
  });
  after(async () => {
    await containerd?.stop();
  });

  it('ctr image pull --platform fetches that platform of the index, and only that one', async () => {
    for (const [namespace, platform, other] of [
      ['arm', 'linux/arm64', 'linux/amd64'],
      ['amd', 'linux/amd64', 'linux/arm64'],
    ] as const) {
      const pulled = await containerd.ctr(namespace, [
        'image',
        'pull',
        '--plain-http',
        '--platform',
        platform,
        `${serve.host}/shell/hello:multi`,
      ]);
      assert.equal(pulled.code, 0, pulled.stderr + pulled.stdout);
      const content = (await containerd.ctr(namespace, ['content', 'ls', '-q'])).stdout;
      assert.ok(content.includes(multi.digest), `${namespace}: the index`);
      assert.ok(content.includes(platformDigest(multi, platform)), `${namespace}: the ${platform} manifest`);
      assert.ok(!content.includes(platformDigest(multi, other)), `${namespace}: not the ${other} manifest`);
    }
  });
});

describe('a platform the runner cannot build', () => {
  it('fails with the three ways to get it, not Nix’s bare message', async () => {
    // A package never built before, so Nix has to build it (and cannot, without extra-platforms).
    const set = path.join(work, 'fresh-set');
    await mkdir(set, { recursive: true });
    await writeFile(
      path.join(set, 'default.nix'),
      `{ system ? builtins.currentSystem, ... }:
let examples = import ${EXAMPLE_PACKAGES} { inherit system; };
in { fresh = examples.lib.mkPackage { name = "fresh"; nonce = "${Date.now()}-${process.pid}"; script = "echo fresh > $out"; }; }
`,
    );
    const result = await runCli(
      ['build', 'fresh', '--platform', 'linux/arm64', '--pkgs-path', set, '--storage', path.join(work, 'fresh-bucket')],
      {
        env: { ...process.env, NIX_CONFIG: 'substituters =' },
      },
    );
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /this machine cannot build aarch64-linux packages/);
    assert.match(result.stderr, /\(1\) substitution/);
    assert.match(result.stderr, /\(2\) emulation: QEMU user-mode/);
    assert.match(result.stderr, /extra-platforms = aarch64-linux/);
    assert.match(result.stderr, /\(3\) native runners/);
  });
});

describe('the matrix flow: one build per platform, merged into one tag', () => {
  it('two builds of different platforms at once never lose a platform (20 rounds)', async () => {
    const merged = path.join(work, 'merged');
    const barrier = path.join(work, 'barrier');
    await mkdir(barrier);
    const worker = path.join(import.meta.dirname, 'support/merge-worker.ts');
    const jobs = await Promise.all(
      [
        ['amd64', 'arm64'],
        ['arm64', 'amd64'],
      ].map(([arch, other]) => runChecked(process.execPath, [worker, merged, 'hello', arch!, '20', barrier, other!], { env: ENV })),
    );
    const layoutIndex = JSON.parse(await readFile(path.join(merged, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    for (let round = 0; round < 20; round++) {
      const tag = `round-${round}`;
      const record = JSON.parse(await readFile(path.join(merged, 'repositories/hello/_tags', tag), 'utf8')) as {
        digest: string;
        mediaType: string;
      };
      assert.equal(record.mediaType, 'application/vnd.oci.image.index.v1+json', tag);
      const index = JSON.parse(await readFile(path.join(merged, 'blobs/sha256', record.digest.slice(7)), 'utf8')) as IndexJson;
      assert.deepEqual(
        index.manifests.map((m) => m.platform.architecture),
        ['amd64', 'arm64'],
        `${tag}: ${jobs.map((j) => j.stdout).join(' | ')}`,
      );
      const listed = layoutIndex.manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'] === `hello:${tag}`);
      assert.equal(listed?.digest, record.digest, `${tag} in index.json`);
    }
  });

  it('refuses to merge straight into a registry, and says how to push the merged tag', async () => {
    const result = await runCli(
      ['build', 'hello', '--platform', 'linux/arm64', '--merge', '--out', 'docker://127.0.0.1:9/x', '--pkgs-path', EXAMPLE_PACKAGES],
      {
        env: ENV,
      },
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /push the merged tag with "nixery copy"/);
  });
});

describe('a registry target', () => {
  let registry: DockerRegistry;
  before(async () => {
    registry = await startDockerRegistry({ logRequests: false });
  });
  after(async () => {
    await registry?.stop();
  });

  it('gets the index too, and skopeo picks each platform from it', async () => {
    const pushed = await build([
      'shell/hello',
      '--platform',
      BOTH,
      '--storage',
      bucket,
      '--out',
      `docker://${registry.host}/multi`,
      '--tag',
      'multi',
    ]);
    assert.equal(pushed.digest, multi.digest);
    const ref = `docker://${registry.host}/multi/shell/hello:multi`;
    const raw = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', ref]);
    assert.equal(`sha256:${sha256Hex(Buffer.from(raw.stdout))}`, multi.digest);
    for (const arch of ['amd64', 'arm64']) {
      const info = JSON.parse((await runChecked('skopeo', ['inspect', '--override-arch', arch, '--tls-verify=false', ref])).stdout) as {
        Architecture: string;
      };
      assert.equal(info.Architecture, arch);
    }
  });

  it('nixery copy pushes a merged tag with every platform', async () => {
    const merged = path.join(work, 'merged');
    await runCliChecked(['copy', merged, 'hello:round-0', `docker://${registry.host}/promoted`, '--json']);
    const ref = `docker://${registry.host}/promoted/hello:round-0`;
    const index = JSON.parse((await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', ref])).stdout) as IndexJson;
    assert.deepEqual(
      index.manifests.map((m) => m.platform.architecture),
      ['amd64', 'arm64'],
    );
    const dest = path.join(work, 'promoted-arm64');
    await runChecked('skopeo', ['copy', '--override-arch', 'arm64', '--src-tls-verify=false', ref, `dir:${dest}`]);
    const manifest = await readFile(path.join(dest, 'manifest.json'));
    assert.equal(`sha256:${sha256Hex(manifest)}`, index.manifests[1]!.digest);
  });
});
