import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryAccessError } from '../errors.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { sha256Digest } from '../oci/digest.ts';
import { parseReferrersIndex } from '../oci/artifact.ts';
import { MediaType } from '../oci/media-types.ts';
import type { Authorizer } from './authorizer.ts';
import { failureFromResponse, manifestFailure, parseErrorBody, unreachable } from './failures.ts';
import type { FailureContext } from './failures.ts';
import { ConnectionError, DEFAULT_RETRY_POLICY, backoff, redactUrl, sendRequest } from './http.ts';
import type { RequestBody, RetryNotice, RetryPolicy } from './http.ts';
import { registryBaseUrl } from './reference.ts';

// The push half of the OCI distribution API: ask for blobs, mount them across repositories, upload them (one PUT,
// or PATCH chunks that resume after a failure) and put manifests. One client talks to one registry host; it knows
// nothing of credentials beyond asking its Authorizer for a header and reporting 401 challenges back.

/** A blob's bytes: a local file (streamed, re-opened for every attempt) or a buffer. */
export type BlobSource = { file: string } | { bytes: Buffer };

export interface RegistryClientOptions {
  /** The API's host[:port], as PushDestination.host has it. */
  host: string;
  /** Plain http instead of https. */
  insecure: boolean;
  authorizer: Authorizer;
  /** Blobs up to this size are sent in one PUT; bigger ones in PATCH chunks. Default 8 MiB. */
  monolithicMaxBytes?: number;
  /** Bytes per PATCH chunk, raised to the registry's OCI-Chunk-Min-Length when it asks for more. Default 32 MiB. */
  chunkBytes?: number;
  /** Retries of single requests, and of failed chunks (`attempts` failures in a row end an upload). */
  retry?: Partial<RetryPolicy>;
  /** Told about every retry (a status or connection error, an upload resumed or restarted); never sees headers. */
  onRetry?: (notice: RetryNotice) => void;
  userAgent?: string;
}

export const DEFAULT_MONOLITHIC_MAX_BYTES = 8 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
const DEFAULT_USER_AGENT = 'nixery-action';
const MANIFEST_ACCEPT = [MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList].join(', ');
/** Errors that mean an upload's bytes went wrong on the way (a partial write): a new upload can fix them. */
const UPLOAD_LOST_CODES = new Set(['BLOB_UPLOAD_UNKNOWN', 'BLOB_UPLOAD_INVALID']);
const UPLOAD_CORRUPT_CODES = new Set(['DIGEST_INVALID', 'SIZE_INVALID']);

interface UploadSession {
  /** Where the next request for this upload goes: the last Location the registry gave. */
  location: string;
  /** The registry's minimum PATCH size, if it said. */
  minChunk: number;
}

interface CallOptions {
  method: string;
  url: string;
  scopes: string[];
  action: string;
  repository: string;
  headers?: Record<string, string>;
  body?: () => RequestBody;
  /** Overrides the client's retry policy for this request (uploads retry chunk by chunk themselves). */
  retry?: Partial<RetryPolicy>;
}

export class RegistryClient {
  readonly host: string;
  private readonly baseUrl: string;
  private readonly authorizer: Authorizer;
  private readonly monolithicMaxBytes: number;
  private readonly chunkBytes: number;
  private readonly retry: RetryPolicy;
  private readonly onRetry: ((notice: RetryNotice) => void) | undefined;
  private readonly userAgent: string;
  /** Whether the registry has answered once: after that, a refused connection is a restart worth waiting out. */
  private reached = false;

