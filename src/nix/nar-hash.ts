// NAR hashes as `nix path-info --json` prints them, in any of Nix's spellings, to plain hex (what SBOMs take).

// Nix's base-32 alphabet (no e, o, t, u).
const NIX_BASE32 = '0123456789abcdfghijklmnpqrsvwxyz';
const SHA256_BYTES = 32;

/** The sha256 of a NAR as 64 hex digits; null for another algorithm or a spelling that is not one of Nix's. */
export function narHashHex(narHash: string): string | null {
  if (narHash.startsWith('sha256-')) {
    const bytes = Buffer.from(narHash.slice('sha256-'.length), 'base64');
    return bytes.length === SHA256_BYTES ? bytes.toString('hex') : null;
  }
  if (!narHash.startsWith('sha256:')) return null;
  const digits = narHash.slice('sha256:'.length);
  if (/^[0-9a-f]{64}$/.test(digits)) return digits;
  return decodeNixBase32(digits, SHA256_BYTES)?.toString('hex') ?? null;
}

/** Nix's base-32: the last character holds the lowest five bits. */
function decodeNixBase32(text: string, size: number): Buffer | null {
  if (text.length !== Math.ceil((size * 8) / 5)) return null;
  const bytes = Buffer.alloc(size);
  for (let n = 0; n < text.length; n++) {
    const digit = NIX_BASE32.indexOf(text[text.length - 1 - n]!);
    if (digit < 0) return null;
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    bytes[i]! |= (digit << j) & 0xff;
    if (i < size - 1) bytes[i + 1]! |= digit >> (8 - j);
    else if (digit >> (8 - j) !== 0) return null;
  }
  return bytes;
}
