// WWW-Authenticate as RFC 7235 writes it: one or more challenges, comma-separated, each an auth-scheme followed by
// either a token68 or a comma-separated list of auth-params (`name=token` or `name="quoted \"string\""`).
// Registries answer `Bearer realm="...",service="...",scope="..."` (token auth) or `Basic realm="..."` (htpasswd);
// Node's fetch joins several WWW-Authenticate headers with ", ", which is the same list.

export interface Challenge {
  /** The auth-scheme, lower-cased (schemes are case-insensitive): `bearer`, `basic`. */
  scheme: string;
  /** auth-params by lower-cased name (names are case-insensitive), values unquoted and unescaped. */
  params: Record<string, string>;
  /** A token68 instead of auth-params (`Negotiate abc==`), rare for registries. */
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/** Parses a WWW-Authenticate value; never throws (what can't be read is skipped). */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
  const skipSpace = () => {
    while (i < n && isSpace(header[i])) i++;
  };
  const skipSpaceAndCommas = () => {
    while (i < n && (isSpace(header[i]) || header[i] === ',')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TCHAR.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const readQuoted = (): string => {
    // header[i] is the opening quote.
    i++;
    let value = '';
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++; // the closing quote (or past the end of an unterminated string)
    return value;
  };
  // Whether an auth-param (`name BWS = BWS value`, the `=` not part of a token68's padding) starts at i.
  const paramAhead = (): boolean => {
    let j = i;
    while (j < n && TCHAR.test(header[j]!)) j++;
    if (j === i) return false;
    while (j < n && isSpace(header[j])) j++;
    if (header[j] !== '=') return false;
    j++;
    while (j < n && isSpace(header[j])) j++;
    // `abc=` followed by nothing, a comma or more `=` is a token68 with padding, not a parameter.
    return j < n && header[j] !== ',' && header[j] !== '=';
  };

  while (i < n) {
    skipSpaceAndCommas();
    if (i >= n) break;
    const scheme = readToken();
    if (!scheme) {
      // Not a token: skip to the next comma and try again.
      while (i < n && header[i] !== ',') i++;
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipSpace();
    if (i >= n || header[i] === ',') {
      // A scheme alone, or followed by a list of params after a comma: params continue below only when a
      // `name=` follows (otherwise the next token is the next challenge's scheme).
    } else if (!paramAhead()) {
      const start = i;
      while (i < n && TOKEN68_CHAR.test(header[i]!)) i++;
      while (i < n && header[i] === '=') i++;
      if (i > start) challenge.token68 = header.slice(start, i);
      skipSpace();
      continue;
    }
    // auth-params, until a token that isn't followed by `=` (the next challenge) or the end.
    for (;;) {
      skipSpaceAndCommas();
      if (i >= n || !paramAhead()) break;
      const name = readToken().toLowerCase();
      skipSpace();
      i++; // '='
      skipSpace();
      let value: string;
      if (header[i] === '"') {
        value = readQuoted();
      } else {
        // A token; be lenient with servers that leave a URL unquoted (`realm=https://auth.example/token`).
        const start = i;
        while (i < n && header[i] !== ',' && !isSpace(header[i])) i++;
        value = header.slice(start, i);
      }
      if (!(name in challenge.params)) challenge.params[name] = value;
      skipSpace();
    }
  }
  return challenges;
}

/** The first challenge with this scheme (case-insensitive), if any. */
export function findChallenge(challenges: readonly Challenge[], scheme: string): Challenge | undefined {
  const wanted = scheme.toLowerCase();
  return challenges.find((challenge) => challenge.scheme === wanted);
}
