import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCliChecked } from './support/cli.ts';
import { requireTools, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import { startSshServer } from './support/ssh-server.ts';
import type { SshServer } from './support/ssh-server.ts';
import { writeUniquePackages } from './support/unique-packages.ts';
import type { UniquePackages } from './support/unique-packages.ts';

// Builds on a Nix remote builder over SSH: a real sshd on loopback whose sessions see a Nix store of their own (a
// chroot store under a temp folder, named by ?remote-store=), and `--nix-builders ssh-ng://…` with max-jobs = 0 so
// this machine may not build itself. The image must be the same as from a local build of the same package.

interface BuildJson {
  images: { digest: string; nixBuilds?: { derivation: string; builder: string }[] }[];
}

describe('Nix remote builders over SSH', { timeout: 600_000 }, () => {
  let dir: string;
  let ssh: SshServer;
  let remoteRoot: string;
  let packages: UniquePackages;
  // The remote's own Nix settings: no caches (offline), and the host's /bin and libraries in the build sandbox,
  // which a chroot store always uses (the example package set's builders are the host's /bin/sh).
  const remoteConf = () =>
    ['substituters =', `extra-sandbox-paths = ${['/bin', '/usr', '/lib', '/lib64'].filter((p) => existsSync(p)).join(' ')}`, ''].join('\n');

  before(async () => {
    requireTools('nix-build', 'nix-store');
    dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-remote-builder-'));
    remoteRoot = path.join(dir, 'remote-store');
    await mkdir(path.join(dir, 'remote-conf'), { recursive: true });
    await writeFile(path.join(dir, 'remote-conf', 'nix.conf'), remoteConf());
    ssh = await startSshServer(path.join(dir, 'ssh'), { NIX_CONF_DIR: path.join(dir, 'remote-conf') });
    packages = await writeUniquePackages(path.join(dir, 'pkgs'));
  });

  after(async () => {
    await ssh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const builderSpec = () =>
    `ssh-ng://root@127.0.0.1?remote-store=${encodeURIComponent(`local?root=${remoteRoot}`)} ` +
    `x86_64-linux ${ssh.clientKey} 1 1 - - ${ssh.hostKeyBase64}`;

  const build = async (storage: string, extra: string[], env: NodeJS.ProcessEnv) => {
    const result = await runCliChecked(
      ['build', packages.name, '--storage', storage, '--pkgs-path', packages.dir, '--json', '--verbose', ...extra],
      {
        env: { ...process.env, ...env },
      },
    );
    return { json: JSON.parse(result.stdout) as BuildJson, stderr: result.stderr };
  };

  it('builds the derivation on the builder, into its store, and gives the digest of a local build', async () => {
    const offline = `${process.env.NIX_CONFIG ?? ''}\nsubstituters =`;
    // Local first; then the fresh output leaves this store (it is this test's own), so the remote must build it again.
    const local = await build(path.join(dir, 'local-bucket'), [], { NIX_CONFIG: offline });
    const localBuilds = local.json.images[0]!.nixBuilds ?? [];
    const fresh = localBuilds.find((b) => b.derivation.includes(packages.nonce));
    assert.ok(fresh, `the local build built the fresh package: ${JSON.stringify(localBuilds)}`);
    assert.equal(fresh.builder, 'local');
    const output = (await runChecked('nix-store', ['--query', '--outputs', fresh.derivation])).stdout.trim();
    await runChecked('nix-store', ['--delete', output]);
    assert.equal(existsSync(output), false);

    const remote = await build(path.join(dir, 'remote-bucket'), ['--nix-builders', builderSpec()], {
      // max-jobs = 0: no local builds, so the build goes to the builder or fails. NIX_SSHOPTS gives ssh the port.
      NIX_CONFIG: `${offline}\nmax-jobs = 0`,
      NIX_SSHOPTS: `-p ${ssh.port}`,
    });
    const image = remote.json.images[0]!;
    const remoteBuild = image.nixBuilds?.find((b) => b.derivation === fresh.derivation);
    assert.ok(remoteBuild, `the remote build reports the fresh derivation: ${JSON.stringify(image.nixBuilds)}`);
    assert.match(remoteBuild.builder, /^ssh-ng:\/\/root@127\.0\.0\.1\?remote-store=/);
    // Nix's own log names the machine, and the progress shows it.
    assert.match(remote.stderr, new RegExp(`building '${fresh.derivation.replaceAll('.', '\\.')}' on 'ssh-ng://root@127\\.0\\.0\\.1`));
    assert.match(remote.stderr, /nix: building fresh-greeting-[0-9a-f-]+\.drv on ssh-ng:\/\/root@127\.0\.0\.1/);
    // The output was built into the builder's store, and copied back here.
    const remoteStore = await readdir(path.join(remoteRoot, 'nix', 'store'));
    assert.ok(remoteStore.includes(path.basename(output)), `the builder's store holds ${path.basename(output)}`);
    assert.equal(existsSync(output), true);
    assert.match(ssh.log(), /Accepted publickey for root from 127\.0\.0\.1/);

    assert.equal(image.digest, local.json.images[0]!.digest, 'the same image whichever machine built it');
  });
  it('a serve --build replica configured by NIXERY_NIX_BUILDERS builds on the builder, and its page and log say so', async () => {
    const served = await writeUniquePackages(path.join(dir, 'served-pkgs'), 'fresh-served');
    const serve = await startServe(['--port', '0', '--storage', path.join(dir, 'served-bucket'), '--build', '--pkgs-path', served.dir], {
      env: {
        NIX_CONFIG: `${process.env.NIX_CONFIG ?? ''}\nsubstituters =\nmax-jobs = 0`,
        NIX_SSHOPTS: `-p ${ssh.port}`,
        NIXERY_NIX_BUILDERS: builderSpec(),
      },
    });
    try {
      const response = await fetch(`${serve.url}/v2/fresh-served/manifests/latest`, {
        headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      assert.equal(response.status, 200, await response.text());
      const logged = serve.log.find((e) => e.msg === 'nix derivation' && String(e.derivation).includes(served.nonce));
      assert.ok(logged, `the log names the derivation and its builder: ${serve.lines.join('\n')}`);
      assert.match(String(logged.builder), /^ssh-ng:\/\/root@127\.0\.0\.1\?remote-store=/);
      const page = await (await fetch(`${serve.url}/`)).text();
      assert.match(
        page,
        new RegExp(
          `<td class="built-on"><span title="fresh-served-${served.nonce}\\.drv">1 on <code>ssh-ng://root@127\\.0\\.0\\.1\\?remote-store=`,
        ),
      );
      assert.ok((await readdir(path.join(remoteRoot, 'nix', 'store'))).some((name) => name.endsWith(`-fresh-served-${served.nonce}`)));
    } finally {
      await serve.stop();
    }
  });
});
