# The one expression an image build evaluates: resolve the image's package names against
# a package set and return the derivations to build. Only builtins, so assembling an
# image never needs nixpkgs itself.
#
#   nix-build image-packages.nix --arg packageSet '<system: set>' \
#     --argstr packagesJson '["git","haskellpackages.pandoc"]' --argstr system x86_64-linux
#
# Names are resolved level by level (split on "."): the exact attribute when present,
# otherwise the one attribute whose lowercased name matches. If any name does not resolve
# to a derivation, evaluation throws one line the caller parses:
#   nixery-unknown-packages: ["foo","bar"] nixery-unknown-reasons: {"bar":"...","foo":"..."}
#
# With `--argstr want meta` (nix-instantiate --eval --strict --json) it returns, per requested
# name, the attribute path and what meta says (for the SBOM) instead of the derivations.
{ packageSet, packagesJson, system, want ? "outputs" }:

let
  inherit (builtins)
    attrNames concatMap deepSeq filter foldl' fromJSON genList head isAttrs isList isString
    length listToAttrs replaceStrings split substring throw toJSON tryEval;

  requested = fromJSON packagesJson;
  pkgs = packageSet system;

  toLower = replaceStrings
    (genList (i: substring i 1 "ABCDEFGHIJKLMNOPQRSTUVWXYZ") 26)
    (genList (i: substring i 1 "abcdefghijklmnopqrstuvwxyz") 26);

  # tryEval turns `throw`s (removed aliases, broken attributes) into "unknown" instead
  # of a stack trace.
  evaluates = value: (tryEval (isAttrs value || true)).success;

  isDerivation = value:
    let r = tryEval (isAttrs value && (value.type or null) == "derivation");
    in r.success && r.value;

  # The attribute of `set` that `key` names, or why there is none.
  findAttr = set: path: key:
    let where = if path == "" then "" else " in \"${path}\"";
    in
    if set ? ${key} then { name = key; }
    else
      let
        lowerKey = toLower key;
        matches = filter (n: toLower n == lowerKey) (attrNames set);
      in
      if matches == [ ] then { error = "no attribute \"${key}\"${where}"; }
      else if length matches == 1 then { name = head matches; }
      else { error = "\"${key}\" is ambiguous${where}: it matches ${toJSON matches}"; };

  # Walk one dotted name down from the package set: { value } or { error }.
  resolve = fullName:
    let
      segments = filter isString (split "\\." fullName);
      step = acc: key:
        if acc ? error then acc
        else
          let isSet = tryEval (isAttrs acc.value);
          in
          if !(isSet.success && isSet.value) then
            { error = "\"${acc.path}\" is not an attribute set"; }
          else
            let found = findAttr acc.value acc.path key;
            in
            if found ? error then found
            else
              let
                value = acc.value.${found.name};
                path = if acc.path == "" then found.name else "${acc.path}.${found.name}";
              in
              if evaluates value then { inherit value path; }
              else { error = "\"${path}\" fails to evaluate"; };
      walked =
        if fullName == "" || filter (s: s == "") segments != [ ] then { error = "empty name"; }
        else foldl' step { value = pkgs; path = ""; } segments;
    in
    if walked ? error then walked
    else if isDerivation walked.value then walked
    else { error = "\"${walked.path}\" is not a package (not a derivation)"; };

  results = map (name: { inherit name; result = resolve name; }) requested;
  unknown = filter (r: r.result ? error) results;

  unknownNames = map (r: r.name) unknown;
  unknownReasons = listToAttrs (map (r: { name = r.name; value = r.result.error; }) unknown);

  # The outputs a user would get from installing the package (nixpkgs' meta.outputsToInstall),
  # else the derivation's default output.
  outputsOf = drv:
    let
      wanted = (drv.meta or { }).outputsToInstall or [ ];
      present = filter (o: drv ? ${o}) wanted;
    in
    if present == [ ] then [ drv ] else map (o: drv.${o}) present;

  # A meta field, or null when it is missing or fails to evaluate (meta is free-form).
  field = value: let r = tryEval (deepSeq value value); in if r.success then r.value else null;
  stringOrNull = value: let v = field value; in if isString v then v else null;
  firstOf = value: let v = field value; in if isList v then (if v == [ ] then null else head v) else v;
  licenseOf = l:
    if isAttrs l then {
      spdxId = stringOrNull (l.spdxId or null);
      name = stringOrNull (l.fullName or l.shortName or null);
      url = stringOrNull (l.url or null);
    }
    else { spdxId = null; name = stringOrNull l; url = null; };
  metaOf = r:
    let
      drv = r.result.value;
      meta = field (drv.meta or { });
      m = if isAttrs meta then meta else { };
      license = field (m.license or null);
    in {
      inherit (r) name;
      attrPath = r.result.path;
      outputs = map (o: o.outPath) (outputsOf drv);
      description = stringOrNull (m.description or null);
      homepage = stringOrNull (firstOf (m.homepage or null));
      licenses = if license == null then [ ] else map licenseOf (if isList license then license else [ license ]);
    };
in
if unknown != [ ] then
  throw "nixery-unknown-packages: ${toJSON unknownNames} nixery-unknown-reasons: ${toJSON unknownReasons}"
else if want == "meta" then
  map metaOf results
else
  concatMap (r: outputsOf r.result.value) results
