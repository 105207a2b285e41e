import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closureFromPathInfo } from './closure.ts';
import type { ClosureGraph } from './closure.ts';
import { NixBuildError, NixTimeoutError, UnknownPackagesError } from '../errors.ts';
import { nixExpressionsDir } from './expressions-dir.ts';
import { NixActivityLog } from './activity.ts';
import type { NixActivity, NixDerivationBuild } from './activity.ts';
import { FLAKE_FEATURES } from './flake.ts';
import type { NixOptions } from './options.ts';
import { runNixCommand } from './run.ts';
import { isSystemUnavailable, systemUnavailableHelp } from './system.ts';
import type { NixCommandResult } from './run.ts';
import { describeSource } from './source.ts';
import type { ResolvedSource } from './resolve-source.ts';

export interface NixBuildResult {
  /** Top-level store paths of the requested packages, in request order; closure.roots equals this. */
  outputs: string[];
  closure: ClosureGraph;
  /** What the package set says about each requested package (for the SBOM), in request order. */
  packages: PackageMeta[];
  /** Which derivations Nix built, on which machine, and what it substituted. */
  activity: NixActivity;
}

export interface PackageLicense {
  spdxId: string | null;
  name: string | null;
  url: string | null;
}

/** A requested package as the package set describes it (nix/image-packages.nix with want = "meta"). */
export interface PackageMeta {
  /** The name as requested in the image name. */
  name: string;
  /** The attribute path it resolved to, e.g. haskellPackages.pandoc. */
  attrPath: string;
  /** Its store paths in the image (meta.outputsToInstall). */
  outputs: string[];
  description: string | null;
  homepage: string | null;
  licenses: PackageLicense[];
}

export interface BuildImagePackagesOptions {
  source: ResolvedSource;
  /** Registry package names (lowercase, possibly dotted), after meta-package expansion. */
  packages: string[];
  system: string;
  /** Covers evaluation, building and the closure query. */
  timeoutMs: number;
  /** Builders and caches, for every Nix command of the build. */
  nix: NixOptions;
  onLogLine?: (line: string) => void;
  /** Each derivation as Nix starts building it, with the machine it builds on. */
  onDerivationBuild?: (build: NixDerivationBuild) => void;
  signal?: AbortSignal;
}

const UNKNOWN_MARKER = /nixery-unknown-packages: (\[.*?\]) nixery-unknown-reasons: (\{.*\})/;

