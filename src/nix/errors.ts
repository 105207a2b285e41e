// Errors from the Nix edge that callers (CLI, action, registry) tell apart.

/** Some requested names are not packages in the package set. */
export class UnknownPackagesError extends Error {
  readonly packages: string[];
  /** Why each name did not resolve (missing, ambiguous, not a derivation, fails to evaluate). */
  readonly reasons: Record<string, string>;

  constructor(packages: string[], reasons: Record<string, string> = {}, sourceLabel?: string) {
    const where = sourceLabel ? ` in ${sourceLabel}` : '';
    const details = packages.map((name) => (reasons[name] ? `${name} (${reasons[name]})` : name));
    super(
      `unknown package${packages.length === 1 ? '' : 's'}${where}: ${details.join(', ')}. ` +
        'Check the spelling, or use a dotted attribute path such as haskellPackages.pandoc.',
    );
    this.name = 'UnknownPackagesError';
    this.packages = packages;
    this.reasons = reasons;
  }
}

/** nix-build (evaluation or a builder) failed; the message carries the end of Nix's log. */
export class NixBuildError extends Error {
  readonly logTail: string[];
  readonly exitCode: number | null;

  constructor(summary: string, logTail: string[], exitCode: number | null) {
    const tail = logTail.length > 0 ? `\n--- last ${logTail.length} lines of the Nix log ---\n${logTail.join('\n')}` : '';
    super(summary + tail);
    this.name = 'NixBuildError';
    this.logTail = logTail;
    this.exitCode = exitCode;
  }
}

/** The build ran past its time limit and was stopped (with all its processes). */
export class NixTimeoutError extends Error {
  readonly timeoutMs: number;
  readonly logTail: string[];

  constructor(command: string, timeoutMs: number, logTail: string[]) {
    super(
      `${command} did not finish within ${formatSeconds(timeoutMs)} and was stopped. ` +
        'Raise the build timeout, or build fewer or smaller packages per image.',
    );
    this.name = 'NixTimeoutError';
    this.timeoutMs = timeoutMs;
    this.logTail = logTail;
  }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}
