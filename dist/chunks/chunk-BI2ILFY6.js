#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/cli/args.ts
import { parseArgs } from "node:util";

// node_modules/leven/index.js
var array = [];
var characterCodeCache = [];
function leven(first, second, options) {
  if (first === second) {
    return 0;
  }
  const maxDistance = options?.maxDistance;
  const swap = first;
  if (first.length > second.length) {
    first = second;
    second = swap;
  }
  let firstLength = first.length;
  let secondLength = second.length;
  while (firstLength > 0 && first.charCodeAt(~-firstLength) === second.charCodeAt(~-secondLength)) {
    firstLength--;
    secondLength--;
  }
  let start = 0;
  while (start < firstLength && first.charCodeAt(start) === second.charCodeAt(start)) {
    start++;
  }
  firstLength -= start;
  secondLength -= start;
  if (maxDistance !== void 0 && secondLength - firstLength > maxDistance) {
    return maxDistance;
  }
  if (firstLength === 0) {
    return maxDistance !== void 0 && secondLength > maxDistance ? maxDistance : secondLength;
  }
  let bCharacterCode;
  let result;
  let temporary;
  let temporary2;
  let index = 0;
  let index2 = 0;
  while (index < firstLength) {
    characterCodeCache[index] = first.charCodeAt(start + index);
    array[index] = ++index;
  }
  while (index2 < secondLength) {
    bCharacterCode = second.charCodeAt(start + index2);
    temporary = index2++;
    result = index2;
    for (index = 0; index < firstLength; index++) {
      temporary2 = bCharacterCode === characterCodeCache[index] ? temporary : temporary + 1;
      temporary = array[index];
      result = array[index] = temporary > result ? temporary2 > result ? result + 1 : temporary2 : temporary2 > temporary ? temporary + 1 : temporary2;
    }
    if (maxDistance !== void 0) {
      let rowMinimum = result;
      for (index = 0; index < firstLength; index++) {
        if (array[index] < rowMinimum) {
          rowMinimum = array[index];
        }
      }
      if (rowMinimum > maxDistance) {
        return maxDistance;
      }
    }
  }
  array.length = firstLength;
  characterCodeCache.length = firstLength;
  return maxDistance !== void 0 && result > maxDistance ? maxDistance : result;
}

// src/cli/args.ts
function parseCommandArgs(config) {
  const options = config.options ?? {};
  const { args, allowPositionals, allowNegative } = config;
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals, allowNegative, strict: false, tokens: true });
  const seen = /* @__PURE__ */ new Map();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (!option) throw new UsageError(unknownOption(token.rawName, Object.keys(options)));
    const flag = `--${token.name}`;
    if (option.type === "boolean" && token.value !== void 0) throw new UsageError(`${flag} takes no value, not "${token.value}"`);
    if (option.type === "string") {
      if (token.value === void 0) throw new UsageError(`${flag} needs a value`);
      if (!token.inlineValue && isKnownFlag(token.value, options)) throw new UsageError(`${flag} needs a value before ${token.value}`);
    }
    seen.set(token.name, [...seen.get(token.name) ?? [], token.rawName]);
  }
  for (const [name, given] of seen) {
    if (given.length > 1 && !options[name]?.multiple) {
      throw new UsageError(`--${name} was given ${given.length} times; it takes one value, so give it once`);
    }
  }
  if (!config.allowPositionals && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return { values, positionals };
}
function isKnownFlag(value, options) {
  const long = /^--([^=]+)/.exec(value)?.[1];
  if (long !== void 0) return long in options;
  const short = /^-([a-zA-Z])$/.exec(value)?.[1];
  return short !== void 0 && Object.values(options).some((o) => o.short === short);
}
function unknownOption(rawName, names) {
  const close = closestName(rawName.replace(/^-+/, ""), names, (name) => Math.max(1, Math.floor(name.length / 3)));
  return `unknown option ${rawName}${close ? `; did you mean --${close}?` : ""}`;
}
function closestName(typed, names, maxDistance) {
  let best;
  for (const name of names) {
    const distance = leven(typed.toLowerCase(), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best !== void 0 && best.distance <= maxDistance(best.name) ? best.name : void 0;
}

export {
  parseCommandArgs,
  closestName
};
