# An offline example package set: no network, no nixpkgs.
#
# Everything is built from the host's static busybox (Debian: busybox-static), so the
# images made from it run in a container, and every package refers to busybox through
# a real store reference: the runtime closure is a real graph. Store paths depend only
# on the busybox binary (and, for cacert, the host's CA bundle).
#
# For system = "aarch64-linux" the busybox is Debian's arm64 static build, unpacked by
# .ci/setup into /opt/busybox-static-arm64. Builders stay the host's /bin/sh and only copy files,
# so the set builds on an x86_64 machine with `extra-platforms = aarch64-linux`, and the
# outputs are real aarch64 ELF files. Anything that must run busybox while building
# (listing its applets) runs the host's, which has the same applets.
#
# It takes and ignores nixpkgs-style arguments (config, overlays) so it can stand in
# for nixpkgs wherever a package set is expected.
#
# `pure = true` names the host's files only as strings inside builder scripts, as pure
# evaluation forbids host paths as Nix path values. Store paths then no longer follow the
# files' content, so it is the default only where it must be: under pure evaluation
# (flake.nix, a flake's `flake = false` input), which has no builtins.currentSystem.
{ system ? builtins.currentSystem, pure ? !(builtins ? currentSystem), ... }:

let
  # A derivation whose builder is a /bin/sh script. Builds run without a sandbox here,
  # so the host's /bin tools are used while building; they never end up in outputs.
  mkPackage = { name, script, meta ? { }, ... }@attrs:
    let
      drv = derivation ((removeAttrs attrs [ "script" "meta" ]) // {
        inherit name system;
        builder = "/bin/sh";
        args = [ "-c" script ];
        PATH = "/usr/bin:/bin";
      });
    in
    drv // { meta = { outputsToInstall = [ "out" ]; } // meta; };

  # A package holding executable scripts (and symlinks) in bin/. Each script text goes
  # through an environment variable so the store paths it names become references;
  # variables are numbered because file names need not be valid variable names.
  mkScripts = { name, scripts, links ? { }, meta ? { } }:
    let
      indexed = set: prefix:
        let names = builtins.attrNames set;
        in builtins.genList (i: rec {
          file = builtins.elemAt names i;
          var = "${prefix}${toString i}";
          value = set.${file};
        }) (builtins.length names);
      scriptEntries = indexed scripts "script";
      linkEntries = indexed links "link";
      asEnv = entries: builtins.listToAttrs (map (e: { name = e.var; value = e.value; }) entries);
    in
    mkPackage ({
      inherit name meta;
      script = ''
        set -eu
        mkdir -p "$out/bin"
        ${builtins.concatStringsSep "\n" (map (e: ''
          printf '%s' "${"$" + e.var}" > "$out/bin/${e.file}"
          chmod 0555 "$out/bin/${e.file}"
        '') scriptEntries)}
        ${builtins.concatStringsSep "\n" (map (e: ''
          ln -s "${"$" + e.var}" "$out/bin/${e.file}"
        '') linkEntries)}
      '';
    } // asEnv scriptEntries // asEnv linkEntries);

  # Where .ci/setup unpacks Debian's busybox-static:arm64 (dpkg-deb -x).
  arm64Busybox = "/opt/busybox-static-arm64/bin/busybox";
  isAarch64 = system == "aarch64-linux";
  hostBusybox = if pure then "/bin/busybox" else builtins.path { path = /bin/busybox; name = "busybox-static"; };
  busyboxBinary =
    if !isAarch64 then hostBusybox
    # Pure evaluation cannot look at host paths: the builder's cp fails with the path in its log when it is missing.
    else if pure then arm64Busybox
    else if builtins.pathExists arm64Busybox then builtins.path { path = arm64Busybox; name = "busybox-static-arm64"; }
    else throw "the aarch64-linux examples need Debian's busybox-static:arm64 at ${arm64Busybox} (run .ci/setup)";
  # Runs on the build machine to list applets: the target's busybox on its own system, the host's otherwise.
  appletLister = exe: if isAarch64 then "/bin/busybox" else exe;

  busybox = mkPackage {
    name = "busybox";
    src = busyboxBinary;
    script = ''
      set -eu
      mkdir -p "$out/bin"
      cp "$src" "$out/bin/busybox"
      chmod 0555 "$out/bin/busybox"
      for applet in $("${appletLister "$out/bin/busybox"}" --list); do
        if [ "$applet" != busybox ]; then ln -s busybox "$out/bin/$applet"; fi
      done
    '';
    meta.description = "The host's static busybox with every applet linked in bin/";
  };

  sh = "${busybox}/bin/sh";

  hello = mkScripts {
    name = "hello-2.12";
    scripts.hello = ''
      #!${sh}
      # Like GNU hello: a greeting, optionally a different one.
      case "''${1:-}" in
        --version) echo "hello (nixery-action examples) 2.12" ;;
        -g|--greeting) echo "$2" ;;
        *) echo "Hello, world!" ;;
      esac
    '';
    meta = {
      description = "Prints a friendly greeting";
      homepage = "https://www.gnu.org/software/hello/";
      license = { spdxId = "GPL-3.0-or-later"; fullName = "GNU General Public License v3.0 or later"; };
    };
  };

  bashInteractive = mkScripts {
    name = "bash-interactive-5.2";
    scripts.bash = ''
      #!${sh}
      # A stand-in for bash: busybox's shell understands most of what images run.
      exec ${busybox}/bin/sh "$@"
    '';
    links.sh = "bash";
    meta.description = "Stand-in for bash: exec's busybox sh";
  };

  coreutilsApplets = [
    "[" "basename" "cat" "chmod" "chown" "cp" "cut" "date" "dd" "df" "dirname" "du"
    "echo" "env" "expr" "false" "head" "id" "install" "ln" "ls" "mkdir" "mktemp" "mv"
    "nproc" "od" "printf" "pwd" "readlink" "realpath" "rm" "rmdir" "seq" "sha256sum"
    "sleep" "sort" "stat" "tail" "tee" "test" "touch" "tr" "true" "uname" "uniq" "wc"
    "whoami" "yes"
  ];

  coreutils = mkPackage {
    name = "coreutils-9.4";
    applets = coreutilsApplets;
    busyboxExe = "${busybox}/bin/busybox";
    script = ''
      set -eu
      mkdir -p "$out/bin"
      available=$("${appletLister "$busyboxExe"}" --list)
      for applet in $applets; do
        if printf '%s\n' "$available" | grep -qxF -- "$applet"; then
          ln -s "$busyboxExe" "$out/bin/$applet"
        fi
      done
    '';
    meta.description = "Stand-in for GNU coreutils: links to busybox applets";
  };

  moreutils = mkScripts {
    name = "moreutils-0.69";
    scripts.sponge = ''
      #!${sh}
      # Soak up all of stdin, then write it out (to a file if one is named).
      set -e
      tmp=$(${busybox}/bin/mktemp)
      ${busybox}/bin/cat > "$tmp"
      if [ -n "''${1:-}" ]; then ${busybox}/bin/cat "$tmp" > "$1"; else ${busybox}/bin/cat "$tmp"; fi
      ${busybox}/bin/rm -f "$tmp"
    '';
    scripts.ts = ''
      #!${sh}
      # Prefix each line of stdin with a timestamp.
      fmt="''${1:-%b %d %H:%M:%S}"
      while IFS= read -r line; do
        echo "$(${busybox}/bin/date +"$fmt") $line"
      done
    '';
    meta.description = "Stand-in for moreutils: sponge and ts";
  };

  nano = mkScripts {
    name = "nano-7.2";
    scripts.nano = ''
      #!${sh}
      # A stand-in for nano: busybox vi is the editor at hand.
      if [ "''${1:-}" = --version ]; then echo "GNU nano (nixery-action examples: busybox vi)"; exit 0; fi
      exec ${busybox}/bin/vi "$@"
    '';
    meta.description = "Stand-in for nano: runs busybox vi";
  };

  # Data that is the same on every platform. A fixed-output derivation's store path depends only on its name and
  # content, so the amd64 and arm64 images hold the same path, in the same layer: one blob shared by both platforms
  # of an image index.
  helloData = mkPackage {
    name = "hello-data-1.0";
    script = ''
      set -eu
      mkdir -p "$out/share/hello"
      printf 'Hello, world!\nHallo, Welt!\nBonjour, le monde !\n' > "$out/share/hello/greetings.txt"
    '';
    outputHashMode = "recursive";
    outputHashAlgo = "sha256";
    outputHash = "sha256-TTnERszo6AygVLBxmEVQGxGBHJb90da9RifNfCT/8ms=";
    meta.description = "Greetings in a few languages (the same bytes on every platform)";
  };

  # Used when the host has no CA bundle, so the package always exists.
  fallbackCertificates = ''
    -----BEGIN CERTIFICATE-----
    MIICGzCCAaGgAwIBAgIQQdKd0XLq7qeAwSxs6S+HUjAKBggqhkjOPQQDAzBPMQsw
    CQYDVQQGEwJVUzEpMCcGA1UEChMgSW50ZXJuZXQgU2VjdXJpdHkgUmVzZWFyY2gg
    R3JvdXAxFTATBgNVBAMTDElTUkcgUm9vdCBYMjAeFw0yMDA5MDQwMDAwMDBaFw00
    MDA5MTcxNjAwMDBaME8xCzAJBgNVBAYTAlVTMSkwJwYDVQQKEyBJbnRlcm5ldCBT
    ZWN1cml0eSBSZXNlYXJjaCBHcm91cDEVMBMGA1UEAxMMSVNSRyBSb290IFgyMHYw
    EAYHKoZIzj0CAQYFK4EEACIDYgAEzZvVn4CDCuwJSvMWSj5cz3es3mcFDR0HttwW
    +1qLFNvicWDEukWVEYmO6gbf9yoWHKS5xcUy4APgHoIYOIvXRdgKam7mAHf7AlF9
    ItgKbppbd9/w+kHsOdx1ymgHDB/qo0IwQDAOBgNVHQ8BAf8EBAMCAQYwDwYDVR0T
    AQH/BAUwAwEB/zAdBgNVHQ4EFgQUfEKWrt5LSDv6kviejM9ti6lyN5UwCgYIKoZI
    zj0EAwMDaAAwZQIwe3lORlCEwkSHRhtFcP9Ymd70/aTSVaYgLXTWNLxBo1BfASdW
    tL4ndQavEi51mI38AjEAi/V3bNTIZargCyzuFJ0nN6T5U6VR5CmD1/iQMVtCnwr1
    /q4AaOeMSQ+2b1tbFfLn
    -----END CERTIFICATE-----
  '';

  hostBundle = /etc/ssl/certs/ca-certificates.crt;
  hostBundleName = "/etc/ssl/certs/ca-certificates.crt";

  cacert = mkPackage {
    name = "nss-cacert";
    bundle =
      # Pure: the host's bundle when the builder finds it, else the fallback.
      if pure then builtins.toFile "ca-certificates.crt" fallbackCertificates
      else if builtins.pathExists hostBundle
      then builtins.path { path = hostBundle; name = "ca-certificates.crt"; }
      else builtins.toFile "ca-certificates.crt" fallbackCertificates;
    script = (if pure then "if [ -f ${hostBundleName} ]; then bundle=${hostBundleName}; fi\n" else "") + ''
      set -eu
      mkdir -p "$out/etc/ssl/certs"
      cp "$bundle" "$out/etc/ssl/certs/ca-bundle.crt"
      chmod 0444 "$out/etc/ssl/certs/ca-bundle.crt"
    '';
    meta.description = "CA certificates for SSL_CERT_FILE";
  };

in
{
  inherit busybox hello helloData bashInteractive coreutils moreutils nano cacert;
  # Lets other sets (test fixtures) build packages the same way.
  lib = { inherit mkPackage mkScripts; };
}
