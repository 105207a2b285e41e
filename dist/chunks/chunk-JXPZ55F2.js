#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  parseDrvName,
  storePathName
} from "./chunk-IT5BRIKT.js";
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";

// src/layers/merge-by-refetch.ts
var MAX_PAIR_WORK = 4e6;
var REUSED_NOW_WEIGHT = 0.2;
function pairwiseLimit(budget, pathCount) {
  return Math.max(budget, Math.floor(Math.sqrt(MAX_PAIR_WORK / Math.ceil(pathCount / 32))));
}
function mergeByRefetch(units, budget, indexed, narSize, imagesOf, imageCount) {
  if (units.length <= budget) return [...units];
  const { order, offsets, targets, index } = indexed;
  if (!order) return null;
  const n = indexed.paths.length;
  const k = units.length;
  const unitWords = Math.ceil(k / 32);
  const holders = new Uint32Array(n * unitWords);
  units.forEach((unit, u) => {
    for (const path of unit.paths) holders[index.get(path) * unitWords + (u >>> 5)] |= 1 << (u & 31);
  });
  for (const v of order) {
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const t = targets[e];
      for (let w = 0; w < unitWords; w++) holders[t * unitWords + w] |= holders[v * unitWords + w];
    }
  }
  const pathWords = Math.ceil(n / 32);
  const imageWords = Math.max(1, Math.ceil(imageCount / 32));
  const changedBy = units.map(() => new Uint32Array(pathWords));
  for (let x = 0; x < n; x++) {
    for (let u = 0; u < k; u++) if (holders[x * unitWords + (u >>> 5)] & 1 << (u & 31)) changedBy[u][x >>> 5] |= 1 << (x & 31);
  }
  const heldBy = units.map((unit) => {
    const bits = new Uint32Array(imageWords);
    for (const path of unit.paths) for (const image of imagesOf(path)) bits[image >>> 5] |= 1 << (image & 31);
    return bits;
  });
  const model = {
    n,
    imageCount,
    futureWeight: Math.max(0, (2 * budget - k) / budget),
    bytes: units.map((unit) => unit.paths.reduce((sum, path) => sum + narSize(path), 0)),
    changedBy,
    heldBy
  };
  const merging = new Merging(units, model);
  merging.greedy(budget);
  return merging.result();
}
var Merging = class {
  units;
  bytes;
  changedBy;
  heldBy;
  changes;
  images;
  /** Input units held by no known image that each unit holds: the images to come count once per such unit. */
  unseen;
  model;
  constructor(units, model) {
    this.model = model;
    this.units = units.map((unit) => ({ paths: [...unit.paths], reused: unit.reused }));
    this.bytes = [...model.bytes];
    this.changedBy = model.changedBy.map((bits) => bits.slice());
    this.heldBy = model.heldBy.map((bits) => bits.slice());
    this.changes = this.changedBy.map(popcount);
    this.images = this.heldBy.map(popcount);
    this.unseen = this.images.map((count) => count === 0 ? 1 : 0);
  }
  cost(a, b) {
    const { n, imageCount, futureWeight } = this.model;
    const { bytes, changes, images, unseen } = this;
    const sharedChanges = popcountAnd(this.changedBy[a], this.changedBy[b]);
    const sharedImages = popcountAnd(this.heldBy[a], this.heldBy[b]);
    const updates = (bytes[a] * (changes[b] - sharedChanges) + bytes[b] * (changes[a] - sharedChanges)) / n;
    const apartA = images[a] - sharedImages + futureWeight * unseen[a];
    const apartB = images[b] - sharedImages + futureWeight * unseen[b];
    const cuts = imageCount === 0 ? 0 : (bytes[a] * apartA + bytes[b] * apartB) / imageCount;
    const now = (this.units[a].reused ? bytes[a] : 0) + (this.units[b].reused ? bytes[b] : 0);
    return updates + cuts + REUSED_NOW_WEIGHT * now;
  }
  /** B joins A. */
  join(a, b) {
    const unitA = this.units[a];
    this.units[a] = { paths: [...unitA.paths, ...this.units[b].paths], reused: false };
    this.units[b] = null;
    this.bytes[a] += this.bytes[b];
    orInto(this.changedBy[a], this.changedBy[b]);
    orInto(this.heldBy[a], this.heldBy[b]);
    this.changes[a] = popcount(this.changedBy[a]);
    this.images[a] = popcount(this.heldBy[a]);
    this.unseen[a] += this.unseen[b];
  }
  /** Cheapest pair first until `budget` units are left. */
  greedy(budget) {
    const k = this.units.length;
    const pairCost = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairCost[a * k + b] = this.cost(a, b);
    for (let alive = k; alive > budget; alive--) {
      let bestA = -1;
      let bestB = -1;
      for (let a = 0; a < k; a++) {
        if (!this.units[a]) continue;
        for (let b = a + 1; b < k; b++) {
          if (!this.units[b]) continue;
          if (bestA < 0 || pairCost[a * k + b] < pairCost[bestA * k + bestB]) {
            bestA = a;
            bestB = b;
          }
        }
      }
      this.join(bestA, bestB);
      for (let c = 0; c < k; c++) {
        if (c === bestA || !this.units[c]) continue;
        pairCost[Math.min(c, bestA) * k + Math.max(c, bestA)] = this.cost(Math.min(c, bestA), Math.max(c, bestA));
      }
    }
  }
  result() {
    return this.units.filter((unit) => unit !== null).map((unit) => ({ paths: unit.paths.sort(), reused: unit.reused })).sort((a, b) => compareStrings(a.paths[0], b.paths[0]));
  }
};
function orInto(target, source) {
  for (let w = 0; w < target.length; w++) target[w] |= source[w];
}
function popcount(bits) {
  let count = 0;
  for (const word of bits) count += bitCount(word);
  return count;
}
function popcountAnd(a, b) {
  let count = 0;
  for (let w = 0; w < a.length; w++) count += bitCount(a[w] & b[w]);
  return count;
}
function bitCount(word) {
  let v = word - (word >>> 1 & 1431655765);
  v = (v & 858993459) + (v >>> 2 & 858993459);
  return (v + (v >>> 4) & 252645135) * 16843009 >>> 24;
}

