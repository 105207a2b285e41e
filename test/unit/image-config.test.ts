import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packEntries } from '../../src/archive/tar.ts';
import { buildCustomisation } from '../../src/image/customisation.ts';
import { parseImageName } from '../../src/image/name.ts';
import { serializeImageConfig } from '../../src/oci/config.ts';
import { manifestCacheId } from '../../src/pipeline/cache.ts';
import { UsageError } from '../../src/errors.ts';
import tarStream from 'tar-stream';

// A declared image config in the customisation layer (user, home, workdir, Env, Cmd) and in the config bytes.

let store: string;
let app: string;
let shellPkg: string;

before(async () => {
  store = await mkdtemp(path.join(os.tmpdir(), 'nixery-image-config-'));
  app = path.join(store, 'aaaa-app');
  shellPkg = path.join(store, 'bbbb-bash');
  await mkdir(path.join(app, 'bin'), { recursive: true });
  await writeFile(path.join(app, 'bin/app'), '#!/bin/sh\n');
  await mkdir(path.join(app, 'share/app'), { recursive: true });
  await mkdir(path.join(shellPkg, 'bin'), { recursive: true });
  await writeFile(path.join(shellPkg, 'bin/bash'), '#!/bin/sh\n');
});

after(async () => {
  if (store) await rm(store, { recursive: true, force: true });
});

async function tarHeaders(entries: Parameters<typeof packEntries>[0]): Promise<Map<string, { uid: number; gid: number }>> {
  const extract = tarStream.extract();
  const headers = new Map<string, { uid: number; gid: number }>();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      headers.set(header.name, { uid: header.uid ?? -1, gid: header.gid ?? -1 });
      stream.resume();
      stream.on('end', next);
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  packEntries(entries).pipe(extract);
  await done;
  return headers;
}

describe('customisation layer with an image config', () => {
  it('adds the user to /etc/passwd and /etc/group with a home it owns, and a workdir it owns', async () => {
    const name = { canonical: 'api', packages: ['app'], arch: 'amd64' as const };
    const layer = await buildCustomisation(name, [app], [app], { user: '1000:100', workdir: '/srv/data' });
    const byPath = new Map(layer.entries.map((e) => [e.path, e]));
    const passwd = byPath.get('/etc/passwd');
    const group = byPath.get('/etc/group');
    assert.ok(passwd?.type === 'file' && group?.type === 'file');
    assert.match(passwd.content.toString(), /^root:x:0:0:/m);
    assert.match(passwd.content.toString(), /^app:x:1000:100::\/home\/app:\/bin\/sh$/m);
    assert.match(group.content.toString(), /^app:x:100:$/m);
    assert.deepEqual(byPath.get('/home/app'), { type: 'directory', path: '/home/app', mode: 0o755, owner: { uid: 1000, gid: 100 } });
    assert.deepEqual(byPath.get('/srv'), { type: 'directory', path: '/srv', mode: 0o755 }, 'parents stay root-owned');
    assert.deepEqual(byPath.get('/srv/data'), { type: 'directory', path: '/srv/data', mode: 0o755, owner: { uid: 1000, gid: 100 } });
    assert.ok(layer.env.includes('HOME=/home/app'));

    const headers = await tarHeaders(layer.entries);
    assert.deepEqual(headers.get('home/app/'), { uid: 1000, gid: 100 });
    assert.deepEqual(headers.get('srv/data/'), { uid: 1000, gid: 100 });
    assert.deepEqual(headers.get('etc/passwd'), { uid: 0, gid: 0 });
  });

  it('root and nobody need no entries', async () => {
    const name = { canonical: 'api', packages: ['app'], arch: 'amd64' as const };
    for (const user of ['root', '0', 'nobody']) {
      const layer = await buildCustomisation(name, [app], [app], { user });
      const passwd = layer.entries.find((e) => e.path === '/etc/passwd');
      assert.ok(passwd?.type === 'file');
      assert.equal(passwd.content.toString().split('\n').filter(Boolean).length, 2, user);
      assert.ok(!layer.entries.some((e) => e.path.startsWith('/home')), user);
    }
  });

  it('declared Env replaces a variable in place and adds new ones after', async () => {
    const name = { canonical: 'api', packages: ['app'], arch: 'amd64' as const };
    const layer = await buildCustomisation(name, [app], [app], { env: { PATH: '/bin', PORT: '8080' } });
    assert.deepEqual(layer.env, ['PATH=/bin', 'PORT=8080']);
  });

  it('a shell image keeps Cmd bash unless the config says how to start; a declared cmd always wins', async () => {
    const shell = parseImageName('shell/app');
    assert.deepEqual((await buildCustomisation(shell, [shellPkg], [shellPkg], {})).cmd, ['/bin/bash']);
    assert.equal((await buildCustomisation(shell, [shellPkg], [shellPkg], { entrypoint: ['/bin/app'] })).cmd, undefined);
    assert.deepEqual((await buildCustomisation(shell, [shellPkg], [shellPkg], { cmd: ['-x'] })).cmd, ['-x']);
  });

  it('a workdir inside a package link is refused by name', async () => {
    const name = { canonical: 'api', packages: ['app'], arch: 'amd64' as const };
    await assert.rejects(buildCustomisation(name, [app], [app], { workdir: '/share/app/data' }), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /workdir "\/share\/app\/data": \/share\/app comes from a package/);
      return true;
    });
  });
});