/** Builds an image's packages with one nix-build, then reads their runtime closure. */
export async function buildImagePackages(opts: BuildImagePackagesOptions): Promise<NixBuildResult> {
  if (opts.packages.length === 0) {
    return { outputs: [], closure: { roots: [], paths: {} }, packages: [], activity: { builds: [], substituted: [] } };
  }
  const deadline = Date.now() + opts.timeoutMs;

  const args = [...imagePackagesArgs(opts), '--no-out-link'];
  // Log lines stream to the caller, except Nix's closing error report: it is held back
  // until we know whether it is our unknown-packages marker (with, on newer Nix, a trace
  // through image-packages.nix), which users should only see as UnknownPackagesError.
  // The marker is caught as it streams, as a long trace could push it out of the tail.
  let markerLine: string | undefined;
  const heldBack: string[] = [];
  const activity = new NixActivityLog();
  const build = await runNixCommand('nix-build', args, {
    nix: opts.nix,
    deadline,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onStderrLine: (line) => {
      const started = activity.read(line);
      if (started) opts.onDerivationBuild?.(started);
      if (markerLine === undefined && line.includes('nixery-unknown-packages: ')) markerLine = line;
      if (heldBack.length > 0 || line.startsWith('error:')) heldBack.push(line);
      else opts.onLogLine?.(line);
    },
  });
  const unknown = markerLine === undefined ? undefined : parseUnknownPackages([markerLine]);
  if (!unknown) for (const line of heldBack) opts.onLogLine?.(line);
  checkStopped(build, 'nix-build', opts);

  if (build.exitCode !== 0) {
    if (unknown)
      throw new UnknownPackagesError(unknown.packages, unknown.reasons, describeSource(opts.source.source, opts.source.revision));
    const unavailable = isSystemUnavailable([...heldBack, ...build.stderrTail], opts.system);
    throw new NixBuildError(
      `nix-build failed (exit code ${build.exitCode}) for ${opts.packages.join(', ')} from ${describeSource(opts.source.source, opts.source.revision)}` +
        (unavailable ? `: ${systemUnavailableHelp(opts.system)}` : ''),
      build.stderrTail,
      build.exitCode,
    );
  }

  const outputs = [
    ...new Set(
      build.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('/')),
    ),
  ];
  if (outputs.length === 0) {
    throw new NixBuildError('nix-build succeeded but printed no store paths', build.stderrTail, build.exitCode);
  }

  const info = await runNixCommand(
    'nix',
    ['--extra-experimental-features', 'nix-command', 'path-info', '--json', '--recursive', ...outputs],
    { nix: opts.nix, deadline, ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  checkStopped(info, 'nix path-info', opts);
  if (info.exitCode !== 0) {
    throw new NixBuildError(`nix path-info failed (exit code ${info.exitCode}) for ${outputs.join(' ')}`, info.stderrTail, info.exitCode);
  }
  const closure = closureFromPathInfo(JSON.parse(info.stdout), outputs);
  return { outputs, closure, packages: await readPackageMeta(opts, deadline), activity: activity.activity() };
}

function imagePackagesArgs(opts: BuildImagePackagesOptions): string[] {
  return [
    ...imagePackagesExpression(opts.source),
    '--arg',
    'packageSet',
    opts.source.packageSetExpr,
    '--argstr',
    'packagesJson',
    JSON.stringify(opts.packages),
    '--argstr',
    'system',
    opts.system,
  ];
}

/** The requested packages' meta, by a second evaluation after the build (nix-build prints only store paths). */
async function readPackageMeta(opts: BuildImagePackagesOptions, deadline: number): Promise<PackageMeta[]> {
  const args = ['--eval', '--strict', '--json', ...imagePackagesArgs(opts), '--argstr', 'want', 'meta'];
  const result = await runNixCommand('nix-instantiate', args, { nix: opts.nix, deadline, ...(opts.signal ? { signal: opts.signal } : {}) });
  checkStopped(result, 'nix-instantiate', opts);
  if (result.exitCode !== 0) {
    throw new NixBuildError(`reading the packages' meta failed (exit code ${result.exitCode})`, result.stderrTail, result.exitCode);
  }
  const parsed: unknown = JSON.parse(result.stdout);
  if (!Array.isArray(parsed) || parsed.length !== opts.packages.length) {
    throw new NixBuildError("reading the packages' meta gave an unexpected answer", result.stderrTail, result.exitCode);
  }
  return parsed as PackageMeta[];
}

/**
 * How nix-build gets image-packages.nix. For a flake, as text (`-E`): pure evaluation may read no host file,
 * not even ours, and a pinned flake is evaluated purely so that it counts as pinned.
 */
function imagePackagesExpression(source: ResolvedSource): string[] {
  const file = join(nixExpressionsDir(), 'image-packages.nix');
  if (!source.flake) return [file];
  return [...FLAKE_FEATURES, ...(source.flake.pure ? ['--option', 'pure-eval', 'true'] : []), '-E', `(\n${readFileSync(file, 'utf8')}\n)`];
}

function checkStopped(result: NixCommandResult, command: string, opts: BuildImagePackagesOptions): void {
  if (result.stopped === 'timeout') throw new NixTimeoutError(command, opts.timeoutMs, result.stderrTail);
  if (result.stopped === 'abort') {
    throw opts.signal?.reason instanceof Error ? opts.signal.reason : new DOMException(`${command} was aborted`, 'AbortError');
  }
}

/** The names (and reasons) from image-packages.nix's marker, if the failure was unknown names. */
export function parseUnknownPackages(stderr: string[]): { packages: string[]; reasons: Record<string, string> } | undefined {
  for (const line of stderr) {
    const m = UNKNOWN_MARKER.exec(line);
    if (!m) continue;
    try {
      const packages: unknown = JSON.parse(m[1]!);
      const reasons: unknown = JSON.parse(m[2]!);
      if (Array.isArray(packages) && packages.every((p) => typeof p === 'string') && typeof reasons === 'object' && reasons) {
        return { packages, reasons: reasons as Record<string, string> };
      }
    } catch {
      // Not our marker after all (e.g. a package's own log); keep looking.
    }
  }
  return undefined;
}
