import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareStrings } from '../../src/compare.ts';
import { indexGraph } from '../../src/layers/indexed-graph.ts';
import { largestClosures } from '../../src/layers/largest-closures.ts';

/** A random graph of `size` paths (references mostly to nearby lower paths, some far), seeded. */
function randomGraph(seed: number, size: number, cycle: boolean) {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const name = (i: number): string => `/nix/store/${String(i).padStart(32, '0')}-p${i}`;
  const paths = Array.from({ length: size }, (_, i) => name(i)).sort();
  const references = new Map<string, string[]>();
  for (let i = 0; i < size; i++) {
    const refs = new Set<string>();
    for (let k = Math.floor(random() * 4); k > 0 && i > 0; k--) refs.add(name(Math.max(0, i - 1 - Math.floor(random() * random() * i))));
    references.set(name(i), [...refs].sort());
  }
  if (cycle && size > 2) references.set(name(0), [name(size - 1)]);
  // Longest chain below each path, back edges not counted (as the planner's heights).
  const height = new Map<string, number>();
  const heightOf = (path: string, stack: Set<string>): number => {
    if (height.has(path)) return height.get(path)!;
    stack.add(path);
    let h = 0;
    for (const ref of references.get(path)!) if (!stack.has(ref)) h = Math.max(h, heightOf(ref, stack) + 1);
    stack.delete(path);
    height.set(path, h);
    return h;
  };
  for (const path of paths) heightOf(path, new Set());
  return { paths, references, height };
}

function closureSize(references: Map<string, string[]>, root: string): number {
  const seen = new Set([root]);
  const todo = [root];
  while (todo.length > 0) for (const ref of references.get(todo.pop()!)!) if (!seen.has(ref) && seen.add(ref)) todo.push(ref);
  return seen.size;
}

describe('largestClosures', () => {
  it('gives the same roots, in the same order, as counting every closure by a walk', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const size = 20 + ((seed * 37) % 400);
      const { paths, references, height } = randomGraph(seed, size, seed % 10 === 0);
      const candidates = paths.filter((_, i) => i % 3 === seed % 3);
      const bySize = [...candidates].sort((a, b) => closureSize(references, b) - closureSize(references, a) || compareStrings(a, b));
      for (const count of [1, 2, 9, 40, candidates.length]) {
        assert.deepEqual(
          largestClosures(candidates, count, indexGraph(paths, references), height),
          bySize.slice(0, count),
          `seed ${seed}, ${size} paths, count ${count}`,
        );
      }
    }
  });

  it('breaks ties by path and counts more than 32 candidates (several batches)', () => {
    // 70 roots over one shared leaf: every closure holds two paths.
    const leaf = '/nix/store/00000000000000000000000000000000-leaf';
    const roots = Array.from({ length: 70 }, (_, i) => `/nix/store/${String(i).padStart(32, '1')}-r${i}`);
    const paths = [leaf, ...roots].sort();
    const references = new Map<string, string[]>([[leaf, []], ...roots.map((root): [string, string[]] => [root, [leaf]])]);
    const height = new Map<string, number>([[leaf, 0], ...roots.map((root): [string, number] => [root, 1])]);
    assert.deepEqual(largestClosures([...roots].reverse(), 5, indexGraph(paths, references), height), [...roots].sort().slice(0, 5));
  });
});
