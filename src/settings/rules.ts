import { UsageError } from '../errors.ts';
import { DEFAULT_LAYER_BUDGET } from '../layers/budget.ts';
import { COMPRESSIONS } from '../oci/media-types.ts';
import type { Compression } from '../oci/media-types.ts';
import { ARCHES, VARIANTS } from '../oci/platform.ts';
import type { Arch } from '../oci/platform.ts';

// The rule for each build setting, whichever front door it came through. `name` is how the user spelled the
// setting (`--budget`, `layer-budget`, `NIX_TIMEOUT`), so every message names what to fix. `undefined` means
// "not given": the default applies.

// Docker refuses images of more than 125 layers, and every image adds one customisation layer to the plan.
const MAX_LAYERS = 125;
export const MAX_BUDGET = MAX_LAYERS - 1;
export const DEFAULT_COMPRESSION: Compression = 'gzip';
/** Nix builds of fresh closures can take long; Nixery's 60 s default is too short for CI. */
export const DEFAULT_TIMEOUT_SECONDS = 3600;
// Node timers fire after 1 ms when given more than 2^31-1 ms, which would stop every build at once.
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export function parseBudget(value: string | undefined, name = '--budget'): number {
  if (value === undefined) return DEFAULT_LAYER_BUDGET;
  const budget = Number(value);
  if (!/^\d+$/.test(value) || budget < 1 || budget > MAX_BUDGET) {
    throw new UsageError(`${name} "${value}": expected a whole number from 1 to ${MAX_BUDGET}`);
  }
  return budget;
}

export function parseCompression(value: string | undefined, name = '--compression'): Compression {
  if (value === undefined) return DEFAULT_COMPRESSION;
  if (!(COMPRESSIONS as readonly string[]).includes(value)) {
    throw new UsageError(`${name} "${value}": expected one of ${COMPRESSIONS.join(', ')}`);
  }
  return value as Compression;
}

/** Seconds from the flag, else NIX_TIMEOUT (Nixery's variable), else the default; returns milliseconds. */
export function parseTimeout(value: string | undefined, env: NodeJS.ProcessEnv, name = '--timeout'): number {
  const raw = value ?? env.NIX_TIMEOUT;
  // An empty NIX_TIMEOUT counts as unset (shells and CI set empty variables); an empty --timeout is a mistake.
  if (raw === undefined || (raw === '' && value === undefined)) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `${value !== undefined ? name : 'NIX_TIMEOUT'} "${raw}": expected a positive number of seconds, at most ${MAX_TIMEOUT_SECONDS}`,
    );
  }
  return seconds * 1000;
}

export function parsePositiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${name} "${value}": expected a whole number of at least 1`);
  return n;
}

/**
 * The architectures a `--platform` / `platforms` value names, de-duplicated, in the order given: comma-separated
 * `linux/amd64`, `linux/arm64` or `linux/arm64/v8`, as docker's `--platform` spells them.
 */
export function parsePlatforms(value: string, setting = '--platform'): Arch[] {
  const arches: Arch[] = [];
  for (const raw of value.split(',')) {
    const spelled = raw.trim();
    if (spelled === '') continue;
    const [os, arch, variant, ...rest] = spelled.toLowerCase().split('/');
    const known = ARCHES.find((a) => a === arch);
    if (os !== 'linux' || !known || rest.length > 0 || (variant !== undefined && variant !== VARIANTS[known])) {
      throw new UsageError(
        `${setting}: "${spelled}" is not a platform nixery builds; it builds linux/amd64 and linux/arm64 (e.g. ${setting} linux/amd64,linux/arm64)`,
      );
    }
    if (!arches.includes(known)) arches.push(known);
  }
  if (arches.length === 0) throw new UsageError(`${setting} is empty: give linux/amd64 and linux/arm64, comma-separated`);
  return arches;
}
