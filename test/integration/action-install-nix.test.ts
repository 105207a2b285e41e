import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { downloadWithRetries, findOnPath, setUpNix } from '../../src/action/install-nix.ts';
import { requireTools, runChecked } from './support/run.ts';

// The install step's paths that can run here: the skip when Nix is installed (with the real Nix reading the
// settings handed to it), the refusal when install-nix is false and Nix is missing, and the download retries.
// The installer itself cannot run without the internet; its command line is unit-tested in action-report.test.ts.

let work: string;
const savedEnv = { ...process.env };

before(async () => {
  requireTools('nix-build', 'nix');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-install-nix-'));
});

after(async () => {
  for (const name of ['NIX_CONFIG', 'GITHUB_ENV', 'PATH']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  if (work) await rm(work, { recursive: true, force: true });
});

describe('setting up Nix', () => {
  it('installs nothing when nix-build is on PATH, and hands extra-nix-conf to the installed Nix', async () => {
    const envFile = path.join(work, 'github-env');
    await writeFile(envFile, '');
    process.env.GITHUB_ENV = envFile;
    delete process.env.NIX_CONFIG;
    const setup = await setUpNix('auto', { token: 'ghs_secret_token_for_this_step', extraNixConf: 'cores = 3\n' });
    assert.deepEqual(setup, { installed: false, nixBuild: findOnPath('nix-build') });
    assert.ok(setup.installed === false && setup.nixBuild.endsWith('/nix-build'));

    // Later steps get the user's settings but not the token; this process gets both.
    const exported = await readFile(envFile, 'utf8');
    assert.match(exported, /^NIX_CONFIG<<ghadelimiter_[\w-]+\ncores = 3\nghadelimiter_/);
    assert.doesNotMatch(exported, /ghs_secret/);
    assert.equal(process.env.NIX_CONFIG, 'cores = 3\naccess-tokens = github.com=ghs_secret_token_for_this_step');

    const config = await runChecked('nix', ['--extra-experimental-features', 'nix-command', 'show-config'], { env: process.env });
    assert.match(config.stdout, /^cores = 3$/m);
    assert.match(config.stdout, /^access-tokens = github.com=ghs_secret_token_for_this_step$/m);
  });

  it('refuses install-nix: false when nix-build is missing, saying what to do', async () => {
    process.env.PATH = path.join(work, 'empty-bin');
    await assert.rejects(setUpNix('false', { token: '', extraNixConf: '' }), /install-nix is false but nix-build is not on PATH/);
    process.env.PATH = savedEnv.PATH;
  });
});

describe('downloading the installer', () => {
  it('retries failed downloads and returns the body once the server answers', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      if (requests < 3) {
        res.writeHead(503).end('busy');
        return;
      }
      res.writeHead(200).end('#!/bin/sh\necho install\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/install`;
      const body = await downloadWithRetries(url, 5, 1);
      assert.equal(body.toString(), '#!/bin/sh\necho install\n');
      assert.equal(requests, 3);
      requests = -10; // every answer fails now
      await assert.rejects(downloadWithRetries(url, 2, 1), /after 2 attempts: HTTP 503/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
