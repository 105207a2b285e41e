import { imageReference, pullReferences } from './report.ts';
import type { ImageReport, PullSource } from './report.ts';

// What actions/attest-build-provenance needs to attest this run's images: each image's name (without tag) and
// manifest digest, where it can be pulled: the registries pushed to, else the pull-host serving the bucket.

export interface ProvenanceSubject {
  /** e.g. ghcr.io/acme/images/shell/git */
  name: string;
  /** sha256:… */
  digest: string;
}

export function provenanceSubjects(images: ImageReport[], source: PullSource): ProvenanceSubject[] {
  return images.flatMap((image) => {
    const refs = pullReferences(image, source);
    const names = refs.length > 0 ? refs.map((ref) => ref.slice(0, ref.lastIndexOf('@'))) : [image.name];
    return names.map((name) => ({ name, digest: image.digest }));
  });
}

/** The subject-checksums file: sha256sum's format, one `<hex>  <name>` line per subject. */
export function subjectChecksums(subjects: ProvenanceSubject[]): string {
  return subjects.map((s) => `${s.digest.slice('sha256:'.length)}  ${s.name}\n`).join('');
}

/** The digests of an image's SBOM artifacts: its own, or one per platform when its tag names an index. */
export function sbomDigests(image: ImageReport): string[] {
  if (image.sbomDigest) return [image.sbomDigest];
  return (image.platforms ?? []).flatMap((p) => (p.sbomDigest ? [p.sbomDigest] : []));
}

/** Where each image's SBOM can be fetched: its artifact manifest by digest, next to the image. */
export function sbomReferences(images: ImageReport[], source: PullSource): string[] {
  return images.flatMap((image) =>
    sbomDigests(image).flatMap((sbom) =>
      source.registries.length > 0
        ? source.registries.map((registry) => registry.reference(image.name, sbom))
        : [imageReference(source.pullHost, image.name, sbom)],
    ),
  );
}
