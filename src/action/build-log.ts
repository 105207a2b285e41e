import type { BuildEvent } from '../pipeline/events.ts';
import { formatBytes } from '../report/format.ts';

// One log line per build event, for the image's log group.

/**
 * Nix's log carries text from the packages being built (on pull requests: from the author). A line starting
 * with "::" would be read by the runner as a workflow command, so it is defused.
 */
export function formatBuildEvent(event: BuildEvent): string {
  switch (event.type) {
    case 'nix-build':
      return `nix-build ${event.image}`;
    case 'nix-log':
      return `  ${event.line.replace(/^(\s*):(:)/, '$1:\u200b$2')}`;
    case 'layer':
      return `layer ${event.index}/${event.count}: ${event.cached ? 'cache hit' : 'written'}, ${formatBytes(event.bytes)}`;
    case 'manifest-cache-hit':
      return `manifest cache hit for ${event.image}: nothing to build`;
    case 'unpinned':
      return `${event.image} is built but not cached: ${event.reason}`;
  }
}