  constructor(options: RegistryClientOptions) {
    this.host = options.host;
    this.baseUrl = registryBaseUrl(options.host, options.insecure);
    this.authorizer = options.authorizer;
    this.monolithicMaxBytes = options.monolithicMaxBytes ?? DEFAULT_MONOLITHIC_MAX_BYTES;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!(this.chunkBytes > 0)) throw new Error(`chunkBytes must be positive, got ${this.chunkBytes}`);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onRetry = options.onRetry;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  }

  /**
   * GET /v2/: whether this is a registry and it answers. A 401 is an answer (it names the auth scheme, returned
   * as `authenticate`); anything else but 2xx is an error naming the host.
   */
  async ping(): Promise<{ authenticate: string | undefined }> {
    const context = this.context('', 'reach the registry API (GET /v2/)', '');
    let response: Response;
    try {
      response = await sendRequest(
        { method: 'GET', url: `${this.baseUrl}/v2/`, headers: { 'User-Agent': this.userAgent } },
        // A host that never answered is the wrong address: say so at once rather than after five refusals.
        { policy: { ...this.retry, retryConnectionRefused: this.reached }, ...this.retryHook() },
      );
    } catch (error) {
      throw error instanceof ConnectionError ? unreachable(context, error) : error;
    }
    this.reached = true;
    if (response.ok || response.status === 401) {
      await response.body?.cancel().catch(() => {});
      return { authenticate: response.headers.get('www-authenticate') ?? undefined };
    }
    throw await failureFromResponse(context, response, this.retry.attempts);
  }

  /** HEAD the blob: true only for a 200 whose Content-Length, when given, is the descriptor's size. */
  async hasBlob(repository: string, blob: Descriptor): Promise<boolean> {
    const response = await this.call({
      method: 'HEAD',
      url: `${this.baseUrl}/v2/${repository}/blobs/${blob.digest}`,
      scopes: [pushScope(repository)],
      action: `look up blob ${blob.digest}`,
      repository,
    });
    await response.body?.cancel().catch(() => {});
    if (response.status === 404) return false;
    // Registries on object storage may redirect a HEAD to the store; they only do that for blobs they hold.
    if (isRedirect(response.status) && response.headers.has('location')) return true;
    if (response.status !== 200) throw await this.failure(response, repository, `look up blob ${blob.digest}`, [pushScope(repository)]);
    const length = response.headers.get('content-length');
    return length === null || Number(length) === blob.size;
  }

  /** HEAD the manifest by digest: true for a 200 (whose Docker-Content-Digest, when given, is the digest). */
  async hasManifest(repository: string, manifest: Descriptor): Promise<boolean> {
    const response = await this.call({
      method: 'HEAD',
      url: `${this.baseUrl}/v2/${repository}/manifests/${manifest.digest}`,
      scopes: [pushScope(repository)],
      action: `look up manifest ${manifest.digest}`,
      repository,
      headers: { Accept: MANIFEST_ACCEPT },
    });
    await response.body?.cancel().catch(() => {});
    if (response.status === 404) return false;
    if (response.status !== 200) {
      throw await this.failure(response, repository, `look up manifest ${manifest.digest}`, [pushScope(repository)]);
    }
    const digest = response.headers.get('docker-content-digest');
    return digest === null || digest === manifest.digest;
  }

  /**
   * Removes a tag. Registries that delete tags (distribution 3, the OCI 1.1 tag DELETE) do it directly; older
   * distribution registries delete only manifests by digest, which removes every tag naming that manifest, so that
   * is done only when no other tag in the repository names it, apart from `alsoRemoving` ('kept-shared'
   * otherwise). 'unsupported' when the registry refuses deletes altogether (ghcr.io: use the GitHub packages API).
   */
  async deleteTag(
    repository: string,
    tag: string,
    alsoRemoving: ReadonlySet<string> = new Set(),
  ): Promise<'deleted' | 'absent' | 'kept-shared' | 'unsupported'> {
    const scopes = [deleteScope(repository)];
    const byTag = await this.deleteManifest(repository, tag, `delete tag ${tag}`, scopes);
    if (byTag.status === 202 || byTag.status === 200) return 'deleted';
    if (byTag.status === 404) return 'absent';
    if (byTag.status === 405 || byTag.status === 403 || byTag.status === 401) return 'unsupported';
    // A registry that deletes only by digest answers 400 (or 405 for a disabled delete, handled above).
    const digest = await this.manifestDigest(repository, tag);
    if (digest === null) return 'absent';
    for (const other of await this.listTags(repository)) {
      if (other === tag || alsoRemoving.has(other)) continue;
      if ((await this.manifestDigest(repository, other)) === digest) return 'kept-shared';
    }
    const byDigest = await this.deleteManifest(repository, digest, `delete manifest ${digest}`, scopes);
    if (byDigest.status === 202 || byDigest.status === 200) return 'deleted';
    if (byDigest.status === 404) return 'absent';
    if (byDigest.status === 405 || byDigest.status === 400 || byDigest.status === 403) return 'unsupported';
    throw await this.failure(byDigest, repository, `delete manifest ${digest}`, scopes);
  }

  /** One DELETE of a manifest by tag or digest; only the status matters, so the body is dropped. */
  private async deleteManifest(repository: string, reference: string, action: string, scopes: string[]): Promise<Response> {
    const response = await this.call({
      method: 'DELETE',
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes,
      action,
      repository,
    });
    await response.body?.cancel().catch(() => {});
    return response;
  }

  /** The digest a tag names (HEAD, Docker-Content-Digest), or null when the tag is not there. */
  async manifestDigest(repository: string, reference: string): Promise<string | null> {
    const response = await this.call({
      method: 'HEAD',
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes: [pushScope(repository)],
      action: `look up manifest ${reference}`,
      repository,
      headers: { Accept: MANIFEST_ACCEPT },
    });
    await response.body?.cancel().catch(() => {});
    if (response.status === 404) return null;
    if (response.status !== 200) throw await this.failure(response, repository, `look up manifest ${reference}`, [pushScope(repository)]);
    return response.headers.get('docker-content-digest');
  }

  /** Every tag of a repository (one page of up to 1,000; more than that is beyond a pull request's images). */
  async listTags(repository: string): Promise<string[]> {
    const response = await this.call({
      method: 'GET',
      url: `${this.baseUrl}/v2/${repository}/tags/list?n=1000`,
      scopes: [pushScope(repository)],
      action: 'list tags',
      repository,
    });
    if (response.status === 404) return [];
    if (response.status !== 200) throw await this.failure(response, repository, 'list tags', [pushScope(repository)]);
    const body = (await response.json().catch(() => ({}))) as { tags?: unknown };
    return Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
  }

  /**
   * Asks the registry to link a blob `fromRepository` holds into `repository` without sending it. True when
   * mounted (201). A registry that cannot mount starts an upload instead (202); that upload is cancelled and
   * false returned, so the caller pushes the blob (pushBlob with `mountFrom` does both in one go).
   */
  async mountBlob(repository: string, blob: Descriptor, fromRepository: string): Promise<boolean> {
    const started = await this.startUpload(repository, blob, fromRepository);
    if (started === 'mounted') return true;
    await this.cancelUpload(repository, started);
    return false;
  }

  /**
   * Uploads a blob into `repository`; returns its size (bytes resent after a failure are not counted). With
   * `mountFrom`, first asks to mount it from that repository and returns 0 if that worked. Small blobs go in one
   * PUT; bigger ones in PATCH chunks that resume where the registry says it stands after a failure, or start a
   * new upload when it cannot tell.
   */
  async pushBlob(repository: string, blob: Descriptor, source: BlobSource, options: { mountFrom?: string } = {}): Promise<number> {
    if ('file' in source) {
      const { size } = await stat(source.file);
      if (size !== blob.size) throw new Error(`blob ${blob.digest}: ${source.file} has ${size} bytes, the descriptor says ${blob.size}`);
    } else if (source.bytes.length !== blob.size) {
      throw new Error(`blob ${blob.digest}: ${source.bytes.length} bytes given, the descriptor says ${blob.size}`);
    }
    const started = await this.startUpload(repository, blob, options.mountFrom);
    if (started === 'mounted') return 0;
    await this.upload(repository, blob, source, started);
    return blob.size;
  }

  /**
   * PUTs a manifest under a tag or its digest; returns its digest, after checking the registry computed the same.
   * Every blob it names must be in the repository already.
   */
  async putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer): Promise<string> {
    return (await this.sendManifest(repository, reference, mediaType, bytes)).digest;
  }

  /**
   * PUTs an artifact manifest that names a `subject`, by digest. True when the registry says (OCI-Subject) that it
   * indexed the subject for its referrers API; false when the caller must keep the tag-schema fallback index.
   */
  async putReferrerManifest(repository: string, manifest: Descriptor, bytes: Buffer): Promise<boolean> {
    const { subjectIndexed } = await this.sendManifest(repository, manifest.digest, manifest.mediaType, bytes);
    return subjectIndexed;
  }

  /** GET a manifest (or index) by tag or digest: its bytes, or null when the registry has none (404). */
  async getManifest(repository: string, reference: string): Promise<Buffer | null> {
    const action = `read manifest ${reference}`;
    const response = await this.call({
      method: 'GET',
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: { Accept: MANIFEST_ACCEPT },
    });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {});
      return null;
    }
    if (response.status !== 200) throw await this.failure(response, repository, action, [pushScope(repository)]);
    return Buffer.from(await response.arrayBuffer());
  }

  /**
   * GET the referrers API for a subject: the descriptors listed, or null when the registry does not serve the API
   * (404), as the distribution spec tells clients to check before using the tag-schema fallback.
   */
  async listReferrers(repository: string, subjectDigest: string): Promise<Descriptor[] | null> {
    const action = `list the referrers of ${subjectDigest}`;
    const response = await this.call({
      method: 'GET',
      url: `${this.baseUrl}/v2/${repository}/referrers/${subjectDigest}`,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: { Accept: MediaType.ociIndex },
    });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {});
      return null;
    }
    if (response.status !== 200) throw await this.failure(response, repository, action, [pushScope(repository)]);
    return parseReferrersIndex(Buffer.from(await response.arrayBuffer()));
  }

  private async sendManifest(
    repository: string,
    reference: string,
    mediaType: string,
    bytes: Buffer,
  ): Promise<{ digest: string; subjectIndexed: boolean }> {
    const digest = sha256Digest(bytes);
    const action = `push manifest ${reference}`;
    const scopes = [pushScope(repository)];
    const response = await this.call({
      method: 'PUT',
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes,
      action,
      repository,
      headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
      body: () => bytes,
    });
    if (response.status !== 201 && response.status !== 200) {
      const errors = parseErrorBody(await response.text().catch(() => ''));
      throw manifestFailure(this.context(repository, action, scopes.join(' ')), response.status, errors, mediaType, this.retry.attempts);
    }
    await response.body?.cancel().catch(() => {});
    const returned = response.headers.get('docker-content-digest');
    if (returned !== null && returned !== digest) {
      throw new RegistryAccessError(
        `pushed manifest ${reference} to ${repository} on ${this.host}, but the registry reports digest ${returned} for it, not ${digest}: ` +
          'it changed the manifest, so pulls by digest would not find it',
        { host: this.host, repository, status: response.status, tried: this.authorizer.describe() },
      );
    }
    return { digest, subjectIndexed: response.headers.has('oci-subject') };
  }

  /**
   * POST /blobs/uploads/ (with mount= and from= when mounting). 'mounted' for a 201; otherwise the upload the
   * registry opened.
   */
  private async startUpload(repository: string, blob: Descriptor, mountFrom?: string): Promise<UploadSession | 'mounted'> {
    const mounting = mountFrom !== undefined && mountFrom !== repository;
    const query = mounting ? `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(mountFrom)}` : '';
    const scopes = mounting ? [pushScope(repository), `repository:${mountFrom}:pull`] : [pushScope(repository)];
    const action = mounting ? `mount blob ${blob.digest} from ${mountFrom}` : `start an upload of blob ${blob.digest}`;
    const url = `${this.baseUrl}/v2/${repository}/blobs/uploads/${query}`;
    const response = await this.call({ method: 'POST', url, scopes, action, repository, headers: { 'Content-Length': '0' } });
    if (mounting && response.status === 201) {
      await response.body?.cancel().catch(() => {});
      return 'mounted';
    }
    if (response.status !== 202) throw await this.failure(response, repository, action, scopes);
    await response.body?.cancel().catch(() => {});
    const minChunk = Number(response.headers.get('oci-chunk-min-length') ?? 0);
    return { location: this.location(response, url, action, repository), minChunk: Number.isFinite(minChunk) ? minChunk : 0 };
  }

  /**
   * Sends the bytes into an open upload and closes it with the digest. A failed request is followed by asking
   * the registry how far the upload got (GET on its location) and going on from there; when it cannot say, a
   * new upload starts from byte 0. `retry.attempts` failures in a row end it with the last error.
   */
  private async upload(repository: string, blob: Descriptor, source: BlobSource, first: UploadSession): Promise<void> {
    let session = first;
    let offset = 0;
    // After a failure the registry may hold a partial write, so a digest mismatch means "start over", not "bad file".
    let troubled = false;
    let failures = 0;
    // A registry that cannot resume (distribution drops an upload after a torn write) is started over; a bounded
    // number of times, since a connection that always tears would otherwise restart forever.
    let restarts = 0;
    for (;;) {
      try {
        if (offset === 0 && blob.size <= this.monolithicMaxBytes) {
          await this.closeUpload(repository, blob, session, source);
          return;
        }
        if (offset < blob.size) {
          const chunk = Math.max(this.chunkBytes, session.minChunk);
          const end = Math.min(blob.size, offset + chunk);
          ({ session, offset } = await this.patchChunk(repository, blob, session, source, offset, end));
          failures = 0;
          continue;
        }
        await this.closeUpload(repository, blob, session, undefined);
        return;
      } catch (error) {
        if (!isTransientUploadFailure(error, troubled)) throw error;
        failures++;
        if (failures >= this.retry.attempts) throw this.gaveUp(repository, blob, `${failures} failed requests in a row`, error);
        troubled = true;
        const delayMs = backoff(failures, this.retry);
        await sleep(delayMs);
        const status =
          error instanceof RegistryAccessError && error.status === 416 ? undefined : await this.uploadStatus(repository, session);
        if (status !== undefined && status.offset <= blob.size) {
          this.notify(session.location, failures, `upload resumed at byte ${status.offset} after ${reasonOf(error)}`, delayMs);
          session = status.session;
          offset = status.offset;
        } else {
          if (++restarts >= this.retry.attempts) throw this.gaveUp(repository, blob, `${restarts} uploads were lost`, error);
          this.notify(session.location, failures, `upload restarted after ${reasonOf(error)}`, delayMs);
          await this.cancelUpload(repository, session).catch(() => {});
          const started = await this.startUpload(repository, blob);
          if (started === 'mounted') return;
          session = started;
          offset = 0;
          troubled = false;
        }
      }
    }
  }

  private gaveUp(repository: string, blob: Descriptor, why: string, last: unknown): RegistryAccessError {
    const detail = last instanceof Error ? last.message : String(last);
    return new RegistryAccessError(
      `cannot upload blob ${blob.digest} to ${repository} on ${this.host}: gave up after ${why}; the last failure: ${detail}`,
      {
        host: this.host,
        repository,
        tried: this.authorizer.describe(),
        ...(last instanceof RegistryAccessError && last.status !== undefined ? { status: last.status } : {}),
        ...(last instanceof RegistryAccessError && last.code !== undefined ? { code: last.code } : {}),
      },
      last,
    );
  }

  /** PATCH bytes [start, end) of the blob; returns the new location and the offset the registry now holds. */
  private async patchChunk(
    repository: string,
    blob: Descriptor,
    session: UploadSession,
    source: BlobSource,
    start: number,
    end: number,
  ): Promise<{ session: UploadSession; offset: number }> {
    const action = `upload bytes ${start}-${end - 1} of blob ${blob.digest}`;
    const response = await this.call({
      method: 'PATCH',
      url: session.location,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: {
        'Content-Type': 'application/octet-stream',
        // The spec's chunk range is inclusive and has no "bytes " unit.
        'Content-Range': `${start}-${end - 1}`,
        'Content-Length': String(end - start),
      },
      body: bodyFactory(source, start, end),
      retry: { attempts: 1 },
    });
    if (response.status !== 202) throw await this.failure(response, repository, action, [pushScope(repository)]);
    await response.body?.cancel().catch(() => {});
    const reported = rangeEnd(response.headers.get('range'));
    return {
      session: { ...session, location: this.location(response, session.location, action, repository) },
      offset: reported !== undefined && reported <= blob.size ? reported : end,
    };
  }

  /** The closing PUT with ?digest=, carrying the whole blob (monolithic) or nothing (after chunks). */
  private async closeUpload(repository: string, blob: Descriptor, session: UploadSession, whole: BlobSource | undefined): Promise<void> {
    const action = whole ? `upload blob ${blob.digest}` : `finish the upload of blob ${blob.digest}`;
    const response = await this.call({
      method: 'PUT',
      url: withQueryParameter(session.location, 'digest', blob.digest),
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: whole ? { 'Content-Type': 'application/octet-stream', 'Content-Length': String(blob.size) } : { 'Content-Length': '0' },
      ...(whole ? { body: bodyFactory(whole, 0, blob.size) } : {}),
      retry: { attempts: 1 },
    });
    if (response.status !== 201) throw await this.failure(response, repository, action, [pushScope(repository)]);
    await response.body?.cancel().catch(() => {});
    const returned = response.headers.get('docker-content-digest');
    if (returned !== null && returned !== blob.digest) {
      throw new RegistryAccessError(
        `uploaded blob ${blob.digest} to ${repository} on ${this.host}, but the registry stored it as ${returned}`,
        { host: this.host, repository, status: 201, tried: this.authorizer.describe() },
      );
    }
  }

  /** GET the upload: how many bytes the registry holds (Range: 0-N), or undefined when it cannot tell. */
  private async uploadStatus(repository: string, session: UploadSession): Promise<{ session: UploadSession; offset: number } | undefined> {
    try {
      const response = await this.call({
        method: 'GET',
        url: session.location,
        scopes: [pushScope(repository)],
        action: 'ask how far an upload got',
        repository,
      });
      await response.body?.cancel().catch(() => {});
      if (response.status !== 204 && response.status !== 200) return undefined;
      const location = response.headers.get('location');
      return {
        session: { ...session, location: location ? new URL(location, session.location).href : session.location },
        offset: rangeEnd(response.headers.get('range')) ?? 0,
      };
    } catch {
      return undefined;
    }
  }

  /** DELETE an upload we will not finish, so the registry can drop it now rather than at its next cleanup. */
  private async cancelUpload(repository: string, session: UploadSession): Promise<void> {
    const action = 'cancel an upload';
    const response = await this.call({ method: 'DELETE', url: session.location, scopes: [pushScope(repository)], action, repository });
    await response.body?.cancel().catch(() => {});
    // 404: the registry already forgot it, which is what we wanted.
    if (!response.ok && response.status !== 404) throw await this.failure(response, repository, action, [pushScope(repository)]);
  }

  /**
   * One request with the authorizer's header for its scopes (several go space-separated, as OAuth2 scopes do).
   * A 401 is reported to the authorizer, and the request sent once more if it has something new to try.
   */
  private async call(options: CallOptions): Promise<Response> {
    const scope = options.scopes.join(' ');
    for (let challenged = false; ; challenged = true) {
      const authorization = await this.authorizer.header(scope);
      const headers: Record<string, string> = {
        'User-Agent': this.userAgent,
        ...options.headers,
        ...(authorization !== undefined ? { Authorization: authorization } : {}),
      };
      let response: Response;
      try {
        response = await sendRequest(
          { method: options.method, url: options.url, headers, ...(options.body ? { body: options.body } : {}) },
          { policy: { ...this.retry, retryConnectionRefused: this.reached, ...options.retry }, ...this.retryHook() },
        );
      } catch (error) {
        if (error instanceof ConnectionError) throw unreachable(this.context(options.repository, options.action, scope), error);
        throw error;
      }
      this.reached = true;
      if (response.status !== 401 || challenged) return response;
      const authenticate = response.headers.get('www-authenticate');
      const text = await response.text().catch(() => '');
      if (authenticate === null || !(await this.authorizer.challenge(authenticate, scope))) {
        return new Response(text, { status: 401, headers: response.headers });
      }
    }
  }

  private async failure(response: Response, repository: string, action: string, scopes: string[]): Promise<RegistryAccessError> {
    return failureFromResponse(this.context(repository, action, scopes.join(' ')), response, this.retry.attempts);
  }

  private context(repository: string, action: string, scope: string): FailureContext {
    return { host: this.host, repository, action, scope, tried: this.authorizer.describe() };
  }

  /** The Location of an upload response, resolved against the request's URL (registries send either kind). */
  private location(response: Response, requestUrl: string, action: string, repository: string): string {
    const location = response.headers.get('location');
    if (location === null) {
      throw new RegistryAccessError(`cannot ${action} (${repository} on ${this.host}): the registry sent no Location for the upload`, {
        host: this.host,
        repository,
        status: response.status,
        tried: this.authorizer.describe(),
      });
    }
    return new URL(location, requestUrl).href;
  }

  private retryHook(): { onRetry?: (notice: RetryNotice) => void } {
    return this.onRetry ? { onRetry: this.onRetry } : {};
  }

  private notify(url: string, attempt: number, reason: string, delayMs: number): void {
    this.onRetry?.({ method: 'upload', url: redactUrl(url), attempt, reason, delayMs });
  }
}

