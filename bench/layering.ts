// Layering benchmark: how many bytes a node fetches for a fleet of images, and re-fetches after an
// update or along a series of small changes, with our planner versus nixpkgs' and Nixery's strategies.
// Images are planned one after another, as builds into one bucket happen: a planner that takes known
// images ("ours + known") sees every image published before it. Run: node bench/layering.ts [--seed N]
// (another seed draws another fleet, updates and PR series: a rule's effect should hold across seeds).
import { performance } from 'node:perf_hooks';
import type { KnownImage } from '../src/layers/known-image.ts';
import { planLayers } from '../src/layers/plan.ts';
import { KNOWN_IMAGES_LIMIT } from '../src/pipeline/known-layers.ts';
import { compareStrings } from '../src/compare.ts';
import type { ClosureGraph } from '../src/nix/closure.ts';
import { loadDebianUniverse } from './layering/debian-graph.ts';
import { planAutoLayer, planNixery, planPopularityContest, NIXERY_BUDGET } from './layering/peers.ts';
import { applyUpdate, closureNames, createWorld, imageGraph, packageName, seededRandom, storePath, undoUpdate } from './layering/world.ts';
import type { World } from './layering/world.ts';

const BUDGETS = [20, 50, 100];
/** Packages of the whole graph whose closures the "packages' closures told" row is given. */
const PACKAGE_SET_SAMPLE = 1000;
const FLEET_SIZE = 60;
const SEED = seedArgument(20261123);

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

/** `known`: every image published before this one, as its layers (only "ours + known" looks at it). */
type Planner = (graph: ClosureGraph, budget: number, known: KnownImage[]) => string[][];

interface Strategy {
  name: string;
  plan: (budget: number) => Planner;
  /** Plans with its own budget whatever the row's. */
  ownBudget?: number;
  /** Which published images the planner is given; every image published before it unless set. */
  knownOf?: (published: Published, roots: string[]) => KnownImage[];
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

  const foreseen = fleet.map((roots, i) => [
    [...Object.keys(imageGraph(world, roots).paths), `/nix/store/${'0'.repeat(32)}-foreseen-${i}`],
  ]);
  // What knowing the package set (not the fleet) would buy: the closures of packages drawn at random from the
  // whole Debian graph, as a package-set-wide co-occurrence table would give (like Nixery's popularity data).
  const packageSetRandom = seededRandom(SEED + 2);
  const packageNames = [...universe.size.keys()].sort();
  const packageSample = new Set<string>();
  while (packageSample.size < PACKAGE_SET_SAMPLE) packageSample.add(packageNames[Math.floor(packageSetRandom() * packageNames.length)]!);
  const packageSet = [...packageSample].map((name, i) => [
    [...Object.keys(imageGraph(world, [name]).paths), `/nix/store/${'1'.repeat(32)}-package-set-${i}`],
  ]);
  const strategies: Strategy[] = [
    { name: 'nixpkgs popularity', plan: () => planPopularityContest },
    { name: 'nixpkgs auto-layer', plan: () => planAutoLayer },
    { name: `nixery (budget ${NIXERY_BUDGET})`, plan: () => (graph) => planNixery(graph, nixeryPopularity), ownBudget: NIXERY_BUDGET },
    { name: 'ours', plan: () => (graph, budget) => planLayers(graph, budget) },
    { name: 'ours + known', plan: () => planLayers },
    // What the pipeline reads (src/pipeline/known-layers.ts): the images the bucket's tags point at (a rebuilt tag
    // points at its newest image only), at most KNOWN_IMAGES_LIMIT, nearest by name first.
    {
      name: `ours + known, as the pipeline reads (<= ${KNOWN_IMAGES_LIMIT} tagged)`,
      plan: () => planLayers,
      knownOf: (published, roots) => published.tagged(roots),
    },
    // Not a strategy: the same planner told in advance which paths every fleet image holds (one layer each, with a
    // path no closure holds, so it only informs the grouping and is never reused). What knowing the future buys; not
    // a bound since large groups are split (docs/benchmarks.md, Layering).
    { name: 'ours + known, fleet foreseen', plan: () => (graph, budget, known) => planLayers(graph, budget, [...known, ...foreseen]) },
    // Not a bound either: the same planner told the closures of PACKAGE_SET_SAMPLE random packages of the package set.
    {
      name: `ours + known, ${PACKAGE_SET_SAMPLE} packages' closures told`,
      plan: () => (graph, budget, known) => planLayers(graph, budget, [...known, ...packageSet]),
    },
  ];

