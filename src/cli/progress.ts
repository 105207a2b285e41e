import type { BuildEvent } from '../pipeline/events.ts';
import { builtWhere, derivationName } from '../nix/activity.ts';
import { formatBytes, formatSeconds } from '../report/format.ts';

/**
 * Progress for long steps on stderr. On a terminal one status line is redrawn; elsewhere (CI logs) each step is
 * a plain line, and Nix's own log lines are only passed through when asked for.
 */
export function progressReporter(stream: NodeJS.WriteStream, verbose: boolean): (event: BuildEvent) => void {
  const tty = stream.isTTY === true;
  const status = (text: string) => {
    // Some terminals (and CI pseudo-terminals) report 0 columns: treat that as unknown.
    if (tty) stream.write(`\r\x1b[2K${text.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    else stream.write(text + '\n');
  };
  return (event) => {
    switch (event.type) {
      case 'nix-build':
        status(`${event.image}: building with nix`);
        break;
      case 'nix-log':
        if (verbose) {
          if (tty) stream.write('\r\x1b[2K');
          stream.write(`  nix: ${event.line}\n`);
        } else if (tty) status(`${event.image}: nix: ${event.line}`);
        break;
      case 'nix-derivation':
        status(`${event.image}: nix: building ${derivationName(event.derivation)} ${builtWhere(event.builder)}`);
        if (tty) stream.write('\n');
        break;
      case 'closure-push':
        if (tty) stream.write('\r\x1b[2K');
        stream.write(
          event.result.pushed
            ? `${event.image}: pushed ${event.result.paths} store paths to ${event.result.url} in ${formatSeconds(event.result.seconds)}\n`
            : `nixery: warning: ${event.image}: pushing the closure to ${event.result.url} failed (the image is built; ` +
                `other machines will build it instead of substituting): ${event.result.error}\n`,
        );
        break;
      case 'layer':
        status(`${event.image}: layer ${event.index}/${event.count} ${event.cached ? 'cached' : 'written'} (${formatBytes(event.bytes)})`);
        if (tty && event.index === event.count) stream.write('\n');
        break;
      case 'manifest-cache-hit':
        status(`${event.image}: manifest cached for this pinned source`);
        if (tty) stream.write('\n');
        break;
      case 'blob-collected':
        if (tty) stream.write('\r\x1b[2K');
        stream.write(`${event.image}: blob ${event.digest} was removed by a concurrent nixery gc; building again\n`);
        break;
      case 'unpinned':
        status(`${event.image}: not cached: ${event.reason}`);
        if (tty) stream.write('\n');
        break;
    }
  };
}
