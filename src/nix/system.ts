import type { Arch } from '../oci/platform.ts';

// Nix system doubles for the image architectures we build.
const SYSTEMS: Record<Arch, string> = { amd64: 'x86_64-linux', arm64: 'aarch64-linux' };

export function systemForArch(arch: Arch): string {
  const system = SYSTEMS[arch];
  if (!system) throw new Error(`unsupported architecture "${String(arch)}": expected amd64 or arm64`);
  return system;
}
