# The example package set as a flake, for tests of flake sources (no network: a test
# repository's flake takes this one as its `nixpkgs` input by a git+file: URL).
# Flakes are evaluated purely, so the set is imported with `pure = true`.
{
  description = "nixery-action's offline example package set";

  outputs = { self }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forSystem = system: import ./default.nix { inherit system; pure = true; };
    in
    {
      legacyPackages = builtins.listToAttrs (map (system: { name = system; value = forSystem system; }) systems);
    };
}
