# The registry bench's package set: the offline examples plus `noise`, one store path of 200 MiB of
# incompressible bytes, so one layer is a large blob that compression cannot shrink.
{ ... }@args:

let
  examples = import ../../nix/examples args;
in
examples // {
  noise = examples.lib.mkPackage {
    name = "noise-200m";
    script = ''
      set -eu
      mkdir -p "$out/share"
      head -c 209715200 /dev/urandom > "$out/share/noise.bin"
    '';
    meta.description = "200 MiB of random bytes (registry bench)";
  };
}
