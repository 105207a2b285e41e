import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClosureGraph } from '../../src/nix/closure.ts';
import { indexGraph } from '../../src/layers/indexed-graph.ts';
import { cutByLowestLargeAbove } from '../../src/layers/lowest-large-above.ts';
import { planLayers } from '../../src/layers/plan.ts';

const p = (name: string): string => `/nix/store/${name.padEnd(32, '0').slice(0, 32)}-${name}`;
const nameOf = (path: string): string => path.split('-').pop()!;

// Two programs P and Q on libc; a only P uses, c only Q, s both.
const REFS: Record<string, string[]> = { P: ['a', 's', 'libc'], Q: ['c', 's', 'libc'], a: ['libc'], c: ['libc'], s: ['libc'], libc: [] };
const SIZES: Record<string, number> = { P: 500, Q: 400, libc: 300, a: 10, c: 10, s: 10 };

function graphOf(refs: Record<string, string[]>, sizes: Record<string, number>): ClosureGraph {
  const paths: ClosureGraph['paths'] = {};
  for (const [name, deps] of Object.entries(refs)) paths[p(name)] = { narSize: sizes[name]!, references: deps.map(p) };
  return { roots: [], paths };
}

/** The cut as sorted groups of sorted names. */
function cut(refs: Record<string, string[]>, sizes: Record<string, number>, budget: number): string[][] {
  const paths = Object.keys(refs).map(p).sort();
  const indexed = indexGraph(paths, new Map(paths.map((path) => [path, refs[nameOf(path)]!.map(p).sort()])));
  const groups = cutByLowestLargeAbove(
    indexed,
    paths.map((path) => sizes[nameOf(path)]!),
    budget,
  );
  return groups.map((group) => group.map((id) => nameOf(paths[id]!)).sort()).sort();
}

describe('cutByLowestLargeAbove', () => {
  it('puts a library with the one large path above it, and what two share apart', () => {
    assert.deepEqual(cut(REFS, SIZES, 4), [['P', 'a'], ['Q', 'c'], ['libc'], ['s']]);
  });

  it('takes the largest paths only while the groups fit the budget', () => {
    // Taking Q as well would make three groups: P's (with libc and s, which only P is above so far) and Q's.
    assert.deepEqual(cut(REFS, SIZES, 2), [
      ['P', 'a', 'libc', 's'],
      ['Q', 'c'],
    ]);
    assert.deepEqual(cut(REFS, SIZES, 1), [['P', 'Q', 'a', 'c', 'libc', 's']]);
    assert.deepEqual(cut(REFS, SIZES, 6), [['P'], ['Q'], ['a'], ['c'], ['libc'], ['s']]);
  });

  it('puts every path in exactly one group, within the budget, the same whatever the input order', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 20; round++) {
      const names = Array.from({ length: 40 }, (_, i) => `n${i}`);
      const refs: Record<string, string[]> = {};
      const sizes: Record<string, number> = {};
      names.forEach((name, i) => {
        refs[name] = names.slice(i + 1).filter(() => random() < 0.08);
        sizes[name] = 1 + Math.floor(random() * 1000);
      });
      for (const budget of [1, 3, 10, 39, 40]) {
        const groups = cut(refs, sizes, budget);
        assert.ok(groups.length <= budget && groups.length > 0);
        assert.deepEqual(groups.flat().sort(), [...names].sort());
        const reversed = Object.fromEntries(Object.entries(refs).reverse());
        assert.deepEqual(cut(reversed, sizes, budget), groups);
      }
    }
  });

  it('cuts a hand-written graph with a cycle', () => {
    const refs = { ...REFS, a: ['libc', 'P'] }; // P -> a -> P
    const groups = cut(refs, SIZES, 4);
    assert.ok(groups.length <= 4);
    assert.deepEqual(groups.flat().sort(), Object.keys(REFS).sort());
  });
});

describe('planLayers with known images, for the paths they do not hold', () => {
  it('groups a new library with the program that uses it', () => {
    // A node holds libc. Of the new paths, a goes with P and c with Q, and s, which both use, stands apart:
    // an image of P alone would hold P's layer whole.
    const layers = planLayers(graphOf(REFS, SIZES), 4, [[[p('libc')]]]);
    assert.deepEqual(layers.map((layer) => layer.map(nameOf).sort()).sort(), [['P', 'a'], ['Q', 'c'], ['libc'], ['s']]);
  });
});