/** Deleting a manifest or tag: token registries grant it as its own action. */
export function deleteScope(repository: string): string {
  return `repository:${repository}:pull,push,delete`;
}

/** The scope every push request needs: pushing a blob or manifest also reads the repository. */
export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

/** Appends one query parameter, keeping the rest of the query exactly as the registry wrote it. */
export function withQueryParameter(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  const hash = parsed.hash;
  const base = hash ? url.slice(0, url.length - hash.length) : url;
  const separator = parsed.search === '' ? (base.endsWith('?') ? '' : '?') : '&';
  return `${base}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

/** The offset after a `Range: 0-N` header (N + 1), or undefined. `0-0` is read as nothing held, as registries send it. */
export function rangeEnd(range: string | null): number | undefined {
  const match = range === null ? null : /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (!match) return undefined;
  const last = Number(match[1]);
  return last === 0 ? 0 : last + 1;
}

function bodyFactory(source: BlobSource, start: number, end: number): () => RequestBody {
  if ('bytes' in source) return () => source.bytes.subarray(start, end);
  // createReadStream's end is inclusive; an empty range must not read the whole file.
  if (end <= start) return () => Buffer.alloc(0);
  return () => createReadStream(source.file, { start, end: end - 1 });
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Whether a failed upload request is worth resuming or restarting: the network, an overloaded registry, a lost upload. */
function isTransientUploadFailure(error: unknown, troubled: boolean): boolean {
  if (!(error instanceof RegistryAccessError)) return false;
  if (error.status === undefined) return true;
  if (error.status === 429 || error.status >= 500 || error.status === 416) return true;
  if (error.code !== undefined && UPLOAD_LOST_CODES.has(error.code)) return true;
  return troubled && error.code !== undefined && UPLOAD_CORRUPT_CODES.has(error.code);
}

function reasonOf(error: unknown): string {
  if (error instanceof RegistryAccessError)
    return error.status !== undefined ? `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}` : 'a connection error';
  return 'an error';
}