// src/layers/known.ts
var REUSED_WEIGHT = 2;
function cutWithKnown(graph, indexed, budget, known, fresh) {
  const closure = new Set(Object.keys(graph.paths));
  const inClosure = (path) => closure.has(path);
  const narSize = (path) => graph.paths[path].narSize;
  const bytesOf = (paths) => paths.reduce((sum, path) => sum + narSize(path), 0);
  const { units, fitting } = reusedLayers(known, inClosure, bytesOf);
  const taken = new Set(units.flatMap((unit) => unit.paths));
  const { signature, imagesOf: heldBy, imageCount } = signatures(closure, known);
  const freshLayerOf = /* @__PURE__ */ new Map();
  fresh.forEach((layer, i) => {
    for (const path of layer) freshLayerOf.set(path, i);
  });
  const groups = /* @__PURE__ */ new Map();
  for (const path of Object.keys(graph.paths).sort()) {
    if (taken.has(path)) continue;
    const sig = signature.get(path);
    const key = sig === void 0 ? `today ${freshLayerOf.get(path)}` : `known ${sig}`;
    const group = groups.get(key);
    if (group) group.push(path);
    else groups.set(key, [path]);
  }
  for (const key of [...groups.keys()].sort(compareStrings)) units.push({ paths: groups.get(key), reused: false });
  const split = splitLargest(units, budget, narSize);
  const imagesOf = (path) => heldBy.get(path) ?? [];
  const bounded = mergeSmallest(split, pairwiseLimit(budget, indexed.paths.length), bytesOf);
  const merged = mergeByRefetch(bounded, budget, indexed, narSize, imagesOf, imageCount) ?? mergeSmallest(bounded, budget, bytesOf);
  const layers = merged.map((unit) => unit.paths);
  const toFetch = (plan) => plan.reduce((sum, layer) => sum + (fitting.has(layerKey(layer)) ? 0 : bytesOf(layer)), 0);
  return toFetch(layers) <= toFetch(fresh) ? layers : fresh;
}
function layerKey(layer) {
  return [...new Set(layer)].sort().join("\n");
}
function reusedLayers(known, inClosure, bytesOf) {
  const fitting = /* @__PURE__ */ new Map();
  for (const image of known) {
    for (const layer of image) {
      if (layer.length === 0 || !layer.every(inClosure)) continue;
      const key = layerKey(layer);
      const paths = key.split("\n");
      if (!fitting.has(key)) fitting.set(key, { paths, bytes: bytesOf(paths) });
    }
  }
  const ordered = [...fitting.entries()].sort(
    ([keyA, a], [keyB, b]) => b.bytes - a.bytes || a.paths.length - b.paths.length || compareStrings(keyA, keyB)
  );
  const taken = /* @__PURE__ */ new Set();
  const units = [];
  for (const [, { paths }] of ordered) {
    if (paths.some((path) => taken.has(path))) continue;
    for (const path of paths) taken.add(path);
    units.push({ paths, reused: true });
  }
  return { units, fitting: new Set(fitting.keys()) };
}
function signatures(closure, known) {
  const inClosure = (path) => closure.has(path);
  const held = /* @__PURE__ */ new Set();
  for (const image of known) for (const layer of image) for (const path of layer) if (inClosure(path)) held.add(path);
  const wanted = new Set([...closure].filter((path) => !held.has(path)).map(packageKey));
  const keys = /* @__PURE__ */ new Map();
  const isWanted = (path) => {
    if (wanted.size === 0) return false;
    let name = keys.get(path);
    if (name === void 0) {
      name = packageKey(path);
      keys.set(path, name);
    }
    return wanted.has(name);
  };
  const images = /* @__PURE__ */ new Map();
  for (const image of known) {
    const relevant = /* @__PURE__ */ new Set();
    for (const layer of image) for (const path of layer) if (inClosure(path) || isWanted(path)) relevant.add(path);
    if (relevant.size === 0) continue;
    const paths = [...relevant].sort();
    images.set(paths.join("\n"), paths);
  }
  const signature = /* @__PURE__ */ new Map();
  const imagesOf = /* @__PURE__ */ new Map();
  const predecessors = /* @__PURE__ */ new Map();
  [...images.keys()].sort(compareStrings).forEach((key, id) => {
    for (const path of images.get(key)) {
      if (!inClosure(path)) {
        const name = keys.get(path);
        const paths = predecessors.get(name);
        if (paths) paths.add(path);
        else predecessors.set(name, /* @__PURE__ */ new Set([path]));
      }
      signature.set(path, signature.has(path) ? `${signature.get(path)},${id}` : String(id));
      const ids = imagesOf.get(path);
      if (ids) ids.push(id);
      else imagesOf.set(path, [id]);
    }
  });
  for (const path of closure) {
    if (held.has(path)) continue;
    const candidates = predecessors.get(packageKey(path));
    const imageTally = (known2) => imagesOf.get(known2).length;
    const predecessor = candidates && [...candidates].sort((a, b) => imageTally(b) - imageTally(a) || compareStrings(a, b))[0];
    if (predecessor !== void 0) {
      signature.set(path, signature.get(predecessor));
      imagesOf.set(path, imagesOf.get(predecessor));
    }
  }
  for (const path of [...signature.keys()]) {
    if (inClosure(path)) continue;
    signature.delete(path);
    imagesOf.delete(path);
  }
  return { signature, imagesOf, imageCount: images.size };
}
function packageKey(path) {
  const { name, version } = parseDrvName(storePathName(path));
  const words = version.split("-").filter((part) => /^[A-Za-z]/.test(part));
  return [name, ...words].join(" ");
}
function splitLargest(units, budget, narSize) {
  if (units.length >= budget) return units;
  const candidates = units.flatMap((unit, index) => unit.reused || unit.paths.length < 2 ? [] : unit.paths.map((path) => ({ path, index }))).sort((a, b) => narSize(b.path) - narSize(a.path) || compareStrings(a.path, b.path));
  const left = units.map((unit) => unit.paths.length);
  const singles = /* @__PURE__ */ new Set();
  let count = units.length;
  for (const { path, index } of candidates) {
    if (count >= budget) break;
    if (left[index] === 1) continue;
    left[index]--;
    singles.add(path);
    count++;
  }
  const rest = units.map((unit) => unit.reused ? unit : { ...unit, paths: unit.paths.filter((path) => !singles.has(path)) });
  return [...rest, ...[...singles].map((path) => ({ paths: [path], reused: false }))];
}
function mergeSmallest(units, budget, bytesOf) {
  if (units.length <= budget) return units;
  const weight = (unit) => bytesOf(unit.paths) * (unit.reused ? REUSED_WEIGHT : 1);
  const ordered = units.map((unit) => ({ unit, weight: weight(unit), bytes: bytesOf(unit.paths) })).sort((a, b) => b.weight - a.weight || b.bytes - a.bytes || compareStrings(a.unit.paths[0], b.unit.paths[0])).map((entry) => entry.unit);
  const merged = ordered.slice(budget - 1).flatMap((unit) => unit.paths);
  return [...ordered.slice(0, budget - 1), { paths: merged, reused: false }];
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

// src/layers/indexed-graph.ts
function indexGraph(paths, references) {
  const index = new Map(paths.map((path, i) => [path, i]));
  const offsets = new Int32Array(paths.length + 1);
  paths.forEach((path, i) => {
    offsets[i + 1] = offsets[i] + references.get(path).length;
  });
  const targets = new Int32Array(offsets[paths.length]);
  paths.forEach((path, i) => {
    references.get(path).forEach((ref, k) => {
      targets[offsets[i] + k] = index.get(ref);
    });
  });
  return { paths, index, offsets, targets, order: topologicalOrder(offsets, targets) };
}
function topologicalOrder(offsets, targets) {
  const n = offsets.length - 1;
  const referrers = new Int32Array(n);
  for (const target of targets) referrers[target]++;
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (referrers[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const v = order[head];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) if (--referrers[targets[e]] === 0) order[tail++] = targets[e];
  }
  return tail === n ? order : null;
}

// src/layers/largest-closures.ts
var BATCH = 32;
function largestClosures(candidates, count, graph, height) {
  const { paths, order } = graph;
  const sizeOf = order ? batchCounter(graph, order) : walkCounter(graph);
  const bound = order ? upperBounds(graph, order, paths, height) : null;
  const ids = candidates.map((path) => graph.index.get(path));
  const byBound = bound ? ids.sort((a, b) => bound[b] - bound[a] || compareStrings(paths[a], paths[b])) : ids;
  const best = [];
  const better = (a, b) => a.size > b.size || a.size === b.size && compareStrings(paths[a.id], paths[b.id]) < 0;
  for (let start = 0; start < byBound.length; start += BATCH) {
    if (bound && best.length === count && best[count - 1].size > bound[byBound[start]]) break;
    const batch = byBound.slice(start, start + BATCH);
    const sizes = sizeOf(batch);
    batch.forEach((id, j) => {
      const entry = { id, size: sizes[j] };
      if (best.length === count && !better(entry, best[count - 1])) return;
      let at = best.length;
      while (at > 0 && better(entry, best[at - 1])) at--;
      best.splice(at, 0, entry);
      if (best.length > count) best.pop();
    });
  }
  return best.map((entry) => paths[entry.id]);
}
function upperBounds({ offsets, targets }, order, paths, height) {
  const n = paths.length;
  const perHeight = [];
  for (const path of paths) {
    const h = height.get(path);
    perHeight[h] = (perHeight[h] ?? 0) + 1;
  }
  const lower = [];
  let below = 0;
  for (let h = 0; h < perHeight.length; h++) {
    lower[h] = below;
    below += perHeight[h] ?? 0;
  }
  const bound = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i];
    let sum = 1;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) sum += bound[targets[e]];
    bound[v] = Math.min(sum, 1 + lower[height.get(paths[v])]);
  }
  return bound;
}
function batchCounter({ offsets, targets }, order) {
  const n = order.length;
  const mask = new Int32Array(n);
  const planes = new Int32Array(Math.max(1, Math.ceil(Math.log2(n + 1)) + 1));
  return (batch) => {
    mask.fill(0);
    planes.fill(0);
    batch.forEach((id, bit) => {
      mask[id] |= 1 << bit;
    });
    for (let i = 0; i < n; i++) {
      const v = order[i];
      const m = mask[v];
      if (m === 0) continue;
      let carry = m;
      for (let p = 0; carry !== 0; p++) {
        const next = planes[p] & carry;
        planes[p] ^= carry;
        carry = next;
      }
      for (let e = offsets[v]; e < offsets[v + 1]; e++) mask[targets[e]] |= m;
    }
    return batch.map((_, bit) => {
      let size = 0;
      for (let p = 0; p < planes.length; p++) size += (planes[p] >>> bit & 1) * 2 ** p;
      return size;
    });
  };
}
function walkCounter({ offsets, targets }) {
  return (batch) => batch.map((start) => {
    const seen = /* @__PURE__ */ new Set([start]);
    const todo = [start];
    while (todo.length > 0) {
      const v = todo.pop();
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        if (seen.has(targets[e])) continue;
        seen.add(targets[e]);
        todo.push(targets[e]);
      }
    }
    return seen.size;
  });
}

