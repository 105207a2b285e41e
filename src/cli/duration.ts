import { UsageError } from '../errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "24h", "30m", "90s", "7d", "1.5h", "500ms" -> milliseconds; anything else is a usage error naming the flag. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} "${value}": expected a number with a unit (ms, s, m, h, d), e.g. 24h`);
  return Number(match[1]) * UNITS[match[2]!]!;
}