  const sizes = fleet.map((r) => closureNames(world, r).length);
  console.log(
    `Seed ${SEED}. Debian graph: ${universe.size.size} packages. Fleet: ${fleet.length} images, 1-5 roots each, ` +
      `${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)} paths per image on average (min ${Math.min(...sizes)}, max ${Math.max(...sizes)}), ` +
      `${fleetNames.length} distinct paths.`,
  );
  for (const s of scenarios) console.log(`  update scenario "${s.name}": ${s.changes.join(', ')}`);
  const series = prSeries(world, fleet, random);
  console.log(
    `  PR series: image ${series.image} (${series.roots.join(', ')}), ${PR_STEPS} successive changes: ${series.changes.join(', ')}`,
  );
  console.log();

  const header = [
    'budget',
    'strategy',
    'fleet GB',
    'fleet/LB',
    'update GB',
    'update/LB',
    'PR GB',
    'PR/LB',
    'max layers',
    'ms/image',
    'known sets',
  ];
  const rows: string[][] = [];
  const perScenario: string[][] = [];
  const history: string[][] = [];
  for (const budget of BUDGETS) {
    const results = strategies.map((strategy) =>
      measure(world, fleet, scenarios, series, strategy.plan(budget), budget, strategy.ownBudget ?? budget, strategy.knownOf),
    );
    results.forEach((r, i) => {
      rows.push([
        String(budget),
        strategies[i]!.name,
        gb(r.fleetBytes),
        ratio(r.fleetBytes, r.fleetLowerBound),
        gb(r.updateBytes),
        ratio(r.updateBytes, r.updateLowerBound),
        gb(r.prBytes),
        ratio(r.prBytes, r.prLowerBound),
        String(r.maxLayers),
        r.msPerImage.toFixed(2),
        String(r.maxKnown),
      ]);
      perScenario.push([String(budget), strategies[i]!.name, ...r.scenarioBytes.map((b, j) => ratio(b, r.scenarioLowerBounds[j]!))]);
      history.push([
        String(budget),
        strategies[i]!.name,
        ratio(r.fleetBytes, r.fleetLowerBound),
        ratio(r.fleetLeastNow, r.fleetLowerBound),
        ratio(r.updateBytes, r.updateLowerBound),
        ratio(r.updateLeastNow, r.updateLowerBound),
      ]);
    });
    const ours = results[strategies.findIndex((strategy) => strategy.name === 'ours + known')]!;
    const peers = results.slice(0, 3);
    const beatsFleet = peers.every((p) => ours.fleetBytes <= p.fleetBytes);
    const beatsUpdate = peers.every((p) => ours.updateBytes <= p.updateBytes);
    rows.push([
      String(budget),
      `ours + known beats peers: ${beatsFleet && beatsUpdate ? 'yes' : 'no'} (fleet ${beatsFleet ? 'yes' : 'no'}, update ${beatsUpdate ? 'yes' : 'no'})`,
      ...header.slice(2).map(() => ''),
    ]);
  }
  printTable(header, rows);
  console.log(
    `\nNixery always plans with its own budget of ${NIXERY_BUDGET} layers, so at budgets 20 and 50 it uses more layers than the others.`,
  );
  console.log(
    'LB = lower bound: fleet = bytes of the distinct paths; update and PR = bytes of the distinct new paths. ' +
      'ms/image includes JIT warm-up in the first rows; known sets = most distinct layer sets in the images an image was planned with.',
  );
  console.log(`\nPlanning one image of ${series.roots.join(', ')} with ${STRESS_SETS} known sets (ours + known, budget 20):`);
  stress(world, series.roots);
  console.log(
    '\nFleet and updates: fetched, and the least each image could fetch given what the images before it published ' +
      '(all but one layer reuse the largest fitting published layers, the rest in one), both / LB. Above the second ' +
      "figure, the image's own plan costs bytes; the second figure above 1 comes from how earlier images were cut:",
  );
  printTable(['budget', 'strategy', 'fleet/LB', 'least given history/LB', 'update/LB', 'least given history/LB'], history);
  console.log('\nUpdate bytes / lower bound per scenario:');
  printTable(['budget', 'strategy', ...scenarios.map((s) => s.name)], perScenario);
}

interface Result {
  fleetBytes: number;
  fleetLowerBound: number;
  /** Sum over the fleet of Published.leastNow: the least each image's plan could fetch, given the images before it. */
  fleetLeastNow: number;
  /** The same over the update scenarios' images. */
  updateLeastNow: number;
  updateBytes: number;
  updateLowerBound: number;
  scenarioBytes: number[];
  scenarioLowerBounds: number[];
  prBytes: number;
  prLowerBound: number;
  maxLayers: number;
  msPerImage: number;
  maxKnown: number;
}

