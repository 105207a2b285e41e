import type { NixOptions } from './options.ts';
import { runNixCommand } from './run.ts';

// After a build, its closure goes to a binary cache (`nix copy --to URL`), so other replicas and CI runners
// substitute it instead of building it again. A signing key signs each path as it is uploaded (the binary-cache
// store's `secret-key` parameter), which needs no trust from a Nix daemon, unlike `nix store sign`.

/** Where a build's closure is pushed, and the key that signs it. */
export interface ClosurePush {
  /** A Nix store URL: file:///DIR, s3://BUCKET?region=…, https://… (an HTTP cache that accepts PUT), ssh://HOST. */
  url: string;
  /** A Nix secret key file (`nix-store --generate-binary-cache-key`); binary caches only. */
  secretKeyFile?: string;
}

/** What a push did. A failed push is reported, not thrown: the image is built and published either way. */
export type ClosurePushResult =
  | { url: string; pushed: true; paths: number; seconds: number }
  | { url: string; pushed: false; error: string; seconds: number };

export interface PushClosureOptions {
  nix: NixOptions;
  deadline: number;
  signal?: AbortSignal;
  onLogLine?: (line: string) => void;
}

/** The store URL `nix copy` is given: the push URL with the signing key as a store parameter. */
export function copyDestination(push: ClosurePush): string {
  if (push.secretKeyFile === undefined) return push.url;
  return `${push.url}${push.url.includes('?') ? '&' : '?'}secret-key=${encodeURIComponent(push.secretKeyFile)}`;
}

/** `nix copy --to` for `paths` and everything they refer to; never throws for Nix's failures. */
export async function pushClosure(paths: string[], push: ClosurePush, opts: PushClosureOptions): Promise<ClosurePushResult> {
  const started = performance.now();
  const seconds = () => Math.round(performance.now() - started) / 1000;
  const copied = new Set<string>();
  const url = withoutSecrets(push.url);
  let result: Awaited<ReturnType<typeof runNixCommand>>;
  try {
    result = await runNixCommand('nix', ['--extra-experimental-features', 'nix-command', 'copy', '--to', copyDestination(push), ...paths], {
      nix: opts.nix,
      deadline: opts.deadline,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onStderrLine: (line) => {
        const m = /^copying path '([^']+)' to /.exec(line.trim());
        if (m) copied.add(m[1]!);
        opts.onLogLine?.(line);
      },
    });
  } catch (error) {
    return { url, pushed: false, error: error instanceof Error ? error.message : String(error), seconds: seconds() };
  }
  if (result.exitCode === 0) return { url, pushed: true, paths: copied.size, seconds: seconds() };
  const why = result.stopped
    ? `nix copy was stopped (${result.stopped === 'timeout' ? 'the build timeout ran out' : 'the build was cancelled'})`
    : result.stderrTail.filter((l) => l.startsWith('error:')).join(' ') ||
      result.stderrTail.slice(-5).join(' ') ||
      `exit code ${result.exitCode}`;
  // Store URLs may carry credentials (https://user:password@…): the error names the cache without them.
  return { url, pushed: false, error: why.replaceAll(copyDestination(push), url).replaceAll(push.url, url), seconds: seconds() };
}

/** A store URL as logs and pages show it: without user info. */
export function withoutSecrets(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?]*@/i, '$1');
}
