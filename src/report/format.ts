// Human-readable figures, shared by the CLI, the Action's reports and the registry's page.

/** 1023 B, 1.0 KiB, 12.3 MiB: binary units, as `du -h` and registries' UIs show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `sha256:` and the first 12 hex digits: enough to tell images apart in a table; commands keep the full digest. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return digest.slice(0, colon + 1 + 12);
}

/** 4s, 1.2s, 2m5s: whole seconds without a decimal, so limits the user set read as they wrote them. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}
