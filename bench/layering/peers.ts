// Three peer layering strategies, reimplemented from their public sources for comparison only:
//  - nixpkgs referencesByPopularity + limit_layers (pkgs/build-support/references-by-popularity/closure-graph.py,
//    flatten-references-graph's popularity_contest + limit_layers, the default layeringPipeline of streamLayeredImage)
//  - nixpkgs auto-layer (pkgs/build-support/docker/auto-layer.py)
//  - Nixery's dominator-tree grouping (layers/layers.go), always with Nixery's budget of 94
import type { ClosureGraph } from '../../src/nix/closure.ts';

function referencesWithoutSelf(graph: ClosureGraph, path: string): string[] {
  return [...new Set(graph.paths[path]!.references)].filter((ref) => ref !== path).sort();
}

function closureOf(graph: ClosureGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const path = todo.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    todo.push(...referencesWithoutSelf(graph, path));
  }
  return seen;
}

// ---------------------------------------------------------------- popularity contest

/** closure-graph.py's package_name: the name first, then the hash, so equal names sort by hash. */
function popularityNameKey(path: string): string {
  const parts = path.split('-');
  const start = parts.shift()!;
  parts.push(start);
  return parts.join('-');
}

export function popularityOrder(graph: ClosureGraph): string[] {
  const all = Object.keys(graph.paths).sort();
  const referenced = new Set<string>();
  for (const path of all) for (const ref of referencesWithoutSelf(graph, path)) referenced.add(ref);
  const roots = all.filter((path) => !referenced.has(path));
  // graph_popularity_contest: every edge a -> b in the unrolled tree adds 1 to b plus b's sub-contest, shifted by 1.
  const cache = new Map<string, Map<string, number>>();
  const contest = (children: string[]): Map<string, number> => {
    const popularity = new Map<string, number>();
    for (const child of children) {
      popularity.set(child, (popularity.get(child) ?? 0) + 1);
      let sub = cache.get(child);
      if (!sub) {
        sub = contest(referencesWithoutSelf(graph, child));
        cache.set(child, sub);
      }
      for (const [subpath, subpopularity] of sub) popularity.set(subpath, (popularity.get(subpath) ?? 0) + subpopularity + 1);
    }
    return popularity;
  };
  const popularity = contest(roots);
  const keyed = [...popularity].map(([path, value]) => ({ path, value, key: popularityNameKey(path) }));
  // Most popular first; equally popular ones by package name.
  keyed.sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ordered = keyed.map((entry) => entry.path);
  const listed = new Set(ordered);
  for (const path of all) if (!listed.has(path)) ordered.push(path);
  return ordered;
}

/** limit_layers: the first budget-1 paths one per layer, everything else in one last layer. */
export function planPopularityContest(graph: ClosureGraph, budget: number): string[][] {
  const ordered = popularityOrder(graph);
  const layers = ordered.slice(0, budget - 1).map((path) => [path]);
  const rest = ordered.slice(budget - 1);
  if (rest.length > 0) layers.push(rest.sort());
  return layers;
}

// ---------------------------------------------------------------- nixpkgs auto-layer

export function planAutoLayer(graph: ClosureGraph, budget: number): string[][] {
  const all = Object.keys(graph.paths).sort();
  const deps = new Map(all.map((path) => [path, referencesWithoutSelf(graph, path)]));
  const users = new Map<string, string[]>(all.map((path) => [path, []]));
  for (const path of all) for (const ref of deps.get(path)!) users.get(ref)!.push(path);
  const strictClosure = (start: string, edges: Map<string, string[]>): Set<string> => {
    const seen = new Set<string>();
    const todo = [...edges.get(start)!];
    while (todo.length > 0) {
      const path = todo.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      todo.push(...edges.get(path)!);
    }
    seen.delete(start);
    return seen;
  };
  // Python's sorted() is stable, so equal sizes keep input order; pop() takes the last (largest).
  const bySize = [...all].sort((a, b) => graph.paths[a]!.narSize - graph.paths[b]!.narSize);
  const keyOf = (set: Set<string>): string => [...set].sort().join('\n');
  const countLayers = (split: Map<string, Set<string>>): number => new Set([...split.values()].map(keyOf)).size;

  let split = new Map(all.map((path) => [path, new Set<string>()]));
  while (bySize.length > 0) {
    const primary = bySize.pop()!;
    const next = new Map(split);
    next.set(primary, new Set([primary]));
    const primaryDeps = strictClosure(primary, deps);
    const primaryUsers = strictClosure(primary, users);
    for (const dep of primaryDeps) {
      const ids = new Set([...next.get(dep)!].filter((id) => !primaryUsers.has(id)));
      if (![...ids].some((id) => primaryDeps.has(id))) ids.add(primary);
      next.set(dep, ids);
    }
    if (countLayers(next) > budget) break;
    split = next;
  }
  const groups = new Map<string, string[]>();
  for (const path of all) {
    const key = keyOf(split.get(path)!);
    const group = groups.get(key);
    if (group) group.push(path);
    else groups.set(key, [path]);
  }
  // Order by closure size so a layer follows its dependencies, as auto-layer.py does.
  const closureSize = (paths: string[]): number => {
    const seen = new Set<string>();
    for (const path of paths) for (const member of closureOf(graph, path)) seen.add(member);
    let total = 0;
    for (const path of seen) total += graph.paths[path]!.narSize;
    return total;
  };
  return [...groups.values()]
    .map((paths) => ({ paths, size: closureSize(paths) }))
    .sort((a, b) => a.size - b.size || (a.paths[0]! < b.paths[0]! ? -1 : 1))
    .map((layer) => layer.paths);
}

