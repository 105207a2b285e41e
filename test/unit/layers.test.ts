import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClosureGraph } from '../../src/nix/closure.ts';
import { earlierPlanOf } from '../../src/layers/known.ts';
import { DEFAULT_LAYER_BUDGET } from '../../src/layers/budget.ts';
import { indexGraph } from '../../src/layers/indexed-graph.ts';
import { cutByLowestLargeAbove } from '../../src/layers/lowest-large-above.ts';
import { mergeByRefetch } from '../../src/layers/merge-by-refetch.ts';
import { planLayers } from '../../src/layers/plan.ts';
import { readClosureGraph, validateClosureGraph } from '../../src/layers/read-graph.ts';
import { readKnownLayers } from '../../src/layers/read-known.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const p = (name: string): string => `/nix/store/${name.padEnd(32, '0').slice(0, 32)}-${name}`;

// A small package universe: a base tier (libc and friends), two runtimes with private stacks, and tools.
const UNIVERSE: Record<string, [number, string[]]> = {
  libc: [12 * MiB, []],
  gccbase: [40 * KiB, []],
  libgcc: [100 * KiB, ['gccbase']],
  zlib: [160 * KiB, ['libc', 'libgcc']],
  ssl: [6 * MiB, ['libc', 'zlib']],
  ffi: [60 * KiB, ['libc']],
  expat: [300 * KiB, ['libc', 'zlib']],
  pylibA: [400 * KiB, ['ssl', 'ffi', 'expat']],
  pylibB: [200 * KiB, ['pylibA']],
  pymin: [5 * MiB, ['pylibB']],
  pystd: [20 * MiB, ['pymin']],
  python: [500 * KiB, ['pystd']],
  perlbase: [8 * MiB, ['ssl']],
  perlmod: [15 * MiB, ['perlbase']],
  liberror: [50 * KiB, ['perlmod']],
  gitman: [90 * KiB, ['liberror']],
  git: [40 * MiB, ['gitman', 'ssl']],
  jqlib: [300 * KiB, ['ssl']],
  onig: [600 * KiB, ['jqlib']],
  jqcore: [80 * KiB, ['onig']],
  jq: [90 * KiB, ['jqcore']],
};

function image(roots: string[]): ClosureGraph {
  const paths: ClosureGraph['paths'] = {};
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (paths[p(name)]) continue;
    const [narSize, deps] = UNIVERSE[name]!;
    paths[p(name)] = { narSize, references: [p(name), ...deps.map(p)] }; // Nix lists self-references
    todo.push(...deps);
  }
  return { roots: roots.map(p), paths };
}

function assertPartition(graph: ClosureGraph, layers: string[][], budget: number): void {
  assert.ok(layers.length <= budget, `${layers.length} layers exceed budget ${budget}`);
  const seen = new Set<string>();
  for (const layer of layers) {
    assert.ok(layer.length > 0, 'empty layer');
    assert.deepEqual(layer, [...layer].sort(), 'layer paths must be sorted');
    for (const path of layer) {
      assert.ok(!seen.has(path), `${path} is in two layers`);
      assert.ok(Object.hasOwn(graph.paths, path), `${path} is not in the graph`);
      seen.add(path);
    }
  }
  assert.equal(seen.size, Object.keys(graph.paths).length, 'every path must be in a layer');
}

const key = (layer: string[]): string => layer.join(',');

