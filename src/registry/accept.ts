// Content negotiation for manifests. Manifests are stored in one media type and never converted (conversion
// would change the digest), so negotiation only decides whether the stored type is acceptable at all.

/** Whether an Accept header admits `mediaType`. No header, or a wildcard, accepts anything. */
export function acceptsMediaType(header: string | undefined, mediaType: string): boolean {
  if (header === undefined || header.trim() === '') return true;
  const [type = ''] = mediaType.toLowerCase().split('/');
  let sawAny = false;
  for (const entry of header.split(',')) {
    const [rawRange = '', ...params] = entry.split(';');
    const range = rawRange.trim().toLowerCase();
    if (range === '') continue;
    sawAny = true;
    if (params.some((p) => /^\s*q\s*=\s*0(?:\.0{0,3})?\s*$/i.test(p))) continue; // q=0 means "not this"
    if (range === '*/*' || range === mediaType.toLowerCase() || range === `${type}/*`) return true;
  }
  // A header with nothing but separators says nothing; treat it as absent.
  return !sawAny;
}
