// The Nix builder and cache flags that `build` and `serve --build` share; settings/nix-settings.ts reads them
// (over their NIXERY_NIX_* variables) and checks them.

export const NIX_OPTIONS = {
  'nix-builders': { type: 'string' },
  'nix-builders-use-substitutes': { type: 'boolean' },
  'nix-substituters': { type: 'string', multiple: true },
  'nix-trusted-public-keys': { type: 'string', multiple: true },
  'nix-cache-push': { type: 'string' },
  'nix-cache-secret-key-file': { type: 'string' },
} as const;

export const NIX_USAGE = `  --nix-builders SPEC     Nix remote builders (Nix's builders setting; replaces nix.conf's): machines separated
                          by ";", e.g. "ssh-ng://builder@big x86_64-linux /root/.ssh/builder 8" (NIXERY_NIX_BUILDERS)
  --nix-builders-use-substitutes  builders fetch inputs from their own caches (NIXERY_NIX_BUILDERS_USE_SUBSTITUTES)
  --nix-substituters URLS binary caches added to nix.conf's, space-separated or repeated (NIXERY_NIX_SUBSTITUTERS)
  --nix-trusted-public-keys KEYS  cache signing keys added to nix.conf's (NIXERY_NIX_TRUSTED_PUBLIC_KEYS)
  --nix-cache-push URL    copy each build's closure to this binary cache (nix copy --to), e.g. s3://cache?region=R
                          or file:///srv/cache; a failed push is a warning (NIXERY_NIX_CACHE_PUSH)
  --nix-cache-secret-key-file FILE  sign what is pushed (NIXERY_NIX_CACHE_SECRET_KEY_FILE); see docs/scale-out.md`;
