// The Nix settings a build adds on top of the machine's nix.conf, given to every Nix command nixery runs as
// `--option NAME VALUE` arguments. Arguments rather than NIX_CONFIG: they win over nix.conf and over a NIX_CONFIG
// the user set (which we neither parse nor clobber), Nix hands them on to its build hook (remote builds), and
// they show in the command line that is logged. Nothing is written to nix.conf.

/** Settings for Nix's distributed parts: remote builders and binary caches. */
export interface NixOptions {
  /**
   * Nix's `builders`: machine specifications separated by ";" or newlines, or "@FILE". Replaces the machine's
   * own (Nix has no `extra-builders` for this string setting); add "@/etc/nix/machines" to keep them.
   */
  builders?: string;
  /** Nix's `builders-use-substitutes`: builders fetch inputs from their substituters instead of from us. */
  buildersUseSubstitutes?: boolean;
  /** Binary caches added to the machine's (`extra-substituters`). */
  substituters?: string[];
  /** Keys added to the machine's (`extra-trusted-public-keys`): cache signatures Nix accepts. */
  trustedPublicKeys?: string[];
}

/** The `--option` arguments for `options`, in a fixed order (so logged command lines compare). */
export function nixOptionArgs(options: NixOptions): string[] {
  const args: string[] = [];
  const option = (name: string, value: string) => args.push('--option', name, value);
  if (options.builders !== undefined) option('builders', options.builders);
  if (options.buildersUseSubstitutes !== undefined) option('builders-use-substitutes', String(options.buildersUseSubstitutes));
  if (options.substituters?.length) option('extra-substituters', options.substituters.join(' '));
  if (options.trustedPublicKeys?.length) option('extra-trusted-public-keys', options.trustedPublicKeys.join(' '));
  return args;
}
