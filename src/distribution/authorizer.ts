// How the registry client gets an Authorization header. The client knows nothing of credentials or token
// services: it asks for a header before a request and reports the registry's challenge after a 401.

export interface Authorizer {
  /**
   * The Authorization header for a request that needs `scope` (e.g. `repository:acme/app:pull,push`), or
   * undefined when nothing is known yet (the first request goes anonymous and learns the challenge).
   */
  header(scope: string): Promise<string | undefined>;
  /**
   * A 401 answered a request for `scope` with this WWW-Authenticate value. Returns true when a retry with a new
   * header() may succeed (a token was fetched, or credentials were found for a Basic challenge); false when there
   * is nothing more to try, and the client reports the 401.
   */
  challenge(wwwAuthenticate: string, scope: string): Promise<boolean>;
  /** What was tried, for error messages (never a secret): e.g. `user "octo" from ~/.docker/config.json`, `anonymous`. */
  describe(): string;
}

/** No credentials: public registries and anonymous pulls. */
export const anonymous: Authorizer = {
  header: async () => undefined,
  challenge: async () => false,
  describe: () => 'anonymous (no credentials found)',
};
