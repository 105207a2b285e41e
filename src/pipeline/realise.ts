import { buildImagePackages } from '../nix/build.ts';
import type { NixBuildResult } from '../nix/build.ts';
import { pushClosure } from '../nix/copy.ts';
import type { ClosurePushResult } from '../nix/copy.ts';
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
    nix: settings.nix ?? {},
    ...(signal ? { signal } : {}),
    onLogLine: (line) => onEvent({ type: 'nix-log', image: canonical, line }),
    onDerivationBuild: ({ derivation, builder }) => onEvent({ type: 'nix-derivation', image: canonical, derivation, builder }),
  });
}

/**
 * Copies the realised closure to the settings' binary cache, if one is named; resolves with what happened (never
 * rejects for Nix's failures), so packing and publishing the image can go on meanwhile.
 */
export async function pushRealisedClosure(
  image: ResolvedImage,
  realised: RealisedImage,
  settings: BuildSettings,
  onEvent: BuildEventSink,
  signal?: AbortSignal,
): Promise<ClosurePushResult | undefined> {
  if (!settings.closurePush || realised.outputs.length === 0) return undefined;
  const canonical = image.name.canonical;
  const result = await pushClosure(realised.outputs, settings.closurePush, {
    nix: settings.nix ?? {},
    deadline: Date.now() + settings.timeoutMs,
    ...(signal ? { signal } : {}),
    onLogLine: (line) => onEvent({ type: 'nix-log', image: canonical, line }),
  });
  onEvent({ type: 'closure-push', image: canonical, result });
  return result;
}
