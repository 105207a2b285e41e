// Turns the Debian universe into Nix-like store paths: a path's name carries a generation, and an
// update bumps the generation of a package and of everything that depends on it, as a Nix rebuild would.
import { createHash } from 'node:crypto';
import type { ClosureGraph } from '../../src/nix/closure.ts';
import type { Universe } from './debian-graph.ts';

const NIX_BASE32 = '0123456789abcdfghijklmnpqrsvwxyz';

export interface World {
  universe: Universe;
  /** Reverse edges: package -> packages that depend on it directly. */
  dependents: Map<string, string[]>;
  /** Bumped for a package and all its dependents on each update: a new hash. */
  generation: Map<string, number>;
  /** Bumped only for the package that changed itself: a new version in its name (`-0.2`, `-0.3`: Nix's <name>-<version>). */
  version: Map<string, number>;
}

export function createWorld(universe: Universe): World {
  const dependents = new Map<string, string[]>();
  for (const name of universe.deps.keys()) dependents.set(name, []);
  for (const [name, deps] of universe.deps) for (const dep of deps) dependents.get(dep)!.push(name);
  return { universe, dependents, generation: new Map(), version: new Map() };
}

export function storePath(world: World, name: string): string {
  const generation = world.generation.get(name) ?? 0;
  const digest = createHash('sha256').update(`${name}@${generation}`).digest();
  let hash = '';
  for (let i = 0; i < 32; i++) hash += NIX_BASE32[digest[i]! & 31];
  const version = world.version.get(name) ?? 0;
  return `/nix/store/${hash}-${name}${version ? `-0.${version + 1}` : ''}`;
}

export function closureNames(world: World, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    todo.push(...world.universe.deps.get(name)!);
  }
  return [...seen].sort();
}

export function imageGraph(world: World, roots: readonly string[]): ClosureGraph {
  const paths: ClosureGraph['paths'] = {};
  for (const name of closureNames(world, roots)) {
    paths[storePath(world, name)] = {
      narSize: world.universe.size.get(name)!,
      references: world.universe.deps.get(name)!.map((dep) => storePath(world, dep)),
    };
  }
  return { roots: roots.map((name) => storePath(world, name)), paths };
}

/** Changes `names`; returns every package that gets a new store path (they and their transitive dependents). */
export function applyUpdate(world: World, names: readonly string[]): Set<string> {
  const affected = new Set<string>();
  const todo = [...names];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (affected.has(name)) continue;
    affected.add(name);
    todo.push(...world.dependents.get(name)!);
  }
  for (const name of affected) world.generation.set(name, (world.generation.get(name) ?? 0) + 1);
  for (const name of names) world.version.set(name, (world.version.get(name) ?? 0) + 1);
  return affected;
}

export function undoUpdate(world: World, names: readonly string[], affected: Set<string>): void {
  for (const name of affected) world.generation.set(name, world.generation.get(name)! - 1);
  for (const name of names) world.version.set(name, world.version.get(name)! - 1);
}

/** The package name of a store path: drops the hash and a version bump added by an update. */
export function packageName(path: string): string {
  return path.replace(/^\/nix\/store\/[0-9a-z]{32}-/, '').replace(/-0\.\d+$/, '');
}

/** Small fixed-seed PRNG (mulberry32) so fleets and scenarios are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
