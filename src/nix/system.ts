// Nix system doubles for the image architectures we build.
export type ImageArch = 'amd64' | 'arm64';

const SYSTEMS: Record<ImageArch, string> = { amd64: 'x86_64-linux', arm64: 'aarch64-linux' };

export function systemForArch(arch: ImageArch): string {
  const system = SYSTEMS[arch];
  if (!system) throw new Error(`unsupported architecture "${String(arch)}": expected amd64 or arm64`);
  return system;
}
