import type { Authenticator } from '../auth.ts';
import { sendJson } from '../context.ts';
import type { RequestContext } from '../context.ts';

/** GET /v2/: the API version check every client starts with (authentication already passed). */
export function serveBase(ctx: RequestContext): void {
  sendJson(ctx, 200, {});
}

/** GET /healthz: liveness for orchestrators; never needs credentials, never touches storage. */
export function serveHealth(ctx: RequestContext): void {
  sendJson(ctx, 200, { status: 'ok' });
}

/** GET /v2/token: trades Basic credentials for a bearer token (docker login's token flow). */
export async function serveToken(ctx: RequestContext, auth: Authenticator | null): Promise<void> {
  if (!auth?.enabled) {
    sendJson(ctx, 200, { token: 'anonymous', access_token: 'anonymous', expires_in: 3600 });
    return;
  }
  sendJson(ctx, 200, await auth.issueToken(ctx.request), { 'Cache-Control': 'no-store' });
}
