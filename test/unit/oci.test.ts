import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { IMAGE_CREATED, serializeImageConfig } from '../../src/oci/config.ts';
import type { ImageConfigInput } from '../../src/oci/config.ts';
import { serializeManifest } from '../../src/oci/manifest.ts';
import { digestHex, isSha256Digest, sha256Digest } from '../../src/oci/digest.ts';
import { COMPRESSIONS, MediaType, layerMediaType } from '../../src/oci/media-types.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';

const DIFF_A = sha256Digest('layer a');
const DIFF_B = sha256Digest('layer b');

const INPUT: ImageConfigInput = {
  arch: 'amd64',
  env: ['PATH=/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-bundle.crt'],
  cmd: ['/bin/bash'],
  diffIds: [DIFF_A, DIFF_B],
  history: [{ createdBy: 'nix store paths: /nix/store/a' }, { createdBy: 'customisation' }],
};

describe('digest', () => {
  it('computes sha256 digests of buffers and strings alike', () => {
    const expected = 'sha256:' + createHash('sha256').update('abc').digest('hex');
    assert.equal(sha256Digest('abc'), expected);
    assert.equal(sha256Digest(Buffer.from('abc')), expected);
    assert.equal(sha256Digest(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('accepts only sha256 with 64 lowercase hex digits', () => {
    const good = sha256Digest('x');
    assert.equal(isSha256Digest(good), true);
    for (const bad of [
      good.toUpperCase(),
      good.slice(0, -1),
      good + '0',
      'sha512:' + good.slice(7),
      good.slice(7),
      `${good}\n`,
      'sha256:' + 'g'.repeat(64),
    ]) {
      assert.equal(isSha256Digest(bad), false, bad);
    }
  });

  it('gives the hex of a valid digest and refuses anything else by name', () => {
    const good = sha256Digest('x');
    assert.equal(digestHex(good), good.slice('sha256:'.length));
    assert.throws(() => digestHex('sha256:../../etc/passwd'), /invalid digest "sha256:\.\.\/\.\.\/etc\/passwd"/);
  });
});

describe('media types', () => {
  it('maps each compression to its OCI layer media type', () => {
    assert.equal(layerMediaType('gzip'), 'application/vnd.oci.image.layer.v1.tar+gzip');
    assert.equal(layerMediaType('zstd'), 'application/vnd.oci.image.layer.v1.tar+zstd');
    assert.equal(layerMediaType('none'), 'application/vnd.oci.image.layer.v1.tar');
    assert.equal(new Set(COMPRESSIONS.map(layerMediaType)).size, COMPRESSIONS.length);
  });
});

describe('serializeImageConfig', () => {
  it('produces the OCI image config shape with a fixed creation time', () => {
    const config = JSON.parse(serializeImageConfig(INPUT).toString('utf8'));
    assert.deepEqual(config, {
      created: IMAGE_CREATED,
      architecture: 'amd64',
      os: 'linux',
      config: { Env: INPUT.env, Cmd: ['/bin/bash'] },
      rootfs: { type: 'layers', diff_ids: [DIFF_A, DIFF_B] },
      history: [
        { created: IMAGE_CREATED, created_by: 'nix store paths: /nix/store/a' },
        { created: IMAGE_CREATED, created_by: 'customisation' },
      ],
    });
    assert.equal(IMAGE_CREATED, '1970-01-01T00:00:01Z');
    assert.equal(new Date(IMAGE_CREATED).getTime(), 1000);
  });

  it('omits Cmd when none is given and records the arch', () => {
    const { cmd: _cmd, ...withoutCmd } = INPUT;
    const config = JSON.parse(serializeImageConfig({ ...withoutCmd, arch: 'arm64' }).toString('utf8'));
    assert.equal(config.architecture, 'arm64');
    assert.deepEqual(Object.keys(config.config), ['Env']);
  });

  it('serialises equal inputs to identical bytes, whatever the input object key order', () => {
    const reordered: ImageConfigInput = {
      history: INPUT.history.map((h) => ({ ...h })),
      diffIds: [...INPUT.diffIds],
      cmd: INPUT.cmd ? [...INPUT.cmd] : undefined,
      env: [...INPUT.env],
      arch: INPUT.arch,
    };
    const a = serializeImageConfig(INPUT);
    assert.ok(a.equals(serializeImageConfig(INPUT)));
    assert.ok(a.equals(serializeImageConfig(reordered)));
    assert.equal(sha256Digest(a), sha256Digest(serializeImageConfig(reordered)));
  });

  it('keeps layer order: diff_ids are the layers bottom to top', () => {
    const swapped = serializeImageConfig({ ...INPUT, diffIds: [DIFF_B, DIFF_A] });
    assert.notEqual(sha256Digest(swapped), sha256Digest(serializeImageConfig(INPUT)));
    assert.deepEqual(JSON.parse(swapped.toString()).rootfs.diff_ids, [DIFF_B, DIFF_A]);
  });

  it('refuses history that does not match the layers, naming both counts', () => {
    assert.throws(() => serializeImageConfig({ ...INPUT, history: [{ createdBy: 'only one' }] }), /2 layers but 1 history entries/);
    assert.throws(() => serializeImageConfig({ ...INPUT, diffIds: [] }), /0 layers but 2 history entries/);
  });
});

describe('serializeManifest', () => {
  const config: Descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest('config'), size: 100 };
  const layers: Descriptor[] = [
    { mediaType: MediaType.ociLayerGzip, digest: sha256Digest('l1'), size: 10 },
    { mediaType: MediaType.ociLayerGzip, digest: sha256Digest('l2'), size: 20 },
  ];

  it('produces an OCI image manifest with schemaVersion 2, config and layers in order', () => {
    const manifest = JSON.parse(serializeManifest(config, layers, {}).toString('utf8'));
    assert.deepEqual(manifest, {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config,
      layers,
    });
    assert.equal('annotations' in manifest, false, 'no empty annotations object');
  });

  it('writes annotations sorted by key, so insertion order does not change the digest', () => {
    const a = serializeManifest(config, layers, { 'org.opencontainers.image.title': 'git', 'org.opencontainers.image.created': 'x' });
    const b = serializeManifest(config, layers, { 'org.opencontainers.image.created': 'x', 'org.opencontainers.image.title': 'git' });
    assert.ok(a.equals(b));
    const parsed = JSON.parse(a.toString('utf8'));
    assert.deepEqual(Object.keys(parsed.annotations), ['org.opencontainers.image.created', 'org.opencontainers.image.title']);
    assert.deepEqual(Object.keys(parsed), ['schemaVersion', 'mediaType', 'config', 'layers', 'annotations']);
  });

  it('changes bytes when a layer changes', () => {
    const other = serializeManifest(config, [layers[1]!, layers[0]!], {});
    assert.notEqual(sha256Digest(other), sha256Digest(serializeManifest(config, layers, {})));
  });
});