/** What a node that pulled every image so far holds: layers (exact path sets) and paths, with their bytes. */
class Published {
  readonly layers = new Map<string, { paths: string[]; bytes: number }>();
  readonly paths = new Map<string, number>();
  images: string[][][] = [];
  /** Image name (its roots joined by '/') -> the layers of the newest image built under it. */
  readonly tags = new Map<string, string[][]>();

  copy(): Published {
    const copy = new Published();
    for (const [key, layer] of this.layers) copy.layers.set(key, layer);
    for (const [path, size] of this.paths) copy.paths.set(path, size);
    for (const [name, layers] of this.tags) copy.tags.set(name, layers);
    copy.images = [...this.images];
    return copy;
  }

  /** Adds an image's layers; returns [bytes of layers not held before, bytes of paths not held before]. */
  add(graph: ClosureGraph, layers: string[][], roots: string[]): [number, number] {
    let fetched = 0;
    let newPaths = 0;
    this.images.push(layers);
    this.tags.set(roots.join('/'), layers);
    for (const layer of layers) {
      const key = [...layer].sort().join('\n');
      if (this.layers.has(key)) continue;
      let bytes = 0;
      for (const path of layer) bytes += graph.paths[path]!.narSize;
      this.layers.set(key, { paths: layer, bytes });
      fetched += bytes;
    }
    for (const [path, info] of Object.entries(graph.paths)) {
      if (this.paths.has(path)) continue;
      this.paths.set(path, info.narSize);
      newPaths += info.narSize;
    }
    return [fetched, newPaths];
  }

  known(): KnownImage[] {
    return this.images;
  }

  /**
   * About the least a plan of this image alone could make a node holding everything published fetch, within the
   * budget: the largest published layers that fit (disjoint, largest first: an estimate, not a bound) keep all but
   * one layer, and everything else goes into that one. What is left above it comes from how earlier images were cut.
   */
  leastNow(graph: ClosureGraph, budget: number): number {
    const inImage = (path: string): boolean => Object.hasOwn(graph.paths, path);
    const fitting = [...this.layers.values()].filter((layer) => layer.paths.every(inImage)).sort((a, b) => b.bytes - a.bytes);
    const used = new Set<string>();
    const kept: number[] = [];
    for (const layer of fitting) {
      if (layer.paths.some((path) => used.has(path))) continue;
      for (const path of layer.paths) used.add(path);
      kept.push(layer.bytes);
    }
    let rest = 0;
    for (const [path, info] of Object.entries(graph.paths)) if (!used.has(path)) rest += info.narSize;
    const slots = rest > 0 ? budget - 1 : budget;
    return rest + sum(kept.slice(slots));
  }

  /** As readKnownImages orders them: the same name first, then names sharing the most roots, then by name. */
  tagged(roots: string[]): KnownImage[] {
    const wanted = new Set(roots);
    const name = roots.join('/');
    const nearness = (other: string): number =>
      other === name ? Number.MAX_SAFE_INTEGER : other.split('/').filter((part) => wanted.has(part)).length;
    return [...this.tags.keys()]
      .sort((a, b) => nearness(b) - nearness(a) || compareStrings(a, b))
      .slice(0, KNOWN_IMAGES_LIMIT)
      .map((other) => this.tags.get(other)!);
  }
}

