import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { PackageMeta } from '../../src/nix/build.ts';
import type { ClosureGraph } from '../../src/nix/closure.ts';
import { narHashHex } from '../../src/nix/nar-hash.ts';
import { parseDrvName, storePathName } from '../../src/nix/store-path.ts';
import { cycloneDxSbom, licenseExpression } from '../../src/sbom/cyclonedx.ts';

const HELLO = '/nix/store/lcyv2lpvjp7993740y3qp1v5mibcrxhs-hello-2.12';
const BUSYBOX = '/nix/store/x5hylb0j5g7w4mg4rmbs7ncpzznvd7sj-busybox';
const SRI = 'sha256-/wqK245B6OKZmbtD0GUs3lB+Jhj6R+Eyy1AqxPxjZek=';
const HEX = 'ff0a8adb8e41e8e29999bb43d0652cde507e2618fa47e132cb502ac4fc6365e9';

const CLOSURE: ClosureGraph = {
  roots: [HELLO],
  paths: {
    [HELLO]: { narSize: 880, references: [BUSYBOX, HELLO], narHash: SRI },
    [BUSYBOX]: { narSize: 1_000_000, references: [], narHash: `sha256:${HEX}` },
  },
};
const PACKAGES: PackageMeta[] = [
  {
    name: 'hello',
    attrPath: 'hello',
    outputs: [HELLO],
    description: 'Prints a friendly greeting',
    homepage: 'https://www.gnu.org/software/hello/',
    licenses: [{ spdxId: 'GPL-3.0-or-later', name: 'GNU General Public License v3.0 or later', url: null }],
  },
];

interface Bom {
  specVersion: string;
  metadata: { timestamp?: string; component: { type: string; name: string; 'bom-ref': string } };
  components: Array<{
    name: string;
    version?: string;
    type: string;
    'bom-ref': string;
    hashes?: Array<{ alg: string; content: string }>;
    licenses?: Array<{ license: { id?: string; name?: string } }>;
    description?: string;
    properties?: Array<{ name: string; value: string }>;
  }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

describe('nix names and hashes', () => {
  it("splits derivation names as builtins.parseDrvName does: at the first '-' not followed by a letter", () => {
    assert.deepEqual(parseDrvName('hello-2.12'), { name: 'hello', version: '2.12' });
    assert.deepEqual(parseDrvName('bash-interactive-5.2-p26'), { name: 'bash-interactive', version: '5.2-p26' });
    assert.deepEqual(parseDrvName('busybox'), { name: 'busybox', version: '' });
    assert.deepEqual(parseDrvName('nss-cacert-3.98'), { name: 'nss-cacert', version: '3.98' });
    assert.deepEqual(parseDrvName('glibc-2.39-52-bin'), { name: 'glibc', version: '2.39-52-bin' });
    assert.equal(storePathName(HELLO), 'hello-2.12');
  });

  it('reads every spelling of a NAR hash Nix prints (SRI, base-32, hex) as the same hex', () => {
    assert.equal(narHashHex(SRI), HEX);
    assert.equal(narHashHex('sha256:1sb5cgyc8ajhrcrf2izs30k7wl6y5ijx0hxvk6cy5s21ivdql2pz'), HEX);
    assert.equal(narHashHex(`sha256:${HEX}`), HEX);
    assert.equal(narHashHex('sha512-AAAA'), null);
    assert.equal(narHashHex('sha256:eeee'), null);
  });
});

describe('CycloneDX SBOM', () => {
  it('validates against the CycloneDX 1.6 JSON schema with the library validator', async () => {
    const json = cycloneDxSbom({
      imageName: 'shell/hello',
      closure: CLOSURE,
      packages: PACKAGES,
    }).toString();
    const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
    assert.equal(await validator.validate(json), null);
    // The validator does find errors: an unknown hash algorithm is one.
    const broken = json.replace('"SHA-256"', '"SHA-257"');
    assert.notEqual(await validator.validate(broken), null);
  });

  it('has one component per store path with name, version, NAR hash and size, and the reference graph', () => {
    const bom = JSON.parse(cycloneDxSbom({ imageName: 'shell/hello', closure: CLOSURE, packages: PACKAGES }).toString()) as Bom;
    assert.equal(bom.specVersion, '1.6');
    assert.deepEqual(bom.components.map((c) => c['bom-ref']).sort(), [HELLO, BUSYBOX].sort());
    const hello = bom.components.find((c) => c['bom-ref'] === HELLO)!;
    assert.equal(hello.name, 'hello');
    assert.equal(hello.version, '2.12');
    assert.deepEqual(hello.hashes, [{ alg: 'SHA-256', content: HEX }]);
    assert.ok(hello.properties?.some((p) => p.name === 'nix:nar_size' && p.value === '880'));
    assert.ok(hello.properties?.some((p) => p.name === 'nix:attribute_path' && p.value === 'hello'));
    assert.equal(hello.type, 'application');
    assert.equal(hello.description, 'Prints a friendly greeting');
    assert.deepEqual(hello.licenses, [{ license: { id: 'GPL-3.0-or-later' } }]);
    const busybox = bom.components.find((c) => c['bom-ref'] === BUSYBOX)!;
    assert.equal(busybox.type, 'library');
    assert.equal(busybox.version, undefined);
    const dependsOn = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    assert.deepEqual(dependsOn[HELLO], [BUSYBOX], 'self-references are left out');
    assert.deepEqual(dependsOn[BUSYBOX], []);
    assert.deepEqual(dependsOn.image, [HELLO]);
    assert.equal(bom.metadata.component.name, 'shell/hello');
    assert.equal(bom.metadata.timestamp, undefined, 'no time: the document depends on the closure alone');
  });

  it('is byte-identical for equal inputs, whatever order the closure lists paths in', () => {
    const a = cycloneDxSbom({ imageName: 'x', closure: CLOSURE, packages: PACKAGES });
    const reordered: ClosureGraph = { roots: CLOSURE.roots, paths: Object.fromEntries(Object.entries(CLOSURE.paths).reverse()) };
    const b = cycloneDxSbom({ imageName: 'x', closure: reordered, packages: PACKAGES });
    assert.ok(a.equals(b));
  });

  it('writes the licenses annotation as an AND of the SPDX ids meta gives', () => {
    assert.equal(licenseExpression(PACKAGES), 'GPL-3.0-or-later');
    const more = [...PACKAGES, { ...PACKAGES[0]!, licenses: [{ spdxId: 'MIT', name: null, url: null }] }];
    assert.equal(licenseExpression(more), 'GPL-3.0-or-later AND MIT');
    assert.equal(licenseExpression([]), undefined);
  });
});