describe('planLayers', () => {
  const everything = image(['python', 'git', 'jq']);

  it('puts every path in exactly one non-empty layer within the budget, at every budget', () => {
    for (const budget of [1, 2, 3, 4, 5, 7, 10, 15, 20, 21, 100]) {
      assertPartition(everything, planLayers(everything, budget), budget);
    }
  });

  it('uses one layer at budget 1 and one layer per path when the budget allows', () => {
    assert.deepEqual(planLayers(everything, 1), [Object.keys(everything.paths).sort()]);
    const roomy = planLayers(everything, DEFAULT_LAYER_BUDGET);
    assert.equal(roomy.length, Object.keys(everything.paths).length);
    assert.ok(roomy.every((layer) => layer.length === 1));
  });

  it('fills the budget with single-path layers for the largest paths', () => {
    const layers = planLayers(everything, 8);
    assert.equal(layers.length, 8);
    const singles = layers.filter((layer) => layer.length === 1).map((layer) => layer[0]);
    for (const big of ['git', 'pystd', 'perlmod', 'libc']) assert.ok(singles.includes(p(big)), `${big} should have its own layer`);
  });

  it('is deterministic whatever the order of keys and references', () => {
    const reversed: ClosureGraph = {
      roots: [...everything.roots].reverse(),
      paths: Object.fromEntries(
        Object.entries(everything.paths)
          .reverse()
          .map(([path, info]) => [path, { narSize: info.narSize, references: [...info.references].reverse() }]),
      ),
    };
    for (const budget of [3, 6, 12]) assert.deepEqual(planLayers(reversed, budget), planLayers(everything, budget));
  });

  it('gives shared dependency stacks the same layers in two overlapping images', () => {
    // Adding git (and two layers of budget for it) must leave python's layers byte-identical:
    // python has the largest closure, so its group depends on python alone.
    const small = planLayers(image(['python', 'jq']), 6).map(key);
    const large = planLayers(image(['python', 'jq', 'git']), 8).map(key);
    const expected = [['pylibA', 'pylibB', 'pymin', 'python'], ['pystd'], ['libc']];
    for (const names of expected) {
      const layer = key(names.map(p).sort());
      assert.ok(
        small.includes(layer) && large.includes(layer),
        `layer ${names.join(',')} should be in both plans:\n${small.join('\n')}\n--\n${large.join('\n')}`,
      );
    }
    // jq's stack stays in one layer in both; at this budget it shares it with git's small paths.
    for (const plan of [small, large])
      assert.ok(plan.some((layer) => ['jq', 'jqcore', 'jqlib', 'onig'].every((name) => layer.includes(p(name)))));
  });

  it('gives only the largest root a group of its own at small budgets, more roots as the budget grows', () => {
    // Five roots, each over a private chain of forty 1 KiB paths, all over libc: 201 paths. The
    // bottom three paths of each chain are in the base tier; the others are in root groups.
    const graph: ClosureGraph = { roots: [], paths: { [p('libc')]: { narSize: 12 * MiB, references: [] } } };
    const aboveBase = new Set<string>();
    for (let r = 0; r < 5; r++) {
      const chain = Array.from({ length: 40 }, (_, i) => p(`r${r}x${i}`));
      chain.forEach((path, i) => {
        graph.paths[path] = { narSize: KiB, references: i + 1 < chain.length ? [chain[i + 1]!] : [p('libc')] };
        if (i < 37) aboveBase.add(path);
      });
      graph.roots.push(chain[0]!);
    }
    const rootGroups = (budget: number): number =>
      planLayers(graph, budget).filter((layer) => layer.length > 1 && layer.some((path) => aboveBase.has(path))).length;
    assert.equal(rootGroups(20), 2, 'budget 20: one root group plus one shared by the other roots');
    assert.equal(rootGroups(40), 4, 'budget 40: three root groups plus one shared');
    for (const budget of [20, 40]) assertPartition(graph, planLayers(graph, budget), budget);
  });

  it("keeps a leaf update inside the leaf's own layers", () => {
    const before = planLayers(image(['python', 'jq']), 6).map(key);
    UNIVERSE.jq2 = [95 * KiB, ['jqcore']];
    try {
      const after = planLayers(image(['python', 'jq2']), 6).map(key);
      const changed = after.filter((layer) => !before.includes(layer));
      assert.equal(changed.length, 1, `only jq's group should change, got ${changed.join(' | ')}`);
      assert.ok(changed[0]!.includes(p('jq2')) && !changed[0]!.includes(p('python')));
    } finally {
      delete UNIVERSE.jq2;
    }
  });

  it('orders layers so that low-level paths come first', () => {
    const layers = planLayers(everything, 100);
    const position = (name: string): number => layers.findIndex((layer) => layer.includes(p(name)));
    assert.ok(position('gccbase') < position('libgcc') && position('libgcc') < position('zlib'));
    assert.ok(position('pystd') < position('python'));
  });

  it('rejects a bad budget and a reference to a missing path', () => {
    for (const budget of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => planLayers(everything, budget), /layer budget must be a whole number of at least 1/);
    }
    const broken: ClosureGraph = { roots: [p('a')], paths: { [p('a')]: { narSize: 1, references: [p('gone')] } } };
    assert.throws(
      () => planLayers(broken, 10),
      (error: Error) => error.message.includes(p('gone')) && error.message.includes(p('a')),
    );
  });
});