function measure(
  world: World,
  fleet: string[][],
  scenarios: { changes: string[] }[],
  series: PrSeries,
  plan: Planner,
  budget: number,
  layerLimit: number,
  knownOf: (published: Published, roots: string[]) => KnownImage[] = (published) => published.known(),
): Result {
  let planMs = 0;
  let planned = 0;
  let maxLayers = 0;
  let maxKnown = 0;
  /**
   * Plans the image with everything published so far known, publishes it, returns what a node fetched, the bytes of
   * its new paths and about the least any plan of it could have made the node fetch (Published.leastNow).
   */
  const build = (published: Published, roots: string[]): [number, number, number] => {
    const graph = imageGraph(world, roots);
    const known = knownOf(published, roots);
    maxKnown = Math.max(maxKnown, published.layers.size);
    const start = performance.now();
    const layers = plan(graph, budget, known);
    planMs += performance.now() - start;
    planned++;
    maxLayers = Math.max(maxLayers, layers.length);
    checkPlan(graph, layers, layerLimit);
    const least = published.leastNow(graph, layerLimit);
    return [...published.add(graph, layers, roots), least];
  };

  const fleetState = new Published();
  let fleetBytes = 0;
  let fleetLowerBound = 0;
  let fleetLeastNow = 0;
  for (const roots of fleet) {
    const [fetched, lowerBound, least] = build(fleetState, roots);
    fleetBytes += fetched;
    fleetLowerBound += lowerBound;
    fleetLeastNow += least;
  }
  const scenarioBytes: number[] = [];
  const scenarioLowerBounds: number[] = [];
  let updateLeastNow = 0;
  for (const scenario of scenarios) {
    const affected = applyUpdate(world, scenario.changes);
    const state = fleetState.copy();
    let fetched = 0;
    let lowerBound = 0;
    for (const roots of fleet) {
      const [f, l, least] = build(state, roots);
      fetched += f;
      lowerBound += l;
      updateLeastNow += least;
    }
    undoUpdate(world, scenario.changes, affected);
    scenarioBytes.push(fetched);
    scenarioLowerBounds.push(lowerBound);
  }
  const prState = fleetState.copy();
  let prBytes = 0;
  let prLowerBound = 0;
  const undo: { names: string[]; affected: Set<string> }[] = [];
  for (const name of series.changes) {
    undo.push({ names: [name], affected: applyUpdate(world, [name]) });
    const [fetched, lowerBound] = build(prState, series.roots);
    prBytes += fetched;
    prLowerBound += lowerBound;
  }
  for (const step of undo.reverse()) undoUpdate(world, step.names, step.affected);
  return {
    fleetBytes,
    fleetLowerBound,
    fleetLeastNow,
    updateLeastNow,
    scenarioBytes,
    scenarioLowerBounds,
    updateBytes: sum(scenarioBytes),
    updateLowerBound: sum(scenarioLowerBounds),
    prBytes,
    prLowerBound,
    maxLayers,
    msPerImage: planMs / planned,
    maxKnown,
  };
}

const PR_STEPS = 20;
/** A small change rebuilds at most this many paths of the image: the package and a few dependents. */
const PR_MAX_TOUCHED = 5;

interface PrSeries {
  image: number;
  roots: string[];
  changes: string[];
}

/**
 * A pull request's life: the fleet's largest image gets PR_STEPS changes one after another, each to a package
 * of its closure that rebuilds at most PR_MAX_TOUCHED of its paths, each built on top of the previous one.
 */
function prSeries(world: World, fleet: string[][], random: () => number): PrSeries {
  const sizes = fleet.map((roots) => closureNames(world, roots).length);
  const image = sizes.indexOf(Math.max(...sizes));
  const roots = fleet[image]!;
  const names = closureNames(world, roots);
  const inImage = new Set(names);
  const touched = (name: string): number => {
    const seen = new Set<string>();
    const todo = [name];
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (seen.has(next) || !inImage.has(next)) continue;
      seen.add(next);
      todo.push(...world.dependents.get(next)!);
    }
    return seen.size;
  };
  const small = names.filter((name) => touched(name) <= PR_MAX_TOUCHED);
  const changes = Array.from({ length: PR_STEPS }, () => small[Math.floor(random() * small.length)]!);
  return { image, roots, changes };
}

const STRESS_SETS = 10000;

/**
 * Bounded cost: one image planned against many known sets (random slices of the Debian universe, half of
 * them inside the image's closure), timed over a few runs.
 */
function stress(world: World, roots: string[]): void {
  const graph = imageGraph(world, roots);
  const inside = Object.keys(graph.paths).sort();
  const outside = [...world.universe.size.keys()].slice(0, 5000).map((name) => storePath(world, name));
  const random = seededRandom(SEED + 1);
  const known: string[][] = [];
  for (let i = 0; i < STRESS_SETS; i++) {
    const pool = i % 2 === 0 ? inside : outside;
    const count = 1 + Math.floor(random() * 12);
    const set = new Set<string>();
    while (set.size < Math.min(count, pool.length)) set.add(pool[Math.floor(random() * pool.length)]!);
    known.push([...set]);
  }
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const layers = planLayers(
      graph,
      20,
      known.map((set) => [set]),
    );
    runs.push(performance.now() - start);
    checkPlan(graph, layers, 20);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `  ${Object.keys(graph.paths).length} paths, ${known.reduce((n, set) => n + set.length, 0)} known paths in all: ` +
      `median ${runs[2]!.toFixed(1)} ms, slowest ${runs[4]!.toFixed(1)} ms`,
  );
}

/** Every strategy must produce a partition of the image's paths; a broken peer would make the comparison meaningless. */
function checkPlan(graph: ClosureGraph, layers: string[][], budget: number): void {
  if (layers.length > budget) throw new Error(`${layers.length} layers exceed the budget of ${budget}`);
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

/** `--seed N` from the command line, else `fallback`. */
function seedArgument(fallback: number): number {
  const at = process.argv.indexOf('--seed');
  if (at < 0) return fallback;
  const seed = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed needs a whole number, got ${JSON.stringify(process.argv[at + 1] ?? '')}`);
  return seed;
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
