/**
 * Orders strings by UTF-16 code unit, never by locale: sorted output (tars, indexes, manifests, listings) must be
 * the same bytes on every machine.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