// src/layers/plan.ts
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
  const layers = known.length === 0 ? fresh : cutWithKnown(graph, shape.indexed, budget, known, fresh);
  return orderLayers(shape, layers);
}
function graphShape(graph) {
  const paths = Object.keys(graph.paths).sort();
  const references = referencesOf(graph, paths);
  const indexed = indexGraph(paths, references);
  return { graph, paths, references, indexed, height: heights(indexed, references), owners: /* @__PURE__ */ new Map() };
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
    owner = groupOwners(graph, shape, rootGroups);
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
    const refs = [];
    for (const ref of graph.paths[path].references) {
      if (ref === path) continue;
      if (!Object.hasOwn(graph.paths, ref)) {
        throw new Error(`${path} refers to ${ref}, which is not in the closure graph's paths; pass the whole closure`);
      }
      refs.push(ref);
    }
    refs.sort();
    references.set(
      path,
      refs.filter((ref, i) => i === 0 || ref !== refs[i - 1])
    );
  }
  return references;
}
function heights(indexed, references) {
  const { paths, order, offsets, targets } = indexed;
  if (order) {
    const byIndex = new Int32Array(paths.length);
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i];
      let h = 0;
      for (let e = offsets[v]; e < offsets[v + 1]; e++) h = Math.max(h, byIndex[targets[e]] + 1);
      byIndex[v] = h;
    }
    return new Map(paths.map((path, i) => [path, byIndex[i]]));
  }
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
function groupOwners(graph, shape, rootGroups) {
  const { paths, references, height } = shape;
  const referenced = /* @__PURE__ */ new Set();
  for (const refs of references.values()) for (const ref of refs) referenced.add(ref);
  const roots = new Set(graph.roots.filter((root) => Object.hasOwn(graph.paths, root)));
  for (const path of paths) if (!referenced.has(path)) roots.add(path);
  const owner = /* @__PURE__ */ new Map();
  for (const path of paths) if (height.get(path) <= BASE_TIER_HEIGHT) owner.set(path, BASE_GROUP);
  const walk = (root, index) => {
    owner.set(root, index);
    const todo = [root];
    while (todo.length > 0) {
      for (const ref of references.get(todo.pop())) {
        if (owner.has(ref)) continue;
        owner.set(ref, index);
        todo.push(ref);
      }
    }
  };
  const candidates = [...roots].filter((root) => !owner.has(root)).sort();
  const referencedRoots = candidates.filter((root) => referenced.has(root)).length;
  let rank = 0;
  for (const root of largestClosures(candidates, rootGroups + referencedRoots, shape.indexed, height)) {
    if (rank === rootGroups) break;
    if (!owner.has(root)) walk(root, rank++);
  }
  for (const root of candidates) if (!owner.has(root)) walk(root, rootGroups);
  return owner;
}

