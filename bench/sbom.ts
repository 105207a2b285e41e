// What an image's SBOM costs: cycloneDxSbom (the CycloneDX library's models and JSON serializer) over closures of
// Debian's package graph as Nix-like store paths, against the least any SBOM of the same facts costs: the closure
// itself written with JSON.stringify (paths, NAR hashes and sizes, references). Then the extra Nix evaluation the
// SBOM's `meta` needs, next to the no-op nix-build it follows, on the example package set.
//
//   node bench/sbom.ts       (needs `apt-get update` once, for the Debian graph; Nix for the second table)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ClosureGraph } from '../src/nix/closure.ts';
import { cycloneDxSbom } from '../src/sbom/cyclonedx.ts';
import { loadDebianUniverse } from './layering/debian-graph.ts';
import { closureNames, createWorld, imageGraph } from './layering/world.ts';

const ROUNDS = 5;
const EXAMPLES = fileURLToPath(new URL('../nix/examples', import.meta.url));
const IMAGE_PACKAGES = fileURLToPath(new URL('../nix/image-packages.nix', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    value = run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), value: value! };
}

function withNarHashes(graph: ClosureGraph): ClosureGraph {
  const paths: ClosureGraph['paths'] = {};
  for (const [path, info] of Object.entries(graph.paths)) {
    paths[path] = { ...info, narHash: `sha256-${createHash('sha256').update(path).digest('base64')}` };
  }
  return { roots: graph.roots, paths };
}

const world = createWorld(loadDebianUniverse());
// Roots picked for closure size: a small tool, a mid-size service, a desktop-sized stack.
const candidates = ['curl', 'postgresql', 'libreoffice', 'gnome'].filter((name) => world.universe.deps.has(name));
console.log(`SBOM of one image (median of ${ROUNDS}); peer: the same closure as plain JSON.stringify`);
console.log('| image root | store paths | references | ours ms | ours KiB | JSON ms | JSON KiB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const root of candidates) {
  const graph = withNarHashes(imageGraph(world, [root]));
  const references = Object.values(graph.paths).reduce((n, p) => n + p.references.length, 0);
  const ours = timed(() => cycloneDxSbom({ imageName: root, closure: graph, packages: [] }));
  const peer = timed(() => Buffer.from(JSON.stringify(graph)));
  console.log(
    `| ${root} | ${closureNames(world, [root]).length} | ${references} | ${ours.ms.toFixed(1)} | ${(ours.value.length / 1024).toFixed(0)} ` +
      `| ${peer.ms.toFixed(1)} | ${(peer.value.length / 1024).toFixed(0)} |`,
  );
}

const args = (packages: string[]) => [
  IMAGE_PACKAGES,
  '--arg',
  'packageSet',
  `system: import ${EXAMPLES} { inherit system; }`,
  '--argstr',
  'packagesJson',
  JSON.stringify(packages),
  '--argstr',
  'system',
  'x86_64-linux',
];
const packages = ['bashinteractive', 'coreutils', 'hello', 'moreutils', 'nano'];
execFileSync('nix-build', [...args(packages), '--no-out-link'], { stdio: 'ignore' });
const build = timed(() => execFileSync('nix-build', [...args(packages), '--no-out-link'], { stdio: 'ignore' }));
const meta = timed(() => execFileSync('nix-instantiate', ['--eval', '--strict', '--json', ...args(packages), '--argstr', 'want', 'meta']));
console.log('');
console.log(`The meta evaluation the SBOM adds to realise, shell/hello on nix/examples (median of ${ROUNDS})`);
console.log('| step | ms |');
console.log('| --- | ---: |');
console.log(`| nix-build (already built: evaluation only) | ${build.ms.toFixed(0)} |`);
console.log(`| nix-instantiate --eval --strict --json (want = "meta") | ${meta.ms.toFixed(0)} |`);
