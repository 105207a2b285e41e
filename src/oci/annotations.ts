import { compareStrings } from '../compare.ts';

/** Labels and annotations in key order, so equal maps serialise to equal bytes whatever order they were built in. */
export function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}
