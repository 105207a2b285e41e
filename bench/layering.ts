// Layering benchmark: how many bytes a node fetches for a fleet of images, and re-fetches after an
// update, with our planner versus nixpkgs' and Nixery's strategies. Run: node bench/layering.ts
import { performance } from 'node:perf_hooks';
import { planLayers } from '../src/layers/plan.ts';
import type { ClosureGraph } from '../src/nix/closure.ts';
import { loadDebianUniverse } from './layering/debian-graph.ts';
import { planAutoLayer, planNixery, planPopularityContest, NIXERY_BUDGET } from './layering/peers.ts';
import { applyUpdate, closureNames, createWorld, imageGraph, packageName, seededRandom, undoUpdate } from './layering/world.ts';
import type { World } from './layering/world.ts';

const BUDGETS = [20, 50, 100];
const FLEET_SIZE = 60;
const SEED = 20261123;

// Realistic image contents: servers, CLI tools, language runtimes (all present in Debian 12).
const CANDIDATE_ROOTS = [
  'nginx',
  'apache2',
  'postgresql-15',
  'redis-server',
  'python3',
  'nodejs',
  'ruby',
  'perl',
  'openjdk-17-jre-headless',
  'golang-go',
  'git',
  'curl',
  'htop',
  'jq',
  'vim',
  'emacs-nox',
  'tmux',
  'ffmpeg',
  'imagemagick',
  'gcc',
  'make',
  'cmake',
  'php8.2-cli',
  'mariadb-server',
  'sqlite3',
  'openssh-server',
  'rsync',
  'wget',
  'zsh',
  'bash',
  'coreutils',
  'busybox',
  'haproxy',
  'squid',
  'bind9',
  'postfix',
  'memcached',
  'rabbitmq-server',
  'erlang-nox',
  'rustc',
  'cargo',
  'python3-numpy',
  'python3-flask',
  'python3-django',
  'ansible',
  'awscli',
  'gnupg',
  'openssl',
  'nmap',
  'tcpdump',
  'strace',
  'gdb',
  'clang',
  'php-fpm',
  'tomcat10',
  'maven',
  'graphviz',
  'lua5.4',
  'tcl',
  'nano',
  'less',
  'file',
  'unzip',
  'zip',
  'xz-utils',
  'zstd',
  'ca-certificates',
  'tzdata',
  'iproute2',
  'dnsutils',
  'socat',
  'mosquitto',
  'etcd-server',
  'caddy',
  'lighttpd',
  'varnish',
  'certbot',
  'pandoc',
];

// Updates: a leaf-ish tool, mid-level libraries, low-level libraries, and a random handful.
const SCENARIOS: { name: string; changes: string[] | 'random' }[] = [
  { name: 'leaf: jq, htop', changes: ['jq', 'htop'] },
  { name: 'mid: libxml2, libcurl4', changes: ['libxml2', 'libcurl4'] },
  { name: 'low: zlib1g', changes: ['zlib1g'] },
  { name: 'low: libssl3', changes: ['libssl3'] },
  { name: 'low: libc6', changes: ['libc6'] },
  { name: 'random: 5 fleet packages', changes: 'random' },
];

type Planner = (graph: ClosureGraph, budget: number) => string[][];

interface Strategy {
  name: string;
  plan: (budget: number) => Planner;
}

