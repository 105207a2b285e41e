// Which store paths are versions of one package output, so a new version can stand in the place of the old.
import { parseDrvName, storePathName } from '../nix/store-path.ts';

/**
 * What stays the same across versions of one package output: the derivation name without its version, plus the
 * parts of the version that are words (the output: "openssl-3.0.13-bin" -> "openssl bin").
 */
export function packageKey(path: string): string {
  const { name, version } = parseDrvName(storePathName(path));
  const words = version.split('-').filter((part) => /^[A-Za-z]/.test(part));
  return [name, ...words].join(' ');
}
