import type { ClosurePushResult } from '../nix/copy.ts';

// What a build reports while it runs; each front door shows these its own way (progress line, log group, server log).

export type BuildEvent =
  | { type: 'nix-build'; image: string }
  | { type: 'nix-log'; image: string; line: string }
  /** Nix started building a derivation: on this machine ("local") or on a remote builder (its store URI). */
  | { type: 'nix-derivation'; image: string; derivation: string; builder: string }
  /** The image's closure went to the binary cache (or failed to: the image is built either way). */
  | { type: 'closure-push'; image: string; result: ClosurePushResult }
  | { type: 'layer'; image: string; index: number; count: number; cached: boolean; bytes: number }
  | { type: 'manifest-cache-hit'; image: string }
  /** A concurrent `nixery gc` removed a blob the build had reused before it was tagged: the build starts over. */
  | { type: 'blob-collected'; image: string; digest: string }
  /** The source could be pinned but is not (a dirty flake tree): the image is built, never cached. */
  | { type: 'unpinned'; image: string; reason: string };

export type BuildEventSink = (event: BuildEvent) => void;