// ---------------------------------------------------------------- Nixery

export const NIXERY_BUDGET = 94;

/**
 * Nixery's layers.go: a dominator tree over the image graph rooted at a virtual image node, with extra
 * root edges to "big or popular" paths; top-level subtrees are layers; the lowest merge ratings
 * (root popularity x summed closure sizes) are folded together until the budget fits.
 * `popularity` is Nixery's popcount: direct references to a package across the whole package set.
 */
export function planNixery(graph: ClosureGraph, popularity: (path: string) => number, budget = NIXERY_BUDGET): string[][] {
  const all = Object.keys(graph.paths).sort();
  const index = new Map(all.map((path, i) => [path, i + 1])); // 0 is the image root
  const n = all.length + 1;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const closureSize = new Map<string, number>();
  for (const path of all) {
    let total = 0;
    for (const member of closureOf(graph, path)) total += graph.paths[member]!.narSize;
    closureSize.set(path, total);
  }
  const pop = (path: string): number => {
    const name = path.replace(/^\/nix\/store\/[0-9a-z]+-/, '');
    if (name.startsWith('nss-cacert') || name.startsWith('iana-etc')) return 500000;
    return popularity(path) || 1;
  };
  const rootEdges = new Set<number>();
  for (const root of graph.roots) rootEdges.add(index.get(root)!);
  for (const path of all) {
    if (closureSize.get(path)! > 100 * 1000000 || pop(path) >= 100) rootEdges.add(index.get(path)!);
    for (const ref of referencesWithoutSelf(graph, path)) succ[index.get(path)!]!.push(index.get(ref)!);
  }
  succ[0] = [...rootEdges].sort((a, b) => a - b);
  const idom = dominators(succ);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let v = 1; v < n; v++) if (idom[v]! >= 0) children[idom[v]!]!.push(v);

  let layers = children[0]!.map((top) => {
    const contents: string[] = [];
    let size = 0;
    const todo = [top];
    while (todo.length > 0) {
      const v = todo.pop()!;
      const path = all[v - 1]!;
      contents.push(path);
      size += closureSize.get(path)!;
      todo.push(...children[v]!);
    }
    return { contents: contents.sort(), rating: pop(all[top - 1]!) * size };
  });
  layers.sort((a, b) => a.rating - b.rating || (a.contents[0]! < b.contents[0]! ? -1 : 1));
  while (layers.length > budget) {
    layers[1] = { contents: [...layers[0]!.contents, ...layers[1]!.contents], rating: layers[0]!.rating + layers[1]!.rating };
    layers = layers.slice(1);
  }
  return layers.map((layer) => layer.contents.sort());
}

/** Immediate dominators from node 0 (Cooper, Harvey & Kennedy); -1 for unreachable nodes. */
function dominators(succ: number[][]): number[] {
  const n = succ.length;
  const order: number[] = [];
  const postIndex = new Array<number>(n).fill(-1);
  const visited = new Array<boolean>(n).fill(false);
  const stack: { v: number; next: number }[] = [{ v: 0, next: 0 }];
  visited[0] = true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next < succ[top.v]!.length) {
      const w = succ[top.v]![top.next++]!;
      if (!visited[w]) {
        visited[w] = true;
        stack.push({ v: w, next: 0 });
      }
    } else {
      postIndex[top.v] = order.length;
      order.push(top.v);
      stack.pop();
    }
  }
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) if (visited[v]) for (const w of succ[v]!) preds[w]!.push(v);
  const idom = new Array<number>(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (postIndex[a]! < postIndex[b]!) a = idom[a]!;
      while (postIndex[b]! < postIndex[a]!) b = idom[b]!;
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i]!;
      if (v === 0) continue;
      let candidate = -1;
      for (const p of preds[v]!) {
        if (idom[p] === -1) continue;
        candidate = candidate === -1 ? p : intersect(p, candidate);
      }
      if (candidate !== idom[v]) {
        idom[v] = candidate;
        changed = true;
      }
    }
  }
  return idom;
}
