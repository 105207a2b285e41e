import type { RegistryClient } from '../distribution/client.ts';
import type { PushDestination } from '../distribution/reference.ts';
import { describeDestination, repositoryFor } from '../distribution/reference.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { parseReferrersIndex, referrersFallbackTag, serializeReferrersIndex } from '../oci/artifact.ts';
import { MediaType } from '../oci/media-types.ts';
import { localStagingDir } from '../storage/remote-object.ts';
import type { ImageTarget } from './target.ts';

// An OCI registry as a target: each image goes to the repository PREFIX/<canonical name>. Blobs are per repository
// there, so a blob this run already holds in another repository of the same registry is mounted, not sent again.

const MANIFEST_TYPES = new Set<string>([MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList]);

export class RegistryTarget implements ImageTarget {
  readonly location: string;
  readonly consumesFiles = false;
  private readonly client: RegistryClient;
  private readonly destination: PushDestination;
  /** Where this run has seen each blob: the repository to mount it from. */
  private readonly seen = new Map<string, string>();

  constructor(client: RegistryClient, destination: PushDestination) {
    this.client = client;
    this.destination = destination;
    this.location = describeDestination(destination);
  }

  /** The pull reference of an image's tag or digest here, e.g. `ghcr.io/acme/images/shell/git:pr-7`. */
  reference(name: string, tagOrDigest: string): string {
    const separator = tagOrDigest.startsWith('sha256:') ? '@' : ':';
    return `${this.destination.host}/${this.repository(name)}${separator}${tagOrDigest}`;
  }

  async hasBlob(name: string, blob: Descriptor): Promise<boolean> {
    const repository = this.repository(name);
    const present = MANIFEST_TYPES.has(blob.mediaType)
      ? await this.client.hasManifest(repository, blob)
      : await this.client.hasBlob(repository, blob);
    if (present) this.seen.set(blob.digest, repository);
    return present;
  }

  stagingDir(): Promise<string> {
    return localStagingDir();
  }

  putBlobFile(name: string, blob: Descriptor, localPath: string): Promise<number> {
    return this.putBlob(name, blob, { file: localPath });
  }

  putBlobBytes(name: string, blob: Descriptor, bytes: Buffer): Promise<number> {
    return this.putBlob(name, blob, { bytes });
  }

  async putManifest(name: string, manifest: Descriptor, bytes: Buffer): Promise<number> {
    const repository = this.repository(name);
    if (await this.client.hasManifest(repository, manifest)) return 0;
    await this.client.putManifest(repository, manifest.digest, manifest.mediaType, bytes);
    return bytes.length;
  }

  /**
   * Registries with the referrers API index the subject themselves (they answer OCI-Subject); for the others the
   * distribution spec's tag schema applies: an index of referrers under the tag `sha256-<subject hex>`.
   */
  async putReferrer(name: string, subject: Descriptor, referrer: Descriptor, bytes: Buffer): Promise<number> {
    const repository = this.repository(name);
    if (await this.client.hasManifest(repository, referrer)) {
      // Held already; a run stopped between the manifest and the fallback index left it unlisted: list it now.
      const listed = await this.client.listReferrers(repository, subject.digest);
      if (listed === null) await this.addToFallbackIndex(repository, subject, referrer);
      return 0;
    }
    if (!(await this.client.putReferrerManifest(repository, referrer, bytes))) await this.addToFallbackIndex(repository, subject, referrer);
    return bytes.length;
  }

  /** The tag-schema fallback: the index under `sha256-<subject hex>`, with `referrer` added unless it is there. */
  private async addToFallbackIndex(repository: string, subject: Descriptor, referrer: Descriptor): Promise<void> {
    const tag = referrersFallbackTag(subject.digest);
    const existing = await this.client.getManifest(repository, tag);
    const listed = existing ? parseReferrersIndex(existing) : [];
    if (listed.some((d) => d.digest === referrer.digest)) return;
    await this.client.putManifest(repository, tag, MediaType.ociIndex, serializeReferrersIndex([...listed, referrer]));
  }

  async tag(name: string, tags: string[], manifest: Descriptor, bytes: Buffer): Promise<void> {
    const repository = this.repository(name);
    for (const tag of new Set(tags)) await this.client.putManifest(repository, tag, manifest.mediaType, bytes);
  }

  /** Sends a blob unless the repository holds it or can mount it from another repository; returns the bytes sent. */
  private async putBlob(name: string, blob: Descriptor, source: { file: string } | { bytes: Buffer }): Promise<number> {
    const repository = this.repository(name);
    if (await this.client.hasBlob(repository, blob)) return 0;
    const from = this.seen.get(blob.digest);
    if (from !== undefined && from !== repository && (await this.client.mountBlob(repository, blob, from))) {
      this.seen.set(blob.digest, repository);
      return 0;
    }
    const sent = await this.client.pushBlob(repository, blob, source);
    this.seen.set(blob.digest, repository);
    return sent;
  }

  private repository(name: string): string {
    return repositoryFor(this.destination, name);
  }
}
