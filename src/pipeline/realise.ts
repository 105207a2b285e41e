import { buildImagePackages } from '../nix/build.ts';
import type { NixBuildResult } from '../nix/build.ts';
import { systemForArch } from '../nix/system.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import type { BuildEventSink } from './events.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 2, realise: Nix builds the image's packages; the artifact is their outputs and runtime closure.

export type RealisedImage = NixBuildResult;

export async function realiseImage(
  image: ResolvedImage,
  settings: BuildSettings,
  onEvent: BuildEventSink,
  signal?: AbortSignal,
): Promise<RealisedImage> {
  const canonical = image.name.canonical;
  onEvent({ type: 'nix-build', image: canonical });
  return buildImagePackages({
    source: image.source,
    packages: image.name.packages,
    system: systemForArch(image.name.arch),
    timeoutMs: settings.timeoutMs,
    ...(signal ? { signal } : {}),
    onLogLine: (line) => onEvent({ type: 'nix-log', image: canonical, line }),
  });
}
