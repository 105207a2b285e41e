import type { BuildEvent } from '../pipeline/events.ts';
import { builtWhere, derivationName } from '../nix/activity.ts';
import { formatBytes, formatSeconds } from '../report/format.ts';

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
    case 'nix-derivation':
      return `building ${derivationName(event.derivation)} ${builtWhere(event.builder)}`;
    case 'closure-push':
      return event.result.pushed
        ? `pushed ${event.result.paths} store paths to ${event.result.url} in ${formatSeconds(event.result.seconds)}`
        : `pushing the closure to ${event.result.url} failed (the image is built): ${event.result.error}`;
    case 'layer':
      return `layer ${event.index}/${event.count}: ${event.cached ? 'cache hit' : 'written'}, ${formatBytes(event.bytes)}`;
    case 'manifest-cache-hit':
      return `manifest cache hit for ${event.image}: nothing to build`;
    case 'blob-collected':
      return `blob ${event.digest} was removed by a concurrent nixery gc before ${event.image} was tagged: building again`;
    case 'unpinned':
      return `${event.image} is built but not cached: ${event.reason}`;
  }
}
