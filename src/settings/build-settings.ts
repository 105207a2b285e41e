import type { ClosurePush } from '../nix/copy.ts';
import type { NixOptions } from '../nix/options.ts';
import type { PackageSource } from '../nix/source.ts';
import type { Compression } from '../oci/media-types.ts';
import type { Arch } from '../oci/platform.ts';

// Object-store requests spend most of their time waiting on the network, so more run at once than there are cores.
export const DEFAULT_UPLOAD_PARALLELISM = 8;

/** How to build images, whichever front door asked (CLI flags, NIXERY_* variables, action inputs). */
export interface BuildSettings {
  source: PackageSource;
  /**
   * Which branch, tag or commit of a git package set to build from. Defaults to the image's first tag, as in
   * Nixery, where the tag a client pulls selects the revision.
   */
  sourceRef?: string;
  /** Most store-path layers per image (the customisation layer comes on top). */
  budget: number;
  compression: Compression;
  /** Covers Nix evaluation and build; the Nix process tree is killed when it runs out. */
  timeoutMs: number;
  /** Layers compressed at once; defaults to the number of cores. */
  parallelism?: number;
  /** Blobs checked and uploaded at once (network-bound, so independent of cores); defaults to 8. */
  uploadParallelism?: number;
  /**
   * Config labels and manifest annotations added to (or overriding) the image's own (image/metadata.ts): the
   * action's git context, --label/--annotation, the labels/annotations inputs.
   */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** SOURCE_DATE_EPOCH in seconds: the image's `created` time; unset keeps the fixed 1970-01-01T00:00:01Z. */
  sourceDateEpoch?: number;
  /**
   * The platforms to build under each tag. More than one makes the tag an image index; unset means the name's own
   * platform (amd64, or arm64 with the arm64 meta-package), as a plain manifest.
   */
  platforms?: Arch[];
  /**
   * Adds this build's platforms to the tag's index instead of replacing what the tag names: one job of a matrix
   * (one platform per runner). Needs the bucket, where each platform's record is a separate object.
   */
  mergePlatforms?: boolean;
  /** Remote builders and binary caches for every Nix command of the build (settings/nix-settings.ts); none: nix.conf's. */
  nix?: NixOptions;
  /** After Nix builds an image's packages, their closure is copied to this binary cache (a failure is reported, not fatal). */
  closurePush?: ClosurePush;
}
