import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareIdLists, IdListMap, sortedDistinct } from '../../src/layers/id-lists.ts';

describe('id lists', () => {
  it('sorts and deduplicates numbers', () => {
    assert.deepEqual([...sortedDistinct([5, 1, 5, 3, 1, 40, 3])], [1, 3, 5, 40]);
    assert.deepEqual([...sortedDistinct([])], []);
  });

  it('orders lists of path numbers as their sorted paths joined by newlines would be', () => {
    const paths = ['/nix/store/a-x', '/nix/store/a-x-bin', '/nix/store/b', '/nix/store/c-lib', '/nix/store/c-libz'].sort();
    const lists = [[0], [0, 1], [1], [0, 2], [2, 3], [3], [3, 4], [4], [0, 1, 2, 3, 4], [1, 4]];
    const joined = (list: number[]): string => list.map((id) => paths[id]).join('\n');
    for (const a of lists) {
      for (const b of lists) {
        const expected = Math.sign(joined(a) < joined(b) ? -1 : joined(a) > joined(b) ? 1 : 0);
        assert.equal(Math.sign(compareIdLists(a, b)), expected, `${a} against ${b}`);
      }
    }
  });

  it('compares numbers with a given order', () => {
    // As text, 10 comes before 9.
    const asText = (x: number, y: number): number => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0);
    assert.ok(compareIdLists([1, 10], [1, 9], asText) < 0);
    assert.ok(compareIdLists([1, 10], [1, 9]) > 0);
    assert.ok(compareIdLists([1], [1, 9], asText) < 0);
  });

  it('maps lists by content, whatever array holds them', () => {
    const map = new IdListMap<string>();
    map.add(Int32Array.of(1, 2, 3), 'a');
    map.add([4], 'b');
    map.add([], 'empty');
    assert.equal(map.get([1, 2, 3]), 'a');
    assert.equal(map.get(Int32Array.of(4)), 'b');
    assert.equal(map.get(new Int32Array(0)), 'empty');
    assert.equal(map.get([1, 2]), undefined);
    assert.equal(map.get([3, 2, 1]), undefined);
    // Many lists: each found again, none confused with another.
    const many = new IdListMap<number>();
    for (let i = 0; i < 5000; i++) many.add([i % 7, i, i * 3], i);
    for (let i = 0; i < 5000; i++) assert.equal(many.get(Int32Array.of(i % 7, i, i * 3)), i);
  });
});