describe('planLayers with known images', () => {
  const graph = image(['python', 'jq']);
  const budget = 6;
  const fresh = planLayers(graph, budget);
  const bytes = (layers: string[][]): number => layers.flat().reduce((sum, path) => sum + graph.paths[path]!.narSize, 0);
  /** Bytes of the layers a node holding the known images still fetches. */
  const newBytes = (layers: string[][], known: string[][][]): number => {
    const held = new Set(known.flat().map((layer) => key([...layer].sort())));
    return bytes(layers.filter((layer) => !held.has(key(layer))));
  };
  // pystd and libc are single layers of today's cut; published together they are one layer that fits.
  const bigPair = [p('pystd'), p('libc')].sort();

  it('reuses a known layer that fits exactly as it is, and cuts the rest', () => {
    assert.ok(!fresh.map(key).includes(key(bigPair)), 'the pair is not a layer of the fresh cut');
    const layers = planLayers(graph, budget, [[bigPair]]);
    assertPartition(graph, layers, budget);
    assert.ok(layers.map(key).includes(key(bigPair)), `the pair should be one layer:\n${layers.map(key).join('\n')}`);
    assert.equal(newBytes(layers, [[bigPair]]), bytes(fresh) - bytes([bigPair]));
  });

  it('does not reuse a layer with a path outside the closure', () => {
    const withGit = [...bigPair, p('git')].sort();
    const layers = planLayers(graph, budget, [[withGit]]);
    assertPartition(graph, layers, budget);
    assert.ok(!layers.some((layer) => layer.includes(p('pystd')) && layer.includes(p('libc'))), layers.map(key).join('\n'));
  });

  it('groups paths that appear in the same known images', () => {
    // ffi (base tier) and jq's libraries appear together in a known image that does not fit. Today's cut puts ffi
    // in the base layer; knowing that they come together, the plan puts them in one layer (a group this small stays
    // whole).
    const together = [p('ffi'), p('jqlib'), p('onig')];
    const known = [[[...together, p('git')]]];
    const layers = planLayers(graph, 4, known);
    assertPartition(graph, layers, 4);
    assert.ok(
      layers.some((layer) => together.every((path) => layer.includes(path))),
      layers.map(key).join('\n'),
    );
    assert.ok(!fresh.some((layer) => layer.includes(p('ffi')) && layer.includes(p('jqlib'))));
  });

  it("splits a group larger than a layer's share of the closure", () => {
    // python's stack and the base appear in a known image (of python and git) that does not fit: one group of 45
    // of the closure's 46 MiB. As one layer, any change to any of its paths would fetch it all again; split along
    // the cut of the whole image, the base and python's stack get layers of their own. The old rule made it one.
    const known = [[Object.keys(image(['python', 'git']).paths)]];
    const layers = planLayers(graph, 4, known);
    assertPartition(graph, layers, 4);
    assert.ok(!layers.some((layer) => layer.includes(p('zlib')) && layer.includes(p('python'))), layers.map(key).join('\n'));
  });

  it('over the budget, merges a path with the path above it rather than with a large path everything depends on', () => {
    // Three groups (each held by other known images, none of which fits), two layers. Merging lib into libc's layer
    // makes every update of lib fetch libc's 100 MiB again; merging it into tool's costs 1 MiB when tool changes.
    // Smallest-first would merge lib and libc (tool is the largest).
    const graph: ClosureGraph = {
      roots: [p('tool')],
      paths: {
        [p('libc')]: { narSize: 100 * MiB, references: [] },
        [p('lib')]: { narSize: MiB, references: [p('libc')] },
        [p('tool')]: { narSize: 200 * MiB, references: [p('lib')] },
      },
    };
    const known = [[[p('libc'), p('other1')]], [[p('libc'), p('lib'), p('other2')]], [[p('libc'), p('lib'), p('tool'), p('other3')]]];
    const layers = planLayers(graph, 2, known);
    assertPartition(graph, layers, 2);
    assert.deepEqual(layers.map(key).sort(), [key([p('libc')]), key([p('lib'), p('tool')].sort())].sort());
  });

  it('keeps units no known image holds apart for the images to come, and merges two units every known image holds together', () => {
    // Four leaves, one merge forced (budget 3). a and b are held by the one known image, c and d by none. Updates
    // alone make c+d the cheapest merge (the smallest bytes); an image to come whose root is c (or d) holds one
    // and not the other, while the known image says a and b come together.
    const sizes: Record<string, number> = { a: 4, b: 4, c: 3, d: 3 };
    const paths = Object.keys(sizes).map(p);
    const indexed = indexGraph(paths, new Map(paths.map((path) => [path, []])));
    const units = paths.map((path) => ({ paths: [path], reused: false }));
    const heldByImage0 = new Set([p('a'), p('b')]);
    const merged = mergeByRefetch(
      units,
      3,
      indexed,
      (path) => sizes[path.slice(-1)]!,
      (path) => (heldByImage0.has(path) ? [0] : []),
      1,
    );
    assert.deepEqual(merged?.map((unit) => unit.paths).sort(), [[p('a'), p('b')].sort(), [p('c')], [p('d')]].sort());
  });

  it('merges a new library into the one program that uses it, not with a library of another program', () => {
    // P uses a and b, Q uses c, both use four large base libraries; nothing is known. Updates alone make a+c the
    // cheapest merge (the two smallest leaves). But an image holding P and not Q (or the other way round) would
    // fetch the merged a+c again; c joins Q, whose images always hold it.
    const refs: Record<string, string[]> = {
      a: [],
      b: [],
      c: [],
      m1: [],
      m2: [],
      m3: [],
      m4: [],
      P: ['a', 'b', 'm1', 'm2', 'm3', 'm4'],
      Q: ['c', 'm1', 'm2', 'm3', 'm4'],
    };
    const sizes: Record<string, number> = { a: 20, b: 25, c: 15, m1: 1000, m2: 1000, m3: 1000, m4: 1000, P: 500, Q: 500 };
    const nameOf = (path: string): string => path.split('-').pop()!;
    const paths = Object.keys(refs).map(p).sort();
    const indexed = indexGraph(paths, new Map(paths.map((path) => [path, refs[nameOf(path)]!.map(p).sort()])));
    const units = paths.map((path) => ({ paths: [path], reused: false }));
    const merged = mergeByRefetch(
      units,
      units.length - 1,
      indexed,
      (path) => sizes[nameOf(path)]!,
      () => [],
      1,
    );
    assert.deepEqual(
      merged?.filter((unit) => unit.paths.length > 1).map((unit) => unit.paths.map(nameOf)),
      [['Q', 'c']],
    );
  });

  it('puts a new version of a package where its predecessor was, so images updated alike match', () => {
    UNIVERSE['jq-1.7'] = [95 * KiB, ['jqcore']];
    try {
      const before = Object.keys(graph.paths);
      const published = [before.filter((path) => path !== p('pystd')), [p('pystd')]];
      const updated = image(['python', 'jq-1.7']);
      const layers = planLayers(updated, 3, [published]);
      assertPartition(updated, layers, 3);
      const withNew = layers.find((layer) => layer.includes(p('jq-1.7')))!;
      assert.ok(withNew.includes(p('jqcore')), `jq-1.7 joins the paths jq was published with:\n${layers.map(key).join('\n')}`);
      assert.ok(layers.map(key).includes(key([p('pystd')])), 'the layer that fits is reused');
    } finally {
      delete UNIVERSE['jq-1.7'];
    }
  });

  it('after an update, carries its own earlier plan over to the new versions when that fetches less', () => {
    // jq and ssl were published in three layers, onig alone in one; jq-1.7 replaces jq. Reuse alone takes the
    // layers that fit, jqlib's single layer (published by an image of onig) among them, and has one unit too many:
    // it merges onig's untouched layer with jqlib and fetches both again. The earlier plan with jq-1.7 in jq's
    // place fetches only the layer jq was in, and the merges' model expects it to cost less later too.
    UNIVERSE['jq-1.7'] = [95 * KiB, ['jqcore']];
    try {
      const names = (list: string): string[] => list.split(' ').map(p).sort();
      const base = names('gccbase libc libgcc ssl zlib');
      const perl = names('gitman liberror perlbase perlmod');
      const own = [base, names('onig'), names('jq jqcore jqlib')];
      const known = [
        [base, perl, names('git')],
        own,
        [base, names('jqlib'), names('onig')],
        [names('expat gccbase jqcore jqlib libc libgcc onig ssl zlib'), perl, names('git')],
      ];
      const updated = image(['ssl', 'jq-1.7']);
      const layers = planLayers(updated, 3, known);
      assertPartition(updated, layers, 3);
      assert.deepEqual(layers.map(key).sort(), [base, names('onig'), names('jq-1.7 jqcore jqlib')].map(key).sort());
      assert.deepEqual(planLayers(updated, 3, [...known].reverse()), layers, 'the order of the known images does not matter');
    } finally {
      delete UNIVERSE['jq-1.7'];
    }
  });

  it('reproduces its own plan when its own image is known', () => {
    for (const b of [2, 4, 6, 10]) {
      const own = planLayers(graph, b, [[bigPair]]);
      assert.deepEqual(planLayers(graph, b, [[bigPair], own]), own, `budget ${b}`);
      assert.deepEqual(planLayers(graph, b, [planLayers(graph, b)]), planLayers(graph, b), `budget ${b}`);
    }
  });

  // Many overlapping layers: every single path, every pair of neighbours by name, the fresh cuts of other images.
  const names = Object.keys(UNIVERSE);
  const manyKnown: string[][][] = [
    names.map((name) => [p(name)]),
    names.slice(1).map((name, i) => [p(names[i]!), p(name)]),
    planLayers(image(['python', 'git', 'jq']), 4),
    planLayers(image(['git']), 3),
    [[p('libc'), p('ssl'), p('zlib'), p('pystd'), p('perlmod')]],
  ];

  it('never exceeds the budget and puts every path in exactly one layer', () => {
    for (const roots of [['python', 'jq'], ['git'], ['python', 'git', 'jq'], ['jq']]) {
      const g = image(roots);
      for (const b of [1, 2, 3, 4, 5, 7, 10, 20, 100]) {
        assertPartition(g, planLayers(g, b, manyKnown), b);
        assertPartition(g, planLayers(g, b, [[Object.keys(image(['python', 'git']).paths)], ...manyKnown.slice(2)]), b);
      }
    }
  });

  it('never makes a node fetch more than the fresh cut by the lowest large paths above would', () => {
    for (const roots of [['python', 'jq'], ['git'], ['python', 'git', 'jq']]) {
      const g = image(roots);
      const paths = Object.keys(g.paths).sort();
      const indexed = indexGraph(
        paths,
        new Map(paths.map((path) => [path, g.paths[path]!.references.filter((ref) => ref !== path).sort()])),
      );
      const sizes = paths.map((path) => g.paths[path]!.narSize);
      for (const b of [2, 3, 5, 8, 12]) {
        const held = new Set(manyKnown.flat().map((layer) => key([...layer].sort())));
        const cost = (layers: string[][]): number =>
          layers
            .filter((layer) => !held.has(key(layer)))
            .flat()
            .reduce((sum, path) => sum + g.paths[path]!.narSize, 0);
        const fresh = cutByLowestLargeAbove(indexed, sizes, b).map((group) => group.map((id) => paths[id]!).sort());
        assert.ok(cost(planLayers(g, b, manyKnown)) <= cost(fresh), `${roots.join('+')} at budget ${b}`);
      }
    }
  });

  it('is deterministic whatever the order of the known images, their layers and paths, and ignores duplicates', () => {
    const shuffled = [...manyKnown].reverse().map((layers) => [...layers].reverse().map((layer) => [...layer].reverse()));
    for (const b of [3, 6, 12]) {
      const expected = planLayers(graph, b, manyKnown);
      assert.deepEqual(planLayers(graph, b, shuffled), expected);
      assert.deepEqual(planLayers(graph, b, [...manyKnown, ...manyKnown, [[p('libc'), p('libc')]]]), expected);
    }
  });
});

