// The OCI platform architectures images are built for (the config's and index's `architecture`).
export type Arch = 'amd64' | 'arm64';

/** An image index entry's `platform`. */
export interface Platform {
  os: 'linux';
  architecture: Arch;
  /** Only where the architecture has one that clients match on: arm64 is ARMv8. */
  variant?: string;
}

export const VARIANTS: Record<Arch, string | undefined> = { amd64: undefined, arm64: 'v8' };
export const ARCHES: readonly Arch[] = ['amd64', 'arm64'];

export function platformOf(architecture: Arch): Platform {
  const variant = VARIANTS[architecture];
  return { os: 'linux', architecture, ...(variant ? { variant } : {}) };
}

/** `linux/arm64` (the variant is left out: each architecture has the one we build). */
export function platformName(architecture: Arch): string {
  return `linux/${architecture}`;
}
