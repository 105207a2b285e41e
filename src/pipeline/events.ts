// What a build reports while it runs; each front door shows these its own way (progress line, log group, server log).

export type BuildEvent =
  | { type: 'nix-build'; image: string }
  | { type: 'nix-log'; image: string; line: string }
  | { type: 'layer'; image: string; index: number; count: number; cached: boolean; bytes: number }
  | { type: 'manifest-cache-hit'; image: string }
  /** The source could be pinned but is not (a dirty flake tree): the image is built, never cached. */
  | { type: 'unpinned'; image: string; reason: string };

export type BuildEventSink = (event: BuildEvent) => void;
