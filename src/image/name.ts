import { UsageError } from '../errors.ts';
import type { Arch } from '../oci/platform.ts';

// The image-name grammar: Nixery-style package lists that are also valid distribution-spec repository names.
// Builder and registry both parse names here, so any package order finds the same image.

export interface ImageName {
  /** The one name every spelling of this package set maps to, e.g. `shell/git/htop`. */
  canonical: string;
  /** Requested packages (meta-packages expanded), sorted and de-duplicated. Lowercase registry names. */
  packages: string[];
  arch: Arch;
}

/** Meta-packages, recognised only as a leading run of components (as in Nixery). */
const SHELL_PACKAGES = ['bashinteractive', 'coreutils', 'moreutils', 'nano'];
const META_ORDER = ['arm64', 'shell'] as const;
type Meta = (typeof META_ORDER)[number];

// distribution-spec: path-component = [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** Registries commonly cap a repository name at 255 characters; longer names could never be pulled. */
export const MAX_NAME_LENGTH = 255;

/** A name or tag that breaks the grammar: a usage error wherever it was given. */
export class InvalidNameError extends UsageError {
  override name = 'InvalidNameError';
}

export function parseImageName(raw: string): ImageName {
  if (raw.length === 0) throw new InvalidNameError('image name is empty: give packages separated by "/", e.g. shell/git');
  const components = checkRepositoryName(raw);

  const metas = new Set<Meta>();
  let first = 0;
  while (first < components.length && isMeta(components[first]!)) metas.add(components[first++] as Meta);
  const explicit = components.slice(first);

  const packages = new Set(explicit);
  if (metas.has('shell')) for (const p of SHELL_PACKAGES) packages.add(p);
  if (packages.size === 0) throw new InvalidNameError(`image name "${raw}" names no packages, only meta-packages`);

  const implied = new Set(metas.has('shell') ? SHELL_PACKAGES : []);
  const listed = [...new Set(explicit)].filter((p) => !implied.has(p)).sort();
  // Packages literally named like a meta must not open the package list, or the canonical name would parse
  // as a different image (`zsh/shell` would read back as shell + zsh). They go last; if nothing else is left,
  // the first implied package leads instead (`shell/nano/shell` -> `shell/bashinteractive/shell`).
  const plain = listed.filter((p) => !isMeta(p));
  const metaNamed = listed.filter(isMeta);
  const lead = plain.length === 0 && metaNamed.length > 0 ? [SHELL_PACKAGES[0]!] : [];
  const canonical = [...META_ORDER.filter((m) => metas.has(m)), ...lead, ...plain, ...metaNamed].join('/');

  return { canonical, packages: [...packages].sort(), arch: metas.has('arm64') ? 'arm64' : 'amd64' };
}

/**
 * Checks `raw` against the repository-name grammar alone (an images file's keys name images without listing
 * packages) and returns its components.
 */
export function checkRepositoryName(raw: string): string[] {
  if (raw.length === 0) throw new InvalidNameError('image name is empty');
  if (raw.length > MAX_NAME_LENGTH) {
    throw new InvalidNameError(`image name is ${raw.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  }
  const components = raw.split('/');
  components.forEach((component, i) => {
    if (component === '') throw new InvalidNameError(`image name "${raw}" has an empty component at position ${i + 1}`);
    if (!COMPONENT.test(component)) {
      throw new InvalidNameError(
        `image name "${raw}": "${component}" is not a valid name component ` +
          '(lowercase letters, digits, and single ".", "_", "__" or "-" separators between them)',
      );
    }
  });
  return components;
}

/**
 * A listed package set (an images file's `packages`): `shell` anywhere is the meta-package; names are kept as
 * written (package lookup is case-insensitive anyway), sorted and de-duplicated.
 */
export function expandPackageList(packages: string[]): string[] {
  const expanded = new Set<string>();
  for (const p of packages) {
    if (p.toLowerCase() === 'shell') for (const s of SHELL_PACKAGES) expanded.add(s);
    else expanded.add(p);
  }
  return [...expanded].sort();
}

function isMeta(component: string): component is Meta {
  return (META_ORDER as readonly string[]).includes(component);
}

/** `NAME:TAG` as commands take an image in a bucket: the canonical name and a checked tag. */
export function parseImageReference(reference: string, exampleTag: string): { name: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon <= 0) throw new InvalidNameError(`"${reference}": give the image as NAME:TAG, e.g. shell/git:${exampleTag}`);
  return { name: parseImageName(reference.slice(0, colon)).canonical, tag: assertValidTag(reference.slice(colon + 1)) };
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

export function assertValidTag(tag: string): string {
  if (!isValidTag(tag)) {
    throw new InvalidNameError(
      `tag "${tag}" is invalid: up to 128 characters of letters, digits, "_", "." and "-", not starting with "." or "-"`,
    );
  }
  return tag;
}

/**
 * Why a spelling maps to a different canonical name, for reports: `shell/nano` is `shell` because the shell
 * meta-package already includes nano. Empty when the spelling is the canonical name.
 */
export function whyCanonicalDiffers(raw: string): string[] {
  const { canonical } = parseImageName(raw);
  if (canonical === raw) return [];
  const components = raw.split('/');
  const reasons: string[] = [];
  let metas = 0;
  while (metas < components.length && isMeta(components[metas]!)) metas++;
  const listed = components.slice(metas);
  const implied = components.slice(0, metas).includes('shell') ? listed.filter((c) => SHELL_PACKAGES.includes(c)) : [];
  if (implied.length) reasons.push(`shell already includes ${[...new Set(implied)].join(', ')}`);
  const repeated = [...new Set(components.filter((c, i) => components.indexOf(c) !== i))];
  if (repeated.length) reasons.push(`${repeated.join(', ')} named more than once`);
  if (reasons.length === 0) reasons.push('packages are listed in canonical order');
  return reasons;
}

/** Whether the image asked for bashInteractive, so the image's Cmd is a shell. */
export function wantsShell(name: ImageName): boolean {
  return name.packages.includes('bashinteractive');
}
