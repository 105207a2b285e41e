// Planner speed on large graphs: `nixery layers` end to end (spawned, JSON in and out) and planLayers alone, at
// 5k, 20k and 50k paths, next to the previous way of ranking roots (one whole-graph walk per root to count its
// closure), timed in the same run on the same graphs. Then planLayers with many large known images (each holding
// about half of the graph), next to planLayers without them on the same graph.
// Run: npm run build && node bench/layering-speed.ts
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KnownImage } from '../src/layers/known-image.ts';
import { planLayers } from '../src/layers/plan.ts';
import type { ClosureGraph } from '../src/nix/closure.ts';
import { loadDebianUniverse } from './layering/debian-graph.ts';
import { seededRandom } from './layering/world.ts';

const SIZES = [5000, 20000, 50000];
const BUDGET = 100;
/** Known images for the second table: each holds about half of the graph, cut into KNOWN_LAYERS layers. */
const KNOWN_IMAGES = 64;
const KNOWN_LAYERS = 100;
/** Share of the graph's paths that are new: the known images hold an earlier version of each (same name). */
const NEW_SHARE = 0.01;
const KNOWN_BUDGETS = [20, 100];
const RUNS = 3;
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

/** Every path refers to 0-3 lower paths, mostly near it: deep graphs whose roots have closures of thousands of paths. */
function deepGraph(size: number): ClosureGraph {
  const random = seededRandom(size);
  const name = (i: number): string => `/nix/store/${String(i).padStart(32, '0')}-p${i}`;
  const paths: ClosureGraph['paths'] = {};
  for (let i = 0; i < size; i++) {
    const references = new Set<string>();
    for (let k = i === 0 ? 0 : 1 + Math.floor(random() * 3); k > 0; k--)
      references.add(name(Math.max(0, i - 1 - Math.floor(random() * random() * i))));
    paths[name(i)] = { narSize: Math.floor(random() * 1e7), references: [...references] };
  }
  return { roots: [name(size - 1)], paths };
}

/** Debian packages taken in a fixed scattered order with their closures until `size` paths: many shallow roots. */
function debianGraph(size: number): ClosureGraph {
  const universe = loadDebianUniverse();
  const names = [...universe.size.keys()];
  const taken = new Set<string>();
  for (let i = 0; taken.size < size && i < names.length; i++) {
    const todo = [names[(i * 7919) % names.length]!];
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (taken.has(next)) continue;
      taken.add(next);
      todo.push(...universe.deps.get(next)!);
    }
  }
  const path = (name: string): string => `/nix/store/${'0'.repeat(32)}-${name}`;
  const paths: ClosureGraph['paths'] = {};
  for (const name of taken) paths[path(name)] = { narSize: universe.size.get(name)!, references: universe.deps.get(name)!.map(path) };
  return { roots: [], paths };
}

/**
 * KNOWN_IMAGES images published before: each holds every path with probability 1/2 (so nearly every path has its
 * own set of images: the most signatures), in KNOWN_LAYERS layers of consecutive paths. A NEW_SHARE of the graph's
 * paths is held by no image: the images hold an earlier version of each instead (another hash, the same name), so
 * the predecessor rule has work too.
 */
function knownImages(graph: ClosureGraph, seed: number): KnownImage[] {
  const random = seededRandom(seed);
  const paths = Object.keys(graph.paths).sort();
  const earlier = (path: string): string => path.replace(/^\/nix\/store\/[^-]+/, `/nix/store/${'f'.repeat(32)}`);
  const held = paths.map((path) => (random() < NEW_SHARE ? earlier(path) : path));
  return Array.from({ length: KNOWN_IMAGES }, () => {
    const image = held.filter(() => random() < 0.5);
    const size = Math.ceil(image.length / KNOWN_LAYERS);
    return Array.from({ length: KNOWN_LAYERS }, (_, i) => image.slice(i * size, (i + 1) * size)).filter((layer) => layer.length > 0);
  });
}

