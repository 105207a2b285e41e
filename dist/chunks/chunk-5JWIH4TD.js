#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/image/name.ts
var SHELL_PACKAGES = ["bashinteractive", "coreutils", "moreutils", "nano"];
var META_ORDER = ["arm64", "shell"];
var COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
var MAX_NAME_LENGTH = 255;
var InvalidNameError = class extends UsageError {
  name = "InvalidNameError";
};
function parseImageName(raw) {
  if (raw.length === 0) throw new InvalidNameError('image name is empty: give packages separated by "/", e.g. shell/git');
  const components = checkRepositoryName(raw);
  const metas = /* @__PURE__ */ new Set();
  let first = 0;
  while (first < components.length && isMeta(components[first])) metas.add(components[first++]);
  const explicit = components.slice(first);
  const packages = new Set(explicit);
  if (metas.has("shell")) for (const p of SHELL_PACKAGES) packages.add(p);
  if (packages.size === 0) throw new InvalidNameError(`image name "${raw}" names no packages, only meta-packages`);
  const implied = new Set(metas.has("shell") ? SHELL_PACKAGES : []);
  const listed = [...new Set(explicit)].filter((p) => !implied.has(p)).sort();
  const plain = listed.filter((p) => !isMeta(p));
  const metaNamed = listed.filter(isMeta);
  const lead = plain.length === 0 && metaNamed.length > 0 ? [SHELL_PACKAGES[0]] : [];
  const canonical = [...META_ORDER.filter((m) => metas.has(m)), ...lead, ...plain, ...metaNamed].join("/");
  return { canonical, packages: [...packages].sort(), arch: metas.has("arm64") ? "arm64" : "amd64" };
}
function checkRepositoryName(raw) {
  if (raw.length === 0) throw new InvalidNameError("image name is empty");
  if (raw.length > MAX_NAME_LENGTH) {
    throw new InvalidNameError(`image name is ${raw.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  }
  const components = raw.split("/");
  components.forEach((component, i) => {
    if (component === "") throw new InvalidNameError(`image name "${raw}" has an empty component at position ${i + 1}`);
    if (!COMPONENT.test(component)) {
      throw new InvalidNameError(
        `image name "${raw}": "${component}" is not a valid name component (lowercase letters, digits, and single ".", "_", "__" or "-" separators between them)`
      );
    }
  });
  return components;
}
function expandPackageList(packages) {
  const expanded = /* @__PURE__ */ new Set();
  for (const p of packages) {
    if (p.toLowerCase() === "shell") for (const s of SHELL_PACKAGES) expanded.add(s);
    else expanded.add(p);
  }
  return [...expanded].sort();
}
function isMeta(component) {
  return META_ORDER.includes(component);
}
function parseImageReference(reference, exampleTag) {
  const colon = reference.lastIndexOf(":");
  if (colon <= 0) throw new InvalidNameError(`"${reference}": give the image as NAME:TAG, e.g. shell/git:${exampleTag}`);
  return { name: parseImageName(reference.slice(0, colon)).canonical, tag: assertValidTag(reference.slice(colon + 1)) };
}
function isValidTag(tag) {
  return TAG.test(tag);
}
function assertValidTag(tag) {
  if (!isValidTag(tag)) {
    throw new InvalidNameError(
      `tag "${tag}" is invalid: up to 128 characters of letters, digits, "_", "." and "-", not starting with "." or "-"`
    );
  }
  return tag;
}
function whyCanonicalDiffers(raw) {
  const { canonical } = parseImageName(raw);
  if (canonical === raw) return [];
  const components = raw.split("/");
  const reasons = [];
  let metas = 0;
  while (metas < components.length && isMeta(components[metas])) metas++;
  const listed = components.slice(metas);
  const implied = components.slice(0, metas).includes("shell") ? listed.filter((c) => SHELL_PACKAGES.includes(c)) : [];
  if (implied.length) reasons.push(`shell already includes ${[...new Set(implied)].join(", ")}`);
  const repeated = [...new Set(components.filter((c, i) => components.indexOf(c) !== i))];
  if (repeated.length) reasons.push(`${repeated.join(", ")} named more than once`);
  if (reasons.length === 0) reasons.push("packages are listed in canonical order");
  return reasons;
}
function wantsShell(name) {
  return name.packages.includes("bashinteractive");
}

export {
  InvalidNameError,
  parseImageName,
  checkRepositoryName,
  expandPackageList,
  parseImageReference,
  isValidTag,
  assertValidTag,
  whyCanonicalDiffers,
  wantsShell
};
