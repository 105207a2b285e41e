import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { derivationName, NixActivityLog } from '../../src/nix/activity.ts';
import { copyDestination, withoutSecrets } from '../../src/nix/copy.ts';
import { nixOptionArgs } from '../../src/nix/options.ts';
import { readNixFlags, readNixSettings } from '../../src/settings/nix-settings.ts';

const NAMES = {
  builders: '--nix-builders',
  buildersUseSubstitutes: '--nix-builders-use-substitutes',
  substituters: '--nix-substituters',
  trustedPublicKeys: '--nix-trusted-public-keys',
  cachePush: '--nix-cache-push',
  cacheSecretKeyFile: '--nix-cache-secret-key-file',
};
const PUBLIC_KEY = `test-cache-1:${Buffer.alloc(32, 1).toString('base64')}`;

describe('Nix builder and cache settings', () => {
  it('become --option arguments: builders replace nix.conf, caches and keys are added to it', () => {
    const { nix } = readNixSettings(
      {
        builders: ' ssh-ng://root@10.0.0.5 x86_64-linux - 4 2 big-parallel ; ssh://builder@arm aarch64-linux\n',
        buildersUseSubstitutes: 'true',
        substituters: ['s3://cache?region=eu-west-1 file:///srv/cache', 'file:///srv/cache'],
        trustedPublicKeys: [PUBLIC_KEY],
      },
      NAMES,
    );
    assert.deepEqual(nixOptionArgs(nix), [
      '--option',
      'builders',
      'ssh-ng://root@10.0.0.5 x86_64-linux - 4 2 big-parallel;ssh://builder@arm aarch64-linux',
      '--option',
      'builders-use-substitutes',
      'true',
      '--option',
      'extra-substituters',
      's3://cache?region=eu-west-1 file:///srv/cache',
      '--option',
      'extra-trusted-public-keys',
      PUBLIC_KEY,
    ]);
    assert.deepEqual(nixOptionArgs(readNixSettings({}, NAMES).nix), []);
  });

  it('refuses bad values, naming the setting', () => {
    const bad: [Parameters<typeof readNixSettings>[0], RegExp][] = [
      [{ builders: 'ssh-ng://b x86_64' }, /^UsageError: --nix-builders: builder "ssh-ng:\/\/b x86_64": systems "x86_64" must be/],
      [{ builders: 'ssh://b x86_64-linux /no/such/key' }, /--nix-builders: builder .*: the SSH key "\/no\/such\/key" does not exist/],
      [{ builders: 'ssh://b x86_64-linux - many' }, /max-jobs "many" must be a whole number/],
      [{ builders: 'ssh://b - - - 0' }, /speed factor "0" must be a positive number/],
      [{ builders: 'ssh://b - - - - - - not*base64' }, /the host key must be base64/],
      [{ builders: '@/no/such/machines' }, /--nix-builders: the machines file "\/no\/such\/machines" does not exist/],
      [{ builders: ' ; ' }, /--nix-builders is empty/],
      [{ buildersUseSubstitutes: 'yes' }, /--nix-builders-use-substitutes "yes": expected true or false/],
      [{ substituters: ['cache.example.org'] }, /--nix-substituters: "cache\.example\.org" is not a Nix store URL/],
      [{ trustedPublicKeys: ['cache.nixos.org-1'] }, /--nix-trusted-public-keys: "cache\.nixos\.org-1" is not a Nix public key/],
      [{ trustedPublicKeys: ['k:AAAA'] }, /is not a Nix public key/],
      [{ cachePush: 'nowhere' }, /--nix-cache-push: "nowhere" is not a Nix store URL/],
      [{ cacheSecretKeyFile: '/k' }, /--nix-cache-secret-key-file signs what --nix-cache-push pushes; give --nix-cache-push too/],
      [{ cachePush: 'ssh://cache', cacheSecretKeyFile: '/k' }, /"ssh:\/\/cache" is not a binary cache/],
      [
        { cachePush: 'file:///c', cacheSecretKeyFile: '/no/such/key' },
        /--nix-cache-secret-key-file: cannot read "\/no\/such\/key" \(ENOENT\)/,
      ],
    ];
    for (const [values, message] of bad) assert.throws(() => readNixSettings(values, NAMES), message);
  });

  it('checks the secret key file and signs through the cache URL', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-nix-settings-'));
    try {
      const secret = path.join(dir, 'secret');
      await writeFile(secret, PUBLIC_KEY);
      assert.throws(
        () => readNixSettings({ cachePush: 'file:///c', cacheSecretKeyFile: secret }, NAMES),
        /--nix-cache-secret-key-file: ".*secret" is not a Nix secret key \(make one with: nix-store --generate-binary-cache-key/,
      );
      await writeFile(secret, `test-cache-1:${Buffer.alloc(64, 1).toString('base64')}\n`);
      const { closurePush } = readNixSettings({ cachePush: 's3://c?region=r', cacheSecretKeyFile: secret }, NAMES);
      assert.deepEqual(closurePush, { url: 's3://c?region=r', secretKeyFile: secret });
      assert.equal(copyDestination(closurePush!), `s3://c?region=r&secret-key=${encodeURIComponent(secret)}`);
      assert.equal(copyDestination({ url: 'file:///c', secretKeyFile: '/k' }), 'file:///c?secret-key=%2Fk');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads flags over NIXERY_NIX_* variables, naming whichever was used', () => {
    const env = {
      NIXERY_NIX_BUILDERS: 'ssh://env-builder',
      NIXERY_NIX_SUBSTITUTERS: 'file:///env-cache https://env.example',
      NIXERY_NIX_BUILDERS_USE_SUBSTITUTES: 'false',
      NIXERY_NIX_CACHE_PUSH: 'file:///env-push',
    };
    const settings = readNixFlags({ 'nix-builders': 'ssh://flag-builder', 'nix-builders-use-substitutes': true }, env);
    assert.deepEqual(settings, {
      nix: { builders: 'ssh://flag-builder', buildersUseSubstitutes: true, substituters: ['file:///env-cache', 'https://env.example'] },
      closurePush: { url: 'file:///env-push' },
    });
    assert.throws(
      () => readNixFlags({}, { NIXERY_NIX_TRUSTED_PUBLIC_KEYS: 'nope' }),
      /^UsageError: NIXERY_NIX_TRUSTED_PUBLIC_KEYS: "nope"/,
    );
    assert.deepEqual(readNixFlags({}, { NIXERY_NIX_BUILDERS: '  ' }), { nix: {} });
  });

  it('hides user info in store URLs shown in logs and pages', () => {
    assert.equal(withoutSecrets('https://user:secret@cache.example.org/x'), 'https://cache.example.org/x');
    assert.equal(withoutSecrets('s3://bucket?region=r'), 's3://bucket?region=r');
  });
});

describe("Nix's log: which builder built what", () => {
  // Lines as Nix 2.8 prints them for a remote build, a local one and a substitution (taken from real runs).
  const drv = '/nix/store/k6wgxyl7bx82pl1bbrydl22l1dqwzhsq-r19-test.drv';
  const local = '/nix/store/0frb2h7c56g835vc8v89wwdmsikv8wvz-hello-2.12.drv';
  const lines = [
    'these 2 derivations will be built:',
    `  ${drv}`,
    `building '${drv}' on 'ssh-ng://root@127.0.0.1?remote-store=local%3Froot%3D/tmp/r19x/remote'...`,
    'copying 0 paths...',
    `building '${drv}'...`,
    'copying 1 paths...',
    "copying path '/nix/store/iq62szprmlkqwz9xllsq5wrnwkicpi2r-r19-test' from 'ssh-ng://root@127.0.0.1'...",
    `building '${local}'...`,
    "copying path '/nix/store/pdx500fgv5116i57nh6gdm3kgbsncmm8-busybox' from 'file:///tmp/cache'...",
    "  > building 'not a log line of ours'...",
  ];

  it('reads each derivation once, with its machine, and counts substitutions but not copies back from builders', () => {
    const log = new NixActivityLog();
    const started = lines.map((line) => log.read(line)).filter((b) => b !== undefined);
    assert.deepEqual(started, [
      { derivation: drv, builder: 'ssh-ng://root@127.0.0.1?remote-store=local%3Froot%3D/tmp/r19x/remote' },
      { derivation: local, builder: 'local' },
    ]);
    assert.deepEqual(log.activity(), {
      builds: started,
      substituted: [{ path: '/nix/store/pdx500fgv5116i57nh6gdm3kgbsncmm8-busybox', from: 'file:///tmp/cache' }],
    });
    assert.equal(derivationName(local), 'hello-2.12.drv');
  });
});