function main(): void {
  const universe = loadDebianUniverse();
  const world = createWorld(universe);
  const random = seededRandom(SEED);
  const roots = CANDIDATE_ROOTS.filter((name) => universe.size.has(name));
  const fleet: string[][] = [];
  for (let i = 0; i < FLEET_SIZE; i++) {
    const count = 1 + Math.floor(random() * 5);
    const picked = new Set<string>();
    while (picked.size < count) picked.add(roots[Math.floor(random() * roots.length)]!);
    fleet.push([...picked].sort());
  }
  const fleetNames = closureNames(world, fleet.flat());
  const scenarios = SCENARIOS.map((s) => ({
    name: s.name,
    changes: s.changes === 'random' ? pickRandom(fleetNames, 5, random) : s.changes,
  }));
  for (const s of scenarios)
    for (const name of s.changes) if (!universe.size.has(name)) throw new Error(`scenario package ${name} is not in the Debian graph`);

  // Nixery's popcount: direct references to each package across the whole package set.
  const referrers = new Map<string, number>();
  for (const deps of universe.deps.values()) for (const dep of deps) referrers.set(dep, (referrers.get(dep) ?? 0) + 1);
  const nixeryPopularity = (path: string): number => referrers.get(packageName(path)) ?? 1;

  const strategies: Strategy[] = [
    { name: 'nixpkgs popularity', plan: () => planPopularityContest },
    { name: 'nixpkgs auto-layer', plan: () => planAutoLayer },
    { name: `nixery (budget ${NIXERY_BUDGET})`, plan: () => (graph) => planNixery(graph, nixeryPopularity) },
    { name: 'ours', plan: () => planLayers },
  ];

  const sizes = fleet.map((r) => closureNames(world, r).length);
  console.log(
    `Debian graph: ${universe.size.size} packages. Fleet: ${fleet.length} images, 1-5 roots each, ` +
      `${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)} paths per image on average (min ${Math.min(...sizes)}, max ${Math.max(...sizes)}), ` +
      `${fleetNames.length} distinct paths.`,
  );
  for (const s of scenarios) console.log(`  update scenario "${s.name}": ${s.changes.join(', ')}`);
  console.log();

  const header = ['budget', 'strategy', 'fleet GB', 'fleet/LB', 'update GB', 'update/LB', 'max layers', 'ms/image'];
  const rows: string[][] = [];
  const perScenario: string[][] = [];
  for (const budget of BUDGETS) {
    const results = strategies.map((strategy) => measure(world, fleet, scenarios, strategy.plan(budget), budget));
    results.forEach((r, i) => {
      rows.push([
        String(budget),
        strategies[i]!.name,
        gb(r.fleetBytes),
        ratio(r.fleetBytes, r.fleetLowerBound),
        gb(r.updateBytes),
        ratio(r.updateBytes, r.updateLowerBound),
        String(r.maxLayers),
        r.msPerImage.toFixed(2),
      ]);
      perScenario.push([String(budget), strategies[i]!.name, ...r.scenarioBytes.map((b, j) => ratio(b, r.scenarioLowerBounds[j]!))]);
    });
    const ours = results[results.length - 1]!;
    const peers = results.slice(0, -1);
    const beatsFleet = peers.every((p) => ours.fleetBytes <= p.fleetBytes);
    const beatsUpdate = peers.every((p) => ours.updateBytes <= p.updateBytes);
    rows.push([
      String(budget),
      `beats all: ${beatsFleet && beatsUpdate ? 'yes' : 'no'} (fleet ${beatsFleet ? 'yes' : 'no'}, update ${beatsUpdate ? 'yes' : 'no'})`,
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  printTable(header, rows);
  console.log(
    `\nNixery always plans with its own budget of ${NIXERY_BUDGET} layers, so at budgets 20 and 50 it uses more layers than the others.`,
  );
  console.log(
    'LB = lower bound: fleet = bytes of the distinct paths; update = bytes of the distinct new paths. ms/image includes JIT warm-up in the first rows.',
  );
  console.log('\nUpdate bytes / lower bound per scenario:');
  printTable(['budget', 'strategy', ...scenarios.map((s) => s.name)], perScenario);
}

interface Result {
  fleetBytes: number;
  fleetLowerBound: number;
  updateBytes: number;
  updateLowerBound: number;
  scenarioBytes: number[];
  scenarioLowerBounds: number[];
  maxLayers: number;
  msPerImage: number;
}

function measure(world: World, fleet: string[][], scenarios: { changes: string[] }[], plan: Planner, budget: number): Result {
  let planMs = 0;
  let planned = 0;
  let maxLayers = 0;
  const planFleet = (): { layers: Map<string, number>; pathSizes: Map<string, number> } => {
    const layers = new Map<string, number>();
    const pathSizes = new Map<string, number>();
    for (const roots of fleet) {
      const graph = imageGraph(world, roots);
      const start = performance.now();
      const plan_ = plan(graph, budget);
      planMs += performance.now() - start;
      planned++;
      maxLayers = Math.max(maxLayers, plan_.length);
      checkPlan(graph, plan_);
      for (const layer of plan_) {
        let size = 0;
        for (const path of layer) size += graph.paths[path]!.narSize;
        layers.set([...layer].sort().join('\n'), size);
      }
      for (const [path, info] of Object.entries(graph.paths)) pathSizes.set(path, info.narSize);
    }
    return { layers, pathSizes };
  };
  const before = planFleet();
  const fleetBytes = sum(before.layers.values());
  const fleetLowerBound = sum(before.pathSizes.values());
  const scenarioBytes: number[] = [];
  const scenarioLowerBounds: number[] = [];
  for (const scenario of scenarios) {
    const affected = applyUpdate(world, scenario.changes);
    const after = planFleet();
    undoUpdate(world, scenario.changes, affected);
    let fetched = 0;
    for (const [key, size] of after.layers) if (!before.layers.has(key)) fetched += size;
    let lowerBound = 0;
    for (const [path, size] of after.pathSizes) if (!before.pathSizes.has(path)) lowerBound += size;
    scenarioBytes.push(fetched);
    scenarioLowerBounds.push(lowerBound);
  }
  return {
    fleetBytes,
    fleetLowerBound,
    scenarioBytes,
    scenarioLowerBounds,
    updateBytes: sum(scenarioBytes),
    updateLowerBound: sum(scenarioLowerBounds),
    maxLayers,
    msPerImage: planMs / planned,
  };
}

/** Every strategy must produce a partition of the image's paths; a broken peer would make the comparison meaningless. */
function checkPlan(graph: ClosureGraph, layers: string[][]): void {
  const seen = new Set<string>();
  for (const layer of layers) {
    if (layer.length === 0) throw new Error('empty layer');
    for (const path of layer) {
      if (seen.has(path)) throw new Error(`${path} is in two layers`);
      if (!Object.hasOwn(graph.paths, path)) throw new Error(`${path} is not in the graph`);
      seen.add(path);
    }
  }
  if (seen.size !== Object.keys(graph.paths).length) throw new Error('some paths are in no layer');
}

function pickRandom(names: string[], count: number, random: () => number): string[] {
  const picked = new Set<string>();
  while (picked.size < count) picked.add(names[Math.floor(random() * names.length)]!);
  return [...picked].sort();
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

const gb = (bytes: number): string => (bytes / 1e9).toFixed(3);
const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3));

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of rows) console.log(line(row));
}

main();
