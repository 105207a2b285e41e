import { UsageError } from '../errors.ts';
import { MAX_TIMEOUT_SECONDS } from './rules.ts';

// How `serve --build` replicas sharing a bucket coordinate (docs/scale-out.md, "Lease protocol"): how long a
// build lease lasts without renewal, and how long a pull waits for another replica's build.

export const DEFAULT_LEASE_SECONDS = 30;
/** Below a second, a busy machine's renewals would miss their deadline and builds would be stopped for nothing. */
export const MIN_LEASE_SECONDS = 1;
export const MAX_LEASE_SECONDS = 3600;

export interface LeaseSettings {
  /** A holder that has not renewed for this long has stopped building; others may take over. */
  leaseMs: number;
  /** The longest a pull waits for another replica's build before it is answered 503 with Retry-After. */
  buildWaitMs: number;
}

export interface LeaseFlagValues {
  lease?: string;
  'build-wait'?: string;
}

/**
 * `--lease` (NIXERY_LEASE_SECONDS) and `--build-wait` (NIXERY_BUILD_WAIT); flags win. The wait defaults to the build
 * timeout plus two leases: as long as the holder may build, and then long enough to notice that it died.
 */
export function readLeaseSettings(values: LeaseFlagValues, env: NodeJS.ProcessEnv, buildTimeoutMs: number): LeaseSettings {
  const leaseSeconds =
    seconds(values.lease, '--lease', env.NIXERY_LEASE_SECONDS, 'NIXERY_LEASE_SECONDS', MIN_LEASE_SECONDS, MAX_LEASE_SECONDS) ??
    DEFAULT_LEASE_SECONDS;
  const waitSeconds = seconds(values['build-wait'], '--build-wait', env.NIXERY_BUILD_WAIT, 'NIXERY_BUILD_WAIT', 1, MAX_TIMEOUT_SECONDS);
  const leaseMs = leaseSeconds * 1000;
  return { leaseMs, buildWaitMs: waitSeconds === undefined ? buildTimeoutMs + 2 * leaseMs : waitSeconds * 1000 };
}

function seconds(flag: string | undefined, flagName: string, envValue: string | undefined, envName: string, min: number, max: number) {
  // An empty variable counts as unset (shells and CI set empty variables); an empty flag is a mistake.
  const raw = flag ?? (envValue?.trim() ? envValue : undefined);
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag !== undefined ? flagName : envName} "${raw}": expected a number of seconds from ${min} to ${max}`);
  }
  return value;
}
