#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";

// src/layers/known.ts
var MOST_NEW_BYTES_SHARE = 3 / 4;
var FOREIGN_SHARE = 1 / 4;
function reuseKnownLayers(graph, budget, known, fresh) {
  const bytesOf = (layer) => layer.reduce((sum, path) => sum + graph.paths[path].narSize, 0);
  const freshKeys = new Set(fresh.map(layerKey));
  const freshLayerOf = /* @__PURE__ */ new Map();
  fresh.forEach((layer, i) => {
    for (const path of layer) freshLayerOf.set(path, i);
  });
  const candidates = /* @__PURE__ */ new Map();
  for (const set of known) {
    if (set.length === 0 || !set.every((path) => Object.hasOwn(graph.paths, path))) continue;
    const paths = [...new Set(set)].sort();
    const key = paths.join("\n");
    if (candidates.has(key)) continue;
    const firstLayer = freshLayerOf.get(paths[0]);
    const isPiece = paths.every((path) => freshLayerOf.get(path) === firstLayer);
    candidates.set(key, { paths, bytes: bytesOf(paths), isFresh: freshKeys.has(key), isPiece });
  }
  if (candidates.size === 0) return fresh;
  const ordered = [...candidates.entries()].sort(
    ([keyA, a], [keyB, b]) => Number(b.isFresh) - Number(a.isFresh) || Number(b.isPiece) - Number(a.isPiece) || b.bytes - a.bytes || a.paths.length - b.paths.length || compareStrings(keyA, keyB)
  ).map(([, candidate]) => candidate);
  const total = Object.keys(graph.paths).length;
  const mostForeign = Math.max(1, Math.floor(budget * FOREIGN_SHARE));
  const taken = /* @__PURE__ */ new Set();
  const reused = [];
  let foreign = 0;
  for (const candidate of ordered) {
    if (taken.size === total) break;
    if (!candidate.isFresh && foreign >= mostForeign) continue;
    if (candidate.paths.some((path) => taken.has(path))) continue;
    const left = total - taken.size - candidate.paths.length;
    if (reused.length + 1 + (left > 0 ? 1 : 0) > budget) continue;
    for (const path of candidate.paths) taken.add(path);
    reused.push(candidate.paths);
    if (!candidate.isFresh) foreign++;
  }
  const withReuse = [...reused, ...restOfFresh(fresh, taken, budget - reused.length, bytesOf)];
  const newBytes = (layers) => layers.reduce((sum, layer) => sum + (candidates.has(layerKey(layer)) ? 0 : bytesOf(layer)), 0);
  return newBytes(withReuse) <= MOST_NEW_BYTES_SHARE * newBytes(fresh) ? withReuse : fresh;
}
function earlierPlanOf(graph, budget, plans) {
  const total = Object.keys(graph.paths).length;
  const covers = (plan) => {
    if (plan.length === 0 || plan.length > budget) return false;
    const seen = /* @__PURE__ */ new Set();
    for (const layer of plan) {
      for (const path of layer) {
        if (!Object.hasOwn(graph.paths, path) || seen.has(path)) return false;
        seen.add(path);
      }
    }
    return seen.size === total;
  };
  const sameClosure = plans.filter(covers).map((plan) => plan.map((layer) => [...layer]));
  const key = (plan) => plan.map((layer) => layer.join(" ")).join("\n");
  sameClosure.sort((a, b) => a.length - b.length || compareStrings(key(a), key(b)));
  return sameClosure[0] ?? null;
}
function restOfFresh(fresh, taken, budget, bytesOf) {
  const rest = fresh.map((layer) => layer.filter((path) => !taken.has(path))).filter((layer) => layer.length > 0);
  if (rest.length <= budget) return rest;
  const bySize = rest.map((layer) => ({ layer, bytes: bytesOf(layer) })).sort((a, b) => b.bytes - a.bytes || compareStrings(a.layer[0], b.layer[0]));
  return [...bySize.slice(0, budget - 1).map((r) => r.layer), bySize.slice(budget - 1).flatMap((r) => r.layer)];
}
function layerKey(layer) {
  return [...layer].sort().join("\n");
}

