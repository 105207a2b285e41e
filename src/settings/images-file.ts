import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { UsageError } from '../errors.ts';
import { CONFIG_KEYS, ImageConfigError, parseImageConfig } from '../image/image-config.ts';
import type { ImageConfig } from '../image/image-config.ts';
import { checkRepositoryName, expandPackageList } from '../image/name.ts';
import type { Arch } from '../oci/platform.ts';
import { parsePlatforms } from './rules.ts';

// The images file (`--images-file`, the action's `images-file`): one image per key, YAML or JSON (JSON is YAML),
// every field optional except packages. Errors name the file and the line.
//
//   api:
//     packages: [api, cacert]
//     entrypoint: [/bin/api]
//     user: "1000:1000"

/** One image of an images file: its name is the key, its packages are listed, its config declared. */
export interface ImageSpec {
  name: string;
  /** As listed, with `shell` expanded; sorted and de-duplicated. */
  packages: string[];
  /** The first of `platforms`, else amd64. */
  arch: Arch;
  /** Every platform the entry lists (several make the tag an image index); absent when it lists none. */
  platforms?: Arch[];
  config: ImageConfig;
}

const FILE_KEYS = ['packages', 'platforms'] as const;
const KNOWN_KEYS: readonly string[] = [...FILE_KEYS, ...CONFIG_KEYS];

export function readImagesFile(file: string, shown: string = file): ImageSpec[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`images file ${shown} ${e.code === 'ENOENT' ? 'does not exist' : `cannot be read (${e.code ?? e.message})`}`);
  }
  return parseImagesFile(text, shown);
}

export function parseImagesFile(text: string, shown: string): ImageSpec[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (node: Node | null | undefined) => (node?.range ? `${shown}:${lines.linePos(node.range[0]).line}` : shown);
  const firstError = doc.errors[0];
  if (firstError) {
    throw new UsageError(
      `${shown}:${firstError.linePos?.[0]?.line ?? '?'}: not valid YAML or JSON: ${firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  if (!isMap(doc.contents)) {
    throw new UsageError(`${at(doc.contents)}: an images file is a map from image names to images (e.g. "api: {packages: [hello]}")`);
  }
  const specs: ImageSpec[] = [];
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    try {
      checkRepositoryName(name);
    } catch (error) {
      throw new UsageError(`${at(keyNode)}: ${(error as Error).message}`);
    }
    specs.push(readImage(doc, name, pair.value as Node | null, at));
  }
  if (specs.length === 0) throw new UsageError(`${shown}: the images file lists no images`);
  return specs;
}

function readImage(doc: Document, name: string, node: Node | null, at: (node: Node | null | undefined) => string): ImageSpec {
  if (!isMap(node)) throw new UsageError(`${at(node)}: image "${name}" is not a map with at least "packages"`);
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KNOWN_KEYS.includes(key)) {
      throw new UsageError(`${at(pair.key as Node)}: image "${name}" has an unknown key "${key}"; the keys are ${KNOWN_KEYS.join(', ')}`);
    }
  }
  const entry = node.toJSON() as Record<string, unknown>;
  const fail = (path: (string | number)[], message: string): never => {
    throw new UsageError(`${at(doc.getIn([name, ...path], true) as Node | undefined)}: image "${name}": ${message}`);
  };
  try {
    const listed = platforms(entry.platforms, fail);
    return {
      name,
      packages: packages(entry.packages, fail),
      arch: listed?.[0] ?? 'amd64',
      ...(listed ? { platforms: listed } : {}),
      config: parseImageConfig(entry),
    };
  } catch (error) {
    if (error instanceof ImageConfigError) return fail(error.path, error.message);
    throw error;
  }
}

type Fail = (path: (string | number)[], message: string) => never;

function packages(value: unknown, fail: Fail): string[] {
  if (value === undefined) return fail([], 'packages is missing: list the packages, e.g. packages: [hello, cacert]');
  const list = typeof value === 'string' ? value.split(/[\s,/]+/).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0) return fail(['packages'], 'packages is not a list of package names');
  list.forEach((item, i) => {
    if (typeof item !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9._+-]*$/.test(item)) {
      fail(['packages', i], `package "${String(item)}" is not a package name (an attribute such as git or python3Packages.numpy)`);
    }
  });
  return expandPackageList(list as string[]);
}

/** The entry's platforms, by the same rule as --platform; the first is the image's own architecture. */
function platforms(value: unknown, fail: Fail): Arch[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const arches = list.flatMap((item, i) => {
    try {
      return parsePlatforms(String(item), 'platforms');
    } catch (error) {
      return fail(['platforms', i], (error as Error).message);
    }
  });
  return [...new Set(arches)];
}