/** A short digest of a plan: the same plan before and after a change to the planner's speed. */
const digest = (layers: string[][]): string => createHash('sha256').update(JSON.stringify(layers)).digest('hex').slice(0, 12);

/** The previous ranking's cost: one walk per root (a path nothing refers to) to count its closure. */
function perRootWalks(graph: ClosureGraph): void {
  const referenced = new Set<string>();
  for (const info of Object.values(graph.paths)) for (const ref of info.references) referenced.add(ref);
  for (const root of Object.keys(graph.paths)) {
    if (referenced.has(root)) continue;
    const seen = new Set([root]);
    const todo = [root];
    while (todo.length > 0) for (const ref of graph.paths[todo.pop()!]!.references) if (!seen.has(ref) && seen.add(ref)) todo.push(ref);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = (run: () => void, runs = RUNS): number =>
  median(
    Array.from({ length: runs }, () => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }),
  );

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'layering-speed-'));
  const rows: string[][] = [];
  const knownRows: string[][] = [];
  try {
    for (const [shape, make] of [
      ['deep', deepGraph],
      ['Debian', debianGraph],
    ] as const) {
      for (const size of SIZES) {
        const graph = make(size);
        const file = join(dir, `${shape}-${size}.json`);
        writeFileSync(file, JSON.stringify(graph));
        const referenced = new Set(Object.values(graph.paths).flatMap((info) => info.references));
        const roots = Object.keys(graph.paths).filter((path) => !referenced.has(path)).length;
        const edges = Object.values(graph.paths).reduce((n, info) => n + info.references.length, 0);
        const cli = time(() => {
          const input = openSync(file, 'r');
          try {
            execFileSync(process.execPath, [CLI, 'layers', '--budget', String(BUDGET)], { stdio: [input, 'ignore', 'inherit'] });
          } finally {
            closeSync(input);
          }
        });
        const plan = time(() => planLayers(graph, BUDGET));
        const walks = time(() => perRootWalks(graph), 1);
        if (size === SIZES[SIZES.length - 1]) knownRows.push(...withKnown(shape, graph));
        rows.push([
          shape,
          String(Object.keys(graph.paths).length),
          String(roots),
          String(edges),
          seconds(cli),
          seconds(plan),
          seconds(walks),
        ]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(['graph', 'paths', 'roots', 'references', '`nixery layers` s', 'planLayers s', 'per-root walks s (before)'], rows);
  console.log(
    `\nBudget ${BUDGET}; medians of ${RUNS} runs (per-root walks: one run). Before this change planLayers spent the walks' time on top.`,
  );
  console.log(
    `\nWith ${KNOWN_IMAGES} known images, each holding about half of the graph in ${KNOWN_LAYERS} layers ` +
      `(${NEW_SHARE * 100}% of the paths new, their earlier versions known); medians of ${RUNS} runs:\n`,
  );
  printTable(
    ['graph', 'paths', 'known paths', 'budget', 'planLayers s (no known)', 'planLayers s (known)', 'layers', 'plan digest'],
    knownRows,
  );
}

/** Rows of the second table: one graph planned at each of KNOWN_BUDGETS with and without the known images. */
function withKnown(shape: string, graph: ClosureGraph): string[][] {
  const known = knownImages(graph, Object.keys(graph.paths).length);
  const knownPaths = known.reduce((n, image) => n + image.reduce((m, layer) => m + layer.length, 0), 0);
  return KNOWN_BUDGETS.map((budget) => {
    const alone = time(() => planLayers(graph, budget));
    let layers: string[][] = [];
    const planned = time(() => {
      layers = planLayers(graph, budget, known);
    });
    return [
      shape,
      String(Object.keys(graph.paths).length),
      String(knownPaths),
      String(budget),
      seconds(alone),
      seconds(planned),
      String(layers.length),
      digest(layers),
    ];
  });
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of rows) console.log(line(row));
}

main();