// src/layers/plan.ts
var DEFAULT_LAYER_BUDGET = 100;
var BASE_TIER_HEIGHT = 3;
var BASE_GROUP = -1;
function maxGroups(budget) {
  return Math.max(3, Math.floor(budget / 10) + 1);
}
function planLayers(graph, budget, known = []) {
  if (!Number.isSafeInteger(budget) || budget < 1) {
    throw new Error(`layer budget must be a whole number of at least 1, got ${String(budget)}`);
  }
  const shape = graphShape(graph);
  const fresh = cutLayers(shape, shape.paths, budget);
  const layers = known.length === 0 ? fresh : reuseKnownLayers(graph, budget, known, fresh);
  return orderLayers(shape, layers);
}
function graphShape(graph) {
  const paths = Object.keys(graph.paths).sort();
  const references = referencesOf(graph, paths);
  return { graph, paths, references, height: heights(paths, references), owners: /* @__PURE__ */ new Map() };
}
function orderLayers(shape, layers) {
  const layerOrder = (layer) => Math.max(...layer.map((path) => shape.height.get(path)));
  return layers.map((layer) => [...layer].sort()).sort((a, b) => layerOrder(a) - layerOrder(b) || compareStrings(a[0], b[0]));
}
function cutLayers(shape, subset, budget) {
  if (subset.length <= budget) return subset.map((path) => [path]);
  const { graph } = shape;
  const rootGroups = maxGroups(budget) - 2;
  let owner = shape.owners.get(rootGroups);
  if (!owner) {
    owner = groupOwners(graph, shape.paths, shape.references, shape.height, rootGroups);
    shape.owners.set(rootGroups, owner);
  }
  const ownerOf = owner;
  const narSize = (path) => graph.paths[path].narSize;
  const bySize = [...subset].sort((a, b) => narSize(b) - narSize(a) || compareStrings(a, b));
  const groupCount = /* @__PURE__ */ new Map();
  for (const path of subset) groupCount.set(ownerOf.get(path), (groupCount.get(ownerOf.get(path)) ?? 0) + 1);
  let layerCount = groupCount.size;
  let singles = 0;
  while (singles < bySize.length) {
    const path = bySize[singles];
    const remaining = groupCount.get(ownerOf.get(path));
    const next = remaining === 1 ? layerCount : layerCount + 1;
    if (next > budget) break;
    groupCount.set(ownerOf.get(path), remaining - 1);
    layerCount = next;
    singles++;
  }
  const single = new Set(bySize.slice(0, singles));
  const groups = /* @__PURE__ */ new Map();
  for (const path of subset) {
    if (single.has(path)) continue;
    const id = ownerOf.get(path);
    const group = groups.get(id);
    if (group) group.push(path);
    else groups.set(id, [path]);
  }
  const groupList = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members);
  const keep = Math.max(0, budget - single.size - 1);
  const fitted = groupList.length + single.size > budget ? [...groupList.slice(0, keep), groupList.slice(keep).flat()] : groupList;
  return [...[...single].map((path) => [path]), ...fitted.filter((group) => group.length > 0)];
}
function referencesOf(graph, paths) {
  const references = /* @__PURE__ */ new Map();
  for (const path of paths) {
    const refs = /* @__PURE__ */ new Set();
    for (const ref of graph.paths[path].references) {
      if (!Object.hasOwn(graph.paths, ref)) {
        throw new Error(`${path} refers to ${ref}, which is not in the closure graph's paths; pass the whole closure`);
      }
      if (ref !== path) refs.add(ref);
    }
    references.set(path, [...refs].sort());
  }
  return references;
}
function heights(paths, references) {
  const height = /* @__PURE__ */ new Map();
  const onStack = /* @__PURE__ */ new Set();
  for (const start of paths) {
    if (height.has(start)) continue;
    const stack = [{ path: start, next: 0 }];
    onStack.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const refs = references.get(top.path);
      if (top.next < refs.length) {
        const ref = refs[top.next++];
        if (!height.has(ref) && !onStack.has(ref)) {
          onStack.add(ref);
          stack.push({ path: ref, next: 0 });
        }
        continue;
      }
      let h = 0;
      for (const ref of refs) if (height.has(ref)) h = Math.max(h, height.get(ref) + 1);
      height.set(top.path, h);
      onStack.delete(top.path);
      stack.pop();
    }
  }
  return height;
}
function groupOwners(graph, paths, references, height, rootGroups) {
  const referenced = /* @__PURE__ */ new Set();
  for (const refs of references.values()) for (const ref of refs) referenced.add(ref);
  const roots = new Set(graph.roots.filter((root) => Object.hasOwn(graph.paths, root)));
  for (const path of paths) if (!referenced.has(path)) roots.add(path);
  const closureCount = (root) => {
    const seen = /* @__PURE__ */ new Set([root]);
    const todo = [root];
    while (todo.length > 0) {
      for (const ref of references.get(todo.pop())) {
        if (seen.has(ref)) continue;
        seen.add(ref);
        todo.push(ref);
      }
    }
    return seen.size;
  };
  const sizes = new Map([...roots].map((root) => [root, closureCount(root)]));
  const rootOrder = [...roots].sort((a, b) => sizes.get(b) - sizes.get(a) || compareStrings(a, b));
  const owner = /* @__PURE__ */ new Map();
  for (const path of paths) if (height.get(path) <= BASE_TIER_HEIGHT) owner.set(path, BASE_GROUP);
  let rank = 0;
  for (const root of rootOrder) {
    if (owner.has(root)) continue;
    const index = Math.min(rank++, rootGroups);
    owner.set(root, index);
    const todo = [root];
    while (todo.length > 0) {
      for (const ref of references.get(todo.pop())) {
        if (owner.has(ref)) continue;
        owner.set(ref, index);
        todo.push(ref);
      }
    }
  }
  return owner;
}

export {
  earlierPlanOf,
  DEFAULT_LAYER_BUDGET,
  planLayers
};
