import type { BuildEvent } from '../pipeline/events.ts';
import { formatBytes } from '../report/format.ts';

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
      case 'layer':
        status(`${event.image}: layer ${event.index}/${event.count} ${event.cached ? 'cached' : 'written'} (${formatBytes(event.bytes)})`);
        if (tty && event.index === event.count) stream.write('\n');
        break;
      case 'manifest-cache-hit':
        status(`${event.image}: manifest cached for this pinned source`);
        if (tty) stream.write('\n');
        break;
      case 'unpinned':
        status(`${event.image}: not cached: ${event.reason}`);
        if (tty) stream.write('\n');
        break;
    }
  };
}