describe('image config bytes', () => {
  const base = { arch: 'amd64' as const, env: ['PATH=/bin'], diffIds: [], history: [] };

  it('writes every declared field in a fixed order, ports and labels sorted', () => {
    const bytes = serializeImageConfig({
      ...base,
      cmd: ['--serve'],
      entrypoint: ['/bin/api'],
      user: '1000:1000',
      workingDir: '/srv',
      exposedPorts: ['9000/udp', '8080/tcp'],
      labels: { zeta: '1', alpha: '2' },
      stopSignal: 'SIGINT',
    });
    const config = JSON.parse(bytes.toString()).config;
    assert.deepEqual(Object.keys(config), ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'WorkingDir', 'Labels', 'StopSignal']);
    assert.deepEqual(Object.keys(config.ExposedPorts), ['8080/tcp', '9000/udp']);
    assert.deepEqual(Object.keys(config.Labels), ['alpha', 'zeta']);
    const reordered = serializeImageConfig({
      ...base,
      stopSignal: 'SIGINT',
      labels: { alpha: '2', zeta: '1' },
      exposedPorts: ['8080/tcp', '9000/udp'],
      workingDir: '/srv',
      user: '1000:1000',
      entrypoint: ['/bin/api'],
      cmd: ['--serve'],
    });
    assert.equal(reordered.toString(), bytes.toString(), 'equal inputs, equal bytes');
  });

  it('a plain image has only Env (and Cmd), as before', () => {
    assert.deepEqual(JSON.parse(serializeImageConfig(base).toString()).config, { Env: ['PATH=/bin'] });
  });
});

describe('manifest cache key of a declared image', () => {
  const input = { sourceId: 'nixpkgs:x', arch: 'amd64' as const, packages: ['app'], budget: 100, compression: 'gzip' as const };

  it('depends on the name and every config value; a plain name keeps its old key', () => {
    const plain = manifestCacheId(input);
    const declared = manifestCacheId({ ...input, image: { name: 'api', config: { env: { PORT: '8080' } } } });
    assert.notEqual(declared, plain);
    assert.notEqual(manifestCacheId({ ...input, image: { name: 'api', config: { env: { PORT: '9090' } } } }), declared);
    assert.notEqual(manifestCacheId({ ...input, image: { name: 'web', config: { env: { PORT: '8080' } } } }), declared);
    assert.equal(manifestCacheId({ ...input, image: { name: 'api', config: { env: { PORT: '8080' } } } }), declared);
  });
});
