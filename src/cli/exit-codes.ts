import type { ErrorKind } from '../errors.ts';

// The CLI's exit status for each kind of failure, so scripts can tell a typo from a broken package or an
// unreachable bucket. Anything else (a bug) exits 1.

export const EXIT_CODES: Record<ErrorKind, number> = {
  usage: 2,
  'unknown-packages': 3,
  'missing-git-ref': 3,
  'nix-build': 4,
  // As timeout(1) does.
  'nix-timeout': 124,
  'bucket-access': 5,
  'registry-access': 6,
};

export const UNEXPECTED_ERROR_EXIT_CODE = 1;

export const EXIT_CODES_HELP = `Exit status: 0 done; 2 usage (bad flag, name or setting); 3 unknown package or git ref; 4 Nix build
failed; 5 bucket not reachable or not allowed; 6 registry refused or failed a push; 124 Nix build timed out; 1 anything else.`;
