import type { Arch } from '../oci/platform.ts';

// Nix system doubles for the image architectures we build.
const SYSTEMS: Record<Arch, string> = { amd64: 'x86_64-linux', arm64: 'aarch64-linux' };

export function systemForArch(arch: Arch): string {
  const system = SYSTEMS[arch];
  if (!system) throw new Error(`unsupported architecture "${String(arch)}": expected amd64 or arm64`);
  return system;
}

/**
 * Whether a failed build's log says this machine cannot build `system` at all (Nix: "a 'aarch64-linux' with
 * features {} is required to build …, but I am a 'x86_64-linux' …"), rather than a package failing to build.
 */
export function isSystemUnavailable(log: readonly string[], system: string): boolean {
  const required = `a '${system}' with features {`;
  return log.some((line) => {
    const at = line.indexOf(required);
    return at >= 0 && /^[^}]*\} is required to build/.test(line.slice(at + required.length));
  });
}

/** What to do when the runner cannot build `system`: the three ways Nix gets another platform's outputs. */
export function systemUnavailableHelp(system: string): string {
  return (
    `this machine cannot build ${system} packages, and they are not in a binary cache it uses. Three ways to get them: ` +
    `(1) substitution: a package set whose binary cache holds ${system} outputs (nixpkgs at a commit Hydra built, with substituters on); ` +
    `(2) emulation: QEMU user-mode with binfmt_misc (docker/setup-qemu-action, or qemu-user-static) and "extra-platforms = ${system}" ` +
    `in the Nix configuration (the action's extra-nix-conf input); ` +
    `(3) native runners: build each platform on its own runner in a matrix with --platform and --merge (the action's platforms and merge inputs). ` +
    'See docs/multi-arch.md'
  );
}
