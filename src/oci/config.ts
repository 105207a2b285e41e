import { compareStrings } from '../compare.ts';
import type { Arch } from './platform.ts';

/** Fixed creation time, so the same inputs give the same config digest (as dockerTools does). */
export const IMAGE_CREATED = '1970-01-01T00:00:01Z';

/** A store layer's history entry is this prefix and its store paths, space-separated; the registry page parses it. */
export const STORE_PATHS_HISTORY_PREFIX = 'nix store paths: ';

const STORE_PATH = /^\/nix\/store\/[0-9a-z]{32}-[A-Za-z0-9+._?=-]+$/;

/** Store paths named by a history entry's created_by, or null when it names none. */
export function storePathsOf(createdBy: unknown): string[] | null {
  if (typeof createdBy !== 'string' || !createdBy.startsWith(STORE_PATHS_HISTORY_PREFIX)) return null;
  const paths = createdBy
    .slice(STORE_PATHS_HISTORY_PREFIX.length)
    .split(' ')
    .filter((p) => p !== '');
  return paths.length > 0 && paths.every((p) => STORE_PATH.test(p)) ? paths : null;
}

export interface LayerHistory {
  /** What made the layer: its store paths, or the customisation step. */
  createdBy: string;
}

export interface ImageConfigInput {
  arch: Arch;
  env: string[];
  cmd?: string[];
  entrypoint?: string[];
  user?: string;
  workingDir?: string;
  /** `PORT/PROTO` keys. */
  exposedPorts?: string[];
  /** Config labels (docker inspect's Labels); omitted when empty. */
  labels?: Record<string, string>;
  stopSignal?: string;
  /** RFC 3339 creation time of the image and of each layer's history entry; default IMAGE_CREATED. */
  created?: string;
  diffIds: string[];
  history: LayerHistory[];
}

/** The image config bytes. Key order is fixed here, so equal inputs serialise to equal bytes. */
export function serializeImageConfig(input: ImageConfigInput): Buffer {
  if (input.history.length !== input.diffIds.length) {
    throw new Error(`image config: ${input.diffIds.length} layers but ${input.history.length} history entries`);
  }
  const created = input.created ?? IMAGE_CREATED;
  const config = {
    created,
    architecture: input.arch,
    os: 'linux',
    config: runtimeConfig(input),
    rootfs: { type: 'layers', diff_ids: input.diffIds },
    history: input.history.map((h) => ({ created, created_by: h.createdBy })),
  };
  return Buffer.from(JSON.stringify(config));
}

/** The config's `config` object, in the image spec's key order; maps sorted, so their order in a file is no input. */
function runtimeConfig(input: ImageConfigInput): Record<string, unknown> {
  const sorted = (keys: string[]) => [...keys].sort(compareStrings);
  return {
    ...(input.user !== undefined ? { User: input.user } : {}),
    ...(input.exposedPorts?.length ? { ExposedPorts: Object.fromEntries(sorted(input.exposedPorts).map((p) => [p, {}])) } : {}),
    Env: input.env,
    ...(input.entrypoint ? { Entrypoint: input.entrypoint } : {}),
    ...(input.cmd ? { Cmd: input.cmd } : {}),
    ...(input.workingDir !== undefined ? { WorkingDir: input.workingDir } : {}),
    ...(input.labels && Object.keys(input.labels).length > 0
      ? { Labels: Object.fromEntries(sorted(Object.keys(input.labels)).map((k) => [k, input.labels![k]!])) }
      : {}),
    ...(input.stopSignal !== undefined ? { StopSignal: input.stopSignal } : {}),
  };
}

/**
 * What a config says about its image's content: enough to serialise it again with other labels, time and declared
 * runtime setup (those come from the build that assembles it).
 */
export type ImageConfigContent = Pick<ImageConfigInput, 'arch' | 'env' | 'cmd' | 'diffIds' | 'history'>;

/** Reads back a config this module wrote; null for anything else (a foreign or damaged blob). */
export function parseImageConfig(bytes: Buffer): ImageConfigContent | null {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as {
      architecture?: unknown;
      config?: { Env?: unknown; Cmd?: unknown };
      rootfs?: { diff_ids?: unknown };
      history?: Array<{ created_by?: unknown }>;
    };
    const { architecture, config, rootfs, history } = parsed;
    const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (architecture !== 'amd64' && architecture !== 'arm64') return null;
    if (!strings(config?.Env) || (config.Cmd !== undefined && !strings(config.Cmd))) return null;
    if (!strings(rootfs?.diff_ids) || !Array.isArray(history) || history.length !== rootfs.diff_ids.length) return null;
    const createdBy = history.map((h) => h?.created_by);
    if (!strings(createdBy)) return null;
    return {
      arch: architecture,
      env: config.Env,
      ...(config.Cmd ? { cmd: config.Cmd } : {}),
      diffIds: rootfs.diff_ids,
      history: createdBy.map((c) => ({ createdBy: c })),
    };
  } catch {
    return null;
  }
}
