#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  parseDrvName,
  storePathName
} from "./chunk-IT5BRIKT.js";
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";

// src/layers/id-lists.ts
function sortedDistinct(ids) {
  const sorted = Int32Array.from(ids).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i];
  return sorted.subarray(0, length);
}
function compareIdLists(a, b, compare = (x, y) => x - y) {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return compare(a[i], b[i]);
  return a.length - b.length;
}
var IdListMap = class {
  buckets = /* @__PURE__ */ new Map();
  get(list) {
    const bucket = this.buckets.get(hash(list));
    if (bucket) {
      for (const entry of bucket) if (compareIdLists(entry.list, list) === 0) return entry.value;
    }
    return void 0;
  }
  /** Sets the value of a list not in the map yet. */
  add(list, value) {
    const key = hash(list);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ list, value });
    else this.buckets.set(key, [{ list, value }]);
  }
};
function hash(list) {
  let h = 2166136261 ^ list.length;
  for (let i = 0; i < list.length; i++) h = Math.imul(h ^ list[i], 16777619);
  return h >>> 0;
}

// src/layers/merge-by-refetch.ts
var MAX_PAIR_WORK = 4e6;
var REUSED_NOW_WEIGHT = 0.2;
function pairwiseLimit(budget, pathCount) {
  return Math.max(budget, Math.floor(Math.sqrt(MAX_PAIR_WORK / Math.ceil(pathCount / 32))));
}
function mergeByRefetch(units, budget, indexed, narSize, imagesOf, imageCount) {
  if (units.length <= budget) return [...units];
  if (!indexed.order) return null;
  const model = modelOf(units, indexed, narSize, imagesOf, imageCount, (heldBy) => heldBy.some((bits) => bits.every((word) => word === 0)));
  const merging = new Merging(units, model);
  merging.greedy(budget);
  return merging.result(indexed.index, indexed.paths);
}
function planRefetch(layers, now, indexed, narSize, imagesOf, imageCount) {
  if (!indexed.order) return null;
  const units = layers.map((paths) => ({ paths: [...paths], reused: false }));
  const unseen = units.map((unit) => unit.paths.some((path) => imagesOf(path).length === 0));
  const { n, bytes, changedBy, heldBy, heldAbove } = modelOf(units, indexed, narSize, imagesOf, imageCount, () => unseen.some((u) => u));
  let later = 0;
  units.forEach((_, u) => {
    later += bytes[u] * popcount(changedBy[u]) / n;
    if (imageCount > 0) later += bytes[u] * popcount(heldBy[u]) / imageCount;
    if (unseen[u]) later += bytes[u] * popcount(heldAbove[u]) / n;
  });
  return later + REUSED_NOW_WEIGHT * now;
}
function closureBits(units, indexed, direction) {
  const { offsets, targets, index } = indexed;
  const order = indexed.order;
  const n = indexed.paths.length;
  const unitWords = Math.ceil(units.length / 32);
  const reach = new Uint32Array(n * unitWords);
  units.forEach((unit, u) => {
    for (const path of unit.paths) reach[index.get(path) * unitWords + (u >>> 5)] |= 1 << (u & 31);
  });
  const down = direction === "below";
  for (let i = 0; i < n; i++) {
    const v = order[down ? i : n - 1 - i];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const from = (down ? v : targets[e]) * unitWords;
      const to = (down ? targets[e] : v) * unitWords;
      for (let w = 0; w < unitWords; w++) reach[to + w] |= reach[from + w];
    }
  }
  const bits = units.map(() => new Uint32Array(Math.ceil(n / 32)));
  for (let x = 0; x < n; x++) {
    for (let u = 0; u < units.length; u++) if (reach[x * unitWords + (u >>> 5)] & 1 << (u & 31)) bits[u][x >>> 5] |= 1 << (x & 31);
  }
  return bits;
}
function modelOf(units, indexed, narSize, imagesOf, imageCount, needAbove) {
  const imageWords = Math.max(1, Math.ceil(imageCount / 32));
  const heldBy = units.map((unit) => {
    const bits = new Uint32Array(imageWords);
    for (const path of unit.paths) {
      const images = imagesOf(path);
      for (let i = 0; i < images.length; i++) bits[images[i] >>> 5] |= 1 << (images[i] & 31);
    }
    return bits;
  });
  return {
    n: indexed.paths.length,
    imageCount,
    bytes: units.map((unit) => unit.paths.reduce((sum, path) => sum + narSize(path), 0)),
    changedBy: closureBits(units, indexed, "below"),
    heldBy,
    heldAbove: needAbove(heldBy) ? closureBits(units, indexed, "above") : units.map(() => new Uint32Array(0))
  };
}
var Merging = class {
  units;
  bytes;
  changedBy;
  heldBy;
  heldAbove;
  changes;
  images;
  above;
  /** Input units held by no known image that each unit holds: with any, the graph weighs the images to come. */
  unseen;
  model;
  constructor(units, model) {
    this.model = model;
    this.units = units.map((unit) => ({ paths: [...unit.paths], reused: unit.reused }));
    this.bytes = [...model.bytes];
    this.changedBy = model.changedBy.map((bits) => bits.slice());
    this.heldBy = model.heldBy.map((bits) => bits.slice());
    this.heldAbove = model.heldAbove.map((bits) => bits.slice());
    this.changes = this.changedBy.map(popcount);
    this.images = this.heldBy.map(popcount);
    this.above = this.heldAbove.map(popcount);
    this.unseen = this.images.map((count) => count === 0 ? 1 : 0);
  }
  cost(a, b) {
    const { n, imageCount } = this.model;
    const { bytes, changes, images, above, unseen } = this;
    const sharedChanges = popcountAnd(this.changedBy[a], this.changedBy[b]);
    const sharedImages = popcountAnd(this.heldBy[a], this.heldBy[b]);
    const updates = (bytes[a] * (changes[b] - sharedChanges) + bytes[b] * (changes[a] - sharedChanges)) / n;
    const cuts = imageCount === 0 ? 0 : (bytes[a] * (images[a] - sharedImages) + bytes[b] * (images[b] - sharedImages)) / imageCount;
    let toCome = 0;
    if (unseen[a] + unseen[b] > 0) {
      const sharedAbove = popcountAnd(this.heldAbove[a], this.heldAbove[b]);
      toCome = (bytes[a] * (above[a] - sharedAbove) + bytes[b] * (above[b] - sharedAbove)) / n;
    }
    const now = (this.units[a].reused ? bytes[a] : 0) + (this.units[b].reused ? bytes[b] : 0);
    return updates + cuts + toCome + REUSED_NOW_WEIGHT * now;
  }
  /** B joins A. */
  join(a, b) {
    const unitA = this.units[a];
    this.units[a] = { paths: [...unitA.paths, ...this.units[b].paths], reused: false };
    this.units[b] = null;
    this.bytes[a] += this.bytes[b];
    orInto(this.changedBy[a], this.changedBy[b]);
    orInto(this.heldBy[a], this.heldBy[b]);
    orInto(this.heldAbove[a], this.heldAbove[b]);
    this.changes[a] = popcount(this.changedBy[a]);
    this.images[a] = popcount(this.heldBy[a]);
    this.above[a] = popcount(this.heldAbove[a]);
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
  /** The units left, each with its paths sorted (by their numbers: the paths are numbered in sorted order). */
  result(index, paths) {
    return this.units.filter((unit) => unit !== null).map((unit) => ({
      paths: Array.from(Int32Array.from(unit.paths, (path) => index.get(path)).sort(), (id) => paths[id]),
      reused: unit.reused
    })).sort((a, b) => compareStrings(a.paths[0], b.paths[0]));
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

// src/layers/package-key.ts
function packageKey(path) {
  const { name, version } = parseDrvName(storePathName(path));
  const words = version.split("-").filter((part) => /^[A-Za-z]/.test(part));
  return [name, ...words].join(" ");
}

// src/layers/signatures.ts
function signatures(indexed, known, numbered) {
  const { paths } = indexed;
  const n = paths.length;
  const held = new Uint8Array(n);
  for (const image of numbered) for (const layer of image) for (let k = 0; k < layer.length; k++) if (layer[k] >= 0) held[layer[k]] = 1;
  const wanted = /* @__PURE__ */ new Set();
  for (let i = 0; i < n; i++) if (!held[i]) wanted.add(packageKey(paths[i]));
  const outside = /* @__PURE__ */ new Map();
  const outsidePaths = [];
  const outsideSeen = [];
  const names = /* @__PURE__ */ new Map();
  const outsideId = (path) => {
    let id = outside.get(path);
    if (id !== void 0) return id;
    let name = names.get(path);
    if (name === void 0) {
      name = packageKey(path);
      names.set(path, name);
    }
    if (!wanted.has(name)) return -1;
    id = n + outsidePaths.length;
    outside.set(path, id);
    outsidePaths.push(path);
    outsideSeen.push(-1);
    return id;
  };
  const closureSeen = new Int32Array(n).fill(-1);
  const relevant = known.map((image, i) => {
    const ids = new Int32Array(image.reduce((sum, layer) => sum + layer.length, 0));
    let count = 0;
    image.forEach((layer, j) => {
      const layerIds = numbered[i][j];
      for (let k = 0; k < layerIds.length; k++) {
        let id = layerIds[k];
        if (id >= 0) {
          if (closureSeen[id] === i) continue;
          closureSeen[id] = i;
        } else {
          id = wanted.size > 0 ? outsideId(layer[k]) : -1;
          if (id < 0 || outsideSeen[id - n] === i) continue;
          outsideSeen[id - n] = i;
        }
        ids[count++] = id;
      }
    });
    return ids.subarray(0, count);
  });
  const total = n + outsidePaths.length;
  const outsideOrder = outsidePaths.map((_, j) => n + j).sort((a, b) => compareStrings(outsidePaths[a - n], outsidePaths[b - n]));
  const sorted = new Int32Array(total);
  for (let i = 0, j = 0, r = 0; r < total; r++) {
    sorted[r] = j === outsideOrder.length || i < n && compareStrings(paths[i], outsidePaths[outsideOrder[j] - n]) < 0 ? i++ : outsideOrder[j++];
  }
  const inRelevant = holdersIndex(total, relevant);
  const ordered = relevant.map((ids) => new Int32Array(ids.length));
  const filledIn = new Int32Array(known.length);
  for (let r = 0; r < total; r++) {
    const id = sorted[r];
    for (let e = inRelevant.offsets[id]; e < inRelevant.offsets[id + 1]; e++) {
      const image = inRelevant.holders[e];
      ordered[image][filledIn[image]++] = r;
    }
  }
  const images = [];
  const seen = new IdListMap();
  for (const positions of ordered) {
    if (positions.length === 0 || seen.get(positions)) continue;
    seen.add(positions, true);
    images.push(positions);
  }
  images.sort(compareIdLists);
  const { offsets, holders } = holdersIndex(
    total,
    images.map((positions) => positions.map((r) => sorted[r]))
  );
  const holdersOf = (id) => holders.subarray(offsets[id], offsets[id + 1]);
  const predecessors = /* @__PURE__ */ new Map();
  outsidePaths.forEach((path, j) => {
    const name = names.get(path);
    const ids = predecessors.get(name);
    if (ids) ids.push(n + j);
    else predecessors.set(name, [n + j]);
  });
  const imagesOf = [];
  for (let i = 0; i < n; i++) {
    if (held[i]) {
      imagesOf.push(holdersOf(i));
      continue;
    }
    const candidates = predecessors.get(packageKey(paths[i]));
    const tally = (id) => offsets[id + 1] - offsets[id];
    const predecessor = candidates && [...candidates].sort((a, b) => tally(b) - tally(a) || compareStrings(outsidePaths[a - n], outsidePaths[b - n]))[0];
    imagesOf.push(predecessor === void 0 ? void 0 : holdersOf(predecessor));
  }
  return { imagesOf, imageCount: images.length, held };
}
function holdersIndex(size, lists) {
  const offsets = new Int32Array(size + 1);
  for (const list of lists) for (let k = 0; k < list.length; k++) offsets[list[k] + 1]++;
  for (let id = 0; id < size; id++) offsets[id + 1] += offsets[id];
  const holders = new Int32Array(offsets[size]);
  const filled = offsets.slice(0, size);
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l];
    for (let k = 0; k < list.length; k++) holders[filled[list[k]]++] = l;
  }
  return { offsets, holders };
}

// src/layers/successor-plans.ts
function successorPlans(indexed, budget, known, numbered) {
  const { paths } = indexed;
  const n = paths.length;
  const sized = known.flatMap(
    (image, i) => image.length <= budget && image.reduce((sum, layer) => sum + layer.length, 0) === n ? [i] : []
  );
  if (sized.length === 0) return [];
  const byPackage = /* @__PURE__ */ new Map();
  paths.forEach((path, i) => {
    const name = packageKey(path);
    byPackage.set(name, byPackage.has(name) ? -1 : i);
  });
  const plans = [];
  const seen = new Int32Array(n).fill(-1);
  for (const i of sized) {
    const layers = [];
    let ok = true;
    for (let j = 0; ok && j < known[i].length; j++) {
      const layer = numbered[i][j];
      if (layer.length === 0) continue;
      const ids = new Int32Array(layer.length);
      for (let k = 0; ok && k < layer.length; k++) {
        const id = layer[k] >= 0 ? layer[k] : byPackage.get(packageKey(known[i][j][k])) ?? -1;
        ok = id >= 0 && seen[id] !== i;
        if (ok) seen[id] = i;
        ids[k] = id;
      }
      layers.push(ids.sort());
    }
    if (!ok) continue;
    layers.sort((a, b) => a[0] - b[0]);
    plans.push({ ids: layers, text: layers.map((ids) => ids.join(",")).join(" ") });
  }
  plans.sort((a, b) => compareStrings(a.text, b.text));
  return plans.map((plan) => plan.ids.map((ids) => Array.from(ids, (id) => paths[id])));
}

// src/layers/known.ts
var REUSED_WEIGHT = 2;
function cutWithKnown(graph, indexed, budget, known, fresh) {
  const { paths, index } = indexed;
  const narSize = (path) => graph.paths[path].narSize;
  const bytesOf = (paths2) => paths2.reduce((sum, path) => sum + narSize(path), 0);
  const sizes = Float64Array.from(paths, narSize);
  const numbered = known.map((image) => image.map((layer) => numberPaths(layer, index)));
  const { units, fitting } = reusedLayers(numbered, indexed, sizes);
  const taken = new Uint8Array(paths.length);
  for (const unit of units) for (const path of unit.paths) taken[index.get(path)] = 1;
  const { imagesOf: heldBy, imageCount, held } = signatures(indexed, known, numbered);
  const freshLayerOf = new Int32Array(paths.length);
  fresh.forEach((layer, i) => {
    for (const path of layer) freshLayerOf[index.get(path)] = i;
  });
  const bySignature = [];
  const signatureGroups = new IdListMap();
  const byFreshLayer = /* @__PURE__ */ new Map();
  for (let i = 0; i < paths.length; i++) {
    if (taken[i]) continue;
    const signature = heldBy[i];
    let group = signature ? signatureGroups.get(signature) : byFreshLayer.get(freshLayerOf[i]);
    if (!group) {
      group = [];
      if (!signature) byFreshLayer.set(freshLayerOf[i], group);
      else {
        signatureGroups.add(signature, group);
        bySignature.push({ signature, paths: group });
      }
    }
    group.push(paths[i]);
  }
  const asText = textOrder(Math.max(imageCount, fresh.length));
  const byText = (a, b) => asText[a] - asText[b];
  bySignature.sort((a, b) => compareIdLists(a.signature, b.signature, byText));
  const share = sizes.reduce((sum, size) => sum + size, 0) / budget;
  for (const group of bySignature) {
    if (bytesOf(group.paths) <= share) {
      units.push({ paths: group.paths, reused: false });
      continue;
    }
    const parts = /* @__PURE__ */ new Map();
    for (const path of group.paths) {
      const id = index.get(path);
      const part = held[id] ? freshLayerOf[id] : -1;
      const members = parts.get(part);
      if (members) members.push(path);
      else parts.set(part, [path]);
    }
    for (const part of [...parts.keys()].sort((a, b) => a - b)) units.push({ paths: parts.get(part), reused: false });
  }
  for (const layer of [...byFreshLayer.keys()].sort(byText)) units.push({ paths: byFreshLayer.get(layer), reused: false });
  const split = splitLargest(units, budget, narSize);
  const none = new Int32Array(0);
  const imagesOf = (path) => heldBy[index.get(path)] ?? none;
  const bounded = mergeSmallest(split, pairwiseLimit(budget, paths.length), bytesOf);
  const merged = mergeByRefetch(bounded, budget, indexed, narSize, imagesOf, imageCount) ?? mergeSmallest(bounded, budget, bytesOf);
  const layers = merged.map((unit) => unit.paths);
  const isFitting = (layer) => fitting.get(sortedDistinct(layer.map((path) => index.get(path)))) !== void 0;
  const toFetch = (plan) => plan.reduce((sum, layer) => sum + (isFitting(layer) ? 0 : bytesOf(layer)), 0);
  const layersCost = toFetch(layers);
  const freshCost = toFetch(fresh);
  let best = layersCost <= freshCost ? layers : fresh;
  let bestCost = Math.min(layersCost, freshCost);
  let bestLater = null;
  for (const plan of successorPlans(indexed, budget, known, numbered)) {
    const cost = toFetch(plan);
    if (cost > bestCost) continue;
    bestLater ??= planRefetch(best, bestCost, indexed, narSize, imagesOf, imageCount);
    const later = planRefetch(plan, cost, indexed, narSize, imagesOf, imageCount);
    if (bestLater === null || later === null || later >= bestLater) continue;
    best = plan;
    bestCost = cost;
    bestLater = later;
  }
  return best;
}
function reusedLayers(numbered, indexed, sizes) {
  const fitting = new IdListMap();
  const candidates = [];
  for (const image of numbered) {
    for (const layer of image) {
      if (layer.length === 0 || layer.includes(-1)) continue;
      const ids = sortedDistinct(layer);
      if (fitting.get(ids)) continue;
      fitting.add(ids, true);
      let bytes = 0;
      for (const id of ids) bytes += sizes[id];
      candidates.push({ ids, bytes });
    }
  }
  candidates.sort((a, b) => b.bytes - a.bytes || a.ids.length - b.ids.length || compareIdLists(a.ids, b.ids));
  const taken = new Uint8Array(indexed.paths.length);
  const units = [];
  for (const { ids } of candidates) {
    if (ids.some((id) => taken[id] === 1)) continue;
    for (const id of ids) taken[id] = 1;
    units.push({ paths: Array.from(ids, (id) => indexed.paths[id]), reused: true });
  }
  return { units, fitting };
}
function textOrder(count) {
  const numbers = Array.from({ length: count }, (_, i) => i).sort((a, b) => compareStrings(String(a), String(b)));
  const place = new Int32Array(count);
  numbers.forEach((number, i) => {
    place[number] = i;
  });
  return place;
}
function numberPaths(paths, index) {
  const ids = new Int32Array(paths.length);
  for (let k = 0; k < paths.length; k++) ids[k] = index.get(paths[k]) ?? -1;
  return ids;
}
function splitLargest(units, budget, narSize) {
  if (units.length >= budget) return units;
  const candidates = units.flatMap(
    (unit, index) => unit.reused || unit.paths.length < 2 ? [] : unit.paths.map((path) => ({ path, index, size: narSize(path) }))
  ).sort((a, b) => b.size - a.size || compareStrings(a.path, b.path));
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
  const entries = units.map((unit) => {
    const bytes = bytesOf(unit.paths);
    return { unit, weight: bytes * (unit.reused ? REUSED_WEIGHT : 1), bytes };
  });
  const heavier = (a, b) => b.weight - a.weight || b.bytes - a.bytes || compareStrings(a.unit.paths[0], b.unit.paths[0]);
  const weights = Float64Array.from(entries, (entry) => entry.weight).sort();
  const threshold = budget > 1 ? weights[weights.length - (budget - 1)] : Number.POSITIVE_INFINITY;
  const kept = entries.filter((entry) => entry.weight >= threshold).sort(heavier).slice(0, budget - 1);
  const keptUnits = new Set(kept.map((entry) => entry.unit));
  const rest = entries.filter((entry) => !keptUnits.has(entry.unit));
  const first = rest.reduce((best, entry) => heavier(entry, best) < 0 ? entry : best);
  const merged = [...first.unit.paths, ...rest.filter((entry) => entry !== first).flatMap((entry) => entry.unit.paths)];
  return [...kept.map((entry) => entry.unit), { paths: merged, reused: false }];
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

// src/layers/lowest-large-above.ts
function cutByLowestLargeAbove(indexed, sizes, budget) {
  const n = indexed.paths.length;
  const bySize = Array.from({ length: n }, (_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const keys = new Keys(n);
  const below = [];
  for (const path of bySize) {
    const taken = below.length;
    const closure = strictClosure(indexed, path);
    below.push(closure);
    const undo = [path, keys.of(path)];
    keys.set(path, keys.intern(Int32Array.of(taken)));
    const renamed = /* @__PURE__ */ new Map();
    for (let w = 0; w < closure.length; w++) {
      for (let word = closure[w]; word !== 0; word &= word - 1) {
        const d = (w << 5) + (31 - Math.clz32(word & -word));
        const old = keys.of(d);
        let next = renamed.get(old);
        if (next === void 0) {
          const list = keys.list(old).filter((t) => !hasBit(below[t], path));
          next = keys.intern(list.some((t) => hasBit(closure, bySize[t])) ? list : Int32Array.from([...list, taken]));
          renamed.set(old, next);
        }
        if (next === old) continue;
        undo.push(d, old);
        keys.set(d, next);
      }
    }
    if (keys.distinct() > budget) {
      for (let i = undo.length - 2; i >= 0; i -= 2) keys.set(undo[i], undo[i + 1]);
      break;
    }
  }
  return keys.groups();
}
var Keys = class {
  keyOf;
  lists = [];
  ids = /* @__PURE__ */ new Map();
  counts = [];
  nonEmpty = 0;
  constructor(n) {
    this.keyOf = new Int32Array(n).fill(this.intern(new Int32Array(0)));
    this.add(0, n);
  }
  intern(list) {
    const text = list.join();
    let id = this.ids.get(text);
    if (id === void 0) {
      id = this.lists.length;
      this.ids.set(text, id);
      this.lists.push(list);
      this.counts.push(0);
    }
    return id;
  }
  list(id) {
    return this.lists[id];
  }
  of(path) {
    return this.keyOf[path];
  }
  set(path, id) {
    this.add(this.keyOf[path], -1);
    this.keyOf[path] = id;
    this.add(id, 1);
  }
  distinct() {
    return this.nonEmpty;
  }
  /** The paths of each key, in the order of each key's first path. */
  groups() {
    const byKey = /* @__PURE__ */ new Map();
    this.keyOf.forEach((id, path) => {
      const group = byKey.get(id);
      if (group) group.push(path);
      else byKey.set(id, [path]);
    });
    return [...byKey.values()];
  }
  add(id, delta) {
    const before = this.counts[id];
    this.counts[id] = before + delta;
    if (before === 0 && delta > 0) this.nonEmpty++;
    else if (before + delta === 0 && before > 0) this.nonEmpty--;
  }
};
function strictClosure(indexed, start) {
  const { offsets, targets } = indexed;
  const bits = new Uint32Array(Math.ceil(indexed.paths.length / 32));
  const todo = [start];
  while (todo.length > 0) {
    const v = todo.pop();
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const t = targets[e];
      if (t === start || hasBit(bits, t)) continue;
      bits[t >>> 5] |= 1 << (t & 31);
      todo.push(t);
    }
  }
  return bits;
}
function hasBit(bits, i) {
  return (bits[i >>> 5] & 1 << (i & 31)) !== 0;
}

// src/layers/plan.ts
var BASE_TIER_HEIGHT = 3;
var BASE_GROUP = -1;
var UNOWNED = -2;
function maxGroups(budget) {
  return Math.max(3, Math.floor(budget / 10) + 1);
}
function planLayers(graph, budget, known = []) {
  if (!Number.isSafeInteger(budget) || budget < 1) {
    throw new Error(`layer budget must be a whole number of at least 1, got ${String(budget)}`);
  }
  const shape = graphShape(graph);
  const layers = known.length === 0 ? cutLayers(shape, shape.paths, budget) : cutWithKnown(graph, shape.indexed, budget, known, newPathsCut(shape, budget));
  return orderLayers(shape, layers);
}
function newPathsCut(shape, budget) {
  const { paths } = shape.indexed;
  const sizes = Float64Array.from(paths, (path) => shape.graph.paths[path].narSize);
  return cutByLowestLargeAbove(shape.indexed, sizes, budget).map((group) => group.map((id) => paths[id]));
}
function graphShape(graph) {
  const paths = Object.keys(graph.paths).sort();
  const references = referencesOf(graph, paths);
  const indexed = indexGraph(paths, references);
  return { graph, paths, references, indexed, height: heights(indexed, references), owners: /* @__PURE__ */ new Map() };
}
function orderLayers(shape, layers) {
  const { index, paths } = shape.indexed;
  const ordered = layers.map((layer) => {
    const ids = Int32Array.from(layer, (path) => index.get(path)).sort();
    let order = 0;
    for (const id of ids) order = Math.max(order, shape.height.get(paths[id]));
    return { paths: Array.from(ids, (id) => paths[id]), order };
  });
  return ordered.sort((a, b) => a.order - b.order || compareStrings(a.paths[0], b.paths[0])).map((layer) => layer.paths);
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
  const bySize = subset.map((path) => ({ path, size: graph.paths[path].narSize })).sort((a, b) => b.size - a.size || compareStrings(a.path, b.path)).map((entry) => entry.path);
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
  const { paths, height } = shape;
  const { index, offsets, targets } = shape.indexed;
  const referenced = new Uint8Array(paths.length);
  for (const target of targets) referenced[target] = 1;
  const roots = new Set(graph.roots.filter((root) => Object.hasOwn(graph.paths, root)));
  paths.forEach((path, i) => {
    if (!referenced[i]) roots.add(path);
  });
  const owner = new Int32Array(paths.length).fill(UNOWNED);
  paths.forEach((path, i) => {
    if (height.get(path) <= BASE_TIER_HEIGHT) owner[i] = BASE_GROUP;
  });
  const owned = (path) => owner[index.get(path)] !== UNOWNED;
  const walk = (root, group) => {
    const todo = [index.get(root)];
    owner[todo[0]] = group;
    while (todo.length > 0) {
      const v = todo.pop();
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        if (owner[targets[e]] !== UNOWNED) continue;
        owner[targets[e]] = group;
        todo.push(targets[e]);
      }
    }
  };
  const candidates = [...roots].filter((root) => !owned(root)).sort();
  const referencedRoots = candidates.filter((root) => referenced[index.get(root)]).length;
  let rank = 0;
  for (const root of largestClosures(candidates, rootGroups + referencedRoots, shape.indexed, height)) {
    if (rank === rootGroups) break;
    if (!owned(root)) walk(root, rank++);
  }
  for (const root of candidates) if (!owned(root)) walk(root, rootGroups);
  const byPath = /* @__PURE__ */ new Map();
  paths.forEach((path, i) => {
    if (owner[i] !== UNOWNED) byPath.set(path, owner[i]);
  });
  return byPath;
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