// src/nix/closure.ts
function checkClosureGraph(rawPaths, rawRoots, fail) {
  const entries = [...rawPaths];
  const known = new Set(entries.map(([path]) => path));
  const paths = {};
  for (const [path, info] of entries) {
    if (!isStorePath(path)) fail({ kind: "path-not-absolute", path });
    if (!isPlainObject(info)) fail({ kind: "info-not-object", path, value: info });
    const { narSize, references } = info;
    if (typeof narSize !== "number" || !Number.isSafeInteger(narSize) || narSize < 0) fail({ kind: "bad-nar-size", path, value: narSize });
    if (!Array.isArray(references)) fail({ kind: "references-not-array", path, value: references });
    references.forEach((reference, index) => {
      if (typeof reference !== "string") fail({ kind: "reference-not-string", path, index, value: reference });
      if (!known.has(reference)) fail({ kind: "reference-missing", path, index, reference });
    });
    const { narHash } = info;
    paths[path] = { narSize, references: [...references], ...typeof narHash === "string" ? { narHash } : {} };
  }
  rawRoots.forEach((root, index) => {
    if (typeof root !== "string") fail({ kind: "root-not-string", index, value: root });
    if (!known.has(root)) fail({ kind: "root-missing", index, root });
  });
  return { roots: [...rawRoots], paths };
}
function closureFromPathInfo(json, roots) {
  const entries = Array.isArray(json) ? json.map((item, i) => [pathOf(item, i), item]) : isPlainObject(json) ? Object.entries(json) : invalid("expected a JSON list or object");
  const graph = checkClosureGraph(entries, roots, pathInfoProblem);
  for (const info of Object.values(graph.paths)) info.references.sort();
  return graph;
}
function pathInfoProblem(problem) {
  switch (problem.kind) {
    case "path-not-absolute":
      return invalid(`${problem.path} is not an absolute store path`);
    case "info-not-object":
      return invalid(`entry for ${problem.path} is not an object (is the path valid in the store?)`);
    case "bad-nar-size":
      return invalid(`${problem.path} has no valid narSize`);
    case "references-not-array":
    case "reference-not-string":
      return invalid(`${problem.path} has no valid references list`);
    case "reference-missing":
      return invalid(`${problem.path} refers to ${problem.reference}, which is missing`);
    case "root-not-string":
      return invalid(`root ${problem.index} is not a string`);
    case "root-missing":
      return invalid(`root ${problem.root} is missing`);
  }
}
function pathOf(item, index) {
  if (isPlainObject(item) && typeof item.path === "string") return item.path;
  return invalid(`list entry ${index} has no "path"`);
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isStorePath(path) {
  return path.startsWith("/") && path.length > 1 && !path.includes("\0") && !path.split("/").includes("..");
}
function invalid(why) {
  throw new Error(`unexpected output from nix path-info --json: ${why}`);
}

export {
  earlierPlanOf,
  planLayers,
  checkClosureGraph,
  closureFromPathInfo,
  isPlainObject
};
