// Names inside store paths, as Nix spells them: `/nix/store/<32-character hash>-<name>`, and a derivation name's
// split into name and version.

/** The hash part and the dash after it. */
const HASH_PART = 33;

/** The `<name>` of a store path `/nix/store/<hash>-<name>`. */
export function storePathName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.length > HASH_PART && base[HASH_PART - 1] === '-' ? base.slice(HASH_PART) : base;
}

/**
 * Splits a derivation name into name and version as Nix's builtins.parseDrvName does: the version starts at the
 * first "-" that is followed by something other than a letter.
 */
export function parseDrvName(drvName: string): { name: string; version: string } {
  for (let i = 0; i < drvName.length; i++) {
    if (drvName[i] === '-' && i + 1 < drvName.length && !/[A-Za-z]/.test(drvName[i + 1]!)) {
      return { name: drvName.slice(0, i), version: drvName.slice(i + 1) };
    }
  }
  return { name: drvName, version: '' };
}