describe('earlierPlanOf', () => {
  const graph = image(['python', 'jq']);
  const own = planLayers(graph, 6);

  it('returns an earlier plan of exactly this closure as it is, in its own order', () => {
    const reordered = [...own].reverse();
    assert.deepEqual(earlierPlanOf(graph, 6, [planLayers(image(['git']), 6), reordered]), reordered);
  });

  it('prefers the plan with fewer layers, whatever the order given', () => {
    const coarse = planLayers(graph, 3);
    assert.deepEqual(earlierPlanOf(graph, 6, [own, coarse]), coarse);
    assert.deepEqual(earlierPlanOf(graph, 6, [coarse, own]), coarse);
  });

  it('finds none for another closure, a plan over the budget, or a plan with a path twice', () => {
    assert.equal(earlierPlanOf(graph, 6, [planLayers(image(['python', 'jq', 'git']), 6)]), null);
    assert.equal(earlierPlanOf(graph, 5, [own]), null);
    assert.equal(earlierPlanOf(graph, 6, [[...own.slice(0, -1), [...own.at(-1)!, own[0]![0]!]]]), null);
  });
});

describe('readKnownLayers', () => {
  it('accepts layer sets (each an image of its own) and images', () => {
    assert.deepEqual(readKnownLayers('{"layers": [["/nix/store/a-x"], ["/nix/store/b-y", "/nix/store/c-z"]]}'), [
      [['/nix/store/a-x']],
      [['/nix/store/b-y', '/nix/store/c-z']],
    ]);
    assert.deepEqual(readKnownLayers('{"images": [[["/nix/store/a-x"], ["/nix/store/b-y"]]], "layers": [["/nix/store/c-z"]]}'), [
      [['/nix/store/a-x'], ['/nix/store/b-y']],
      [['/nix/store/c-z']],
    ]);
  });

  const cases: [string, string, string][] = [
    ['not JSON', '{"layers": [', 'known layers are not valid JSON'],
    ['no layers', '{"sets": []}', 'known layers must be a JSON object {"images"'],
    ['images not a list', '{"images": {}}', 'known layers must be a JSON object'],
    ['an image that is not a list', '{"images": ["/nix/store/a-x"]}', 'known images[0] must be an array of layers'],
    ['an empty layer of an image', '{"images": [[["/nix/store/a-x"], []]]}', 'known images[0][1] is empty'],
    ['an array', '[]', 'known layers must be a JSON object'],
    ['a layer that is not a list', '{"layers": ["/nix/store/a-x"]}', 'known layers[0] must be an array of store paths'],
    ['an empty layer', '{"layers": [["/nix/store/a-x"], []]}', 'known layers[1] is empty'],
    ['a relative path', '{"layers": [["/nix/store/a-x", "b-y"]]}', 'known layers[0][1] must be an absolute store path, got "b-y"'],
    ['a number', '{"layers": [[7]]}', 'known layers[0][0] must be an absolute store path, got 7'],
  ];
  for (const [name, text, message] of cases) {
    it(`names what is wrong: ${name}`, () => {
      assert.throws(
        () => readKnownLayers(text),
        (error: Error) => {
          assert.ok(error.message.includes(message), `"${error.message}" should include "${message}"`);
          return true;
        },
      );
    });
  }
});

describe('readClosureGraph', () => {
  const good = {
    roots: ['/nix/store/aaa-app'],
    paths: {
      '/nix/store/aaa-app': { narSize: 10, references: ['/nix/store/aaa-app', '/nix/store/bbb-lib'], narHash: 'sha256-kept', deriver: 'x' },
      '/nix/store/bbb-lib': { narSize: 0, references: [] },
    },
  };

  it('accepts a well-formed graph and drops fields it does not use (keeping the NAR hash, for the SBOM)', () => {
    assert.deepEqual(readClosureGraph(JSON.stringify(good)), {
      roots: ['/nix/store/aaa-app'],
      paths: {
        '/nix/store/aaa-app': { narSize: 10, references: ['/nix/store/aaa-app', '/nix/store/bbb-lib'], narHash: 'sha256-kept' },
        '/nix/store/bbb-lib': { narSize: 0, references: [] },
      },
    });
  });

  const withPath = (info: unknown): unknown => ({ ...good, paths: { ...good.paths, '/nix/store/bbb-lib': info } });
  const cases: [string, unknown, string][] = [
    ['an array', [], 'closure graph must be a JSON object'],
    ['no paths', { roots: [] }, 'closure graph "paths" must be an object'],
    ['no roots', { paths: {} }, 'closure graph "roots" must be an array'],
    [
      'negative narSize',
      withPath({ narSize: -1, references: [] }),
      'paths["/nix/store/bbb-lib"].narSize must be a non-negative integer, got number -1',
    ],
    [
      'fractional narSize',
      withPath({ narSize: 1.5, references: [] }),
      'paths["/nix/store/bbb-lib"].narSize must be a non-negative integer',
    ],
    [
      'string narSize',
      withPath({ narSize: '12', references: [] }),
      'paths["/nix/store/bbb-lib"].narSize must be a non-negative integer, got string "12"',
    ],
    ['references not a list', withPath({ narSize: 1, references: 'x' }), 'paths["/nix/store/bbb-lib"].references must be an array'],
    ['reference not a string', withPath({ narSize: 1, references: [7] }), 'paths["/nix/store/bbb-lib"].references[0] must be a string'],
    [
      'dangling reference',
      withPath({ narSize: 1, references: ['/nix/store/ccc-gone'] }),
      'paths["/nix/store/bbb-lib"].references[0] "/nix/store/ccc-gone" is not in paths',
    ],
    ['path info not an object', withPath(null), 'paths["/nix/store/bbb-lib"] must be an object'],
    [
      'relative path key',
      { roots: [], paths: { 'nix/store/x': { narSize: 1, references: [] } } },
      'paths key "nix/store/x" is not an absolute store path',
    ],
    ['unknown root', { ...good, roots: ['/nix/store/zzz-nope'] }, 'roots[0] "/nix/store/zzz-nope" is not in paths'],
    ['root not a string', { ...good, roots: [null] }, 'roots[0] must be a string'],
  ];
  for (const [name, value, message] of cases) {
    it(`names what is wrong: ${name}`, () => {
      assert.throws(
        () => validateClosureGraph(value),
        (error: Error) => {
          assert.ok(error.message.includes(message), `"${error.message}" should include "${message}"`);
          return true;
        },
      );
    });
  }

  it('reports text that is not JSON', () => {
    assert.throws(() => readClosureGraph('{"roots": ['), /closure graph is not valid JSON/);
  });
});
