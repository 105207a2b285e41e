// What Nix's log says it did for a build: which derivation was built on which machine, and which store paths came
// from a binary cache. Nix 2.x prints (and newer versions keep) these lines:
//   building '/nix/store/…-x.drv' on 'ssh-ng://builder'...   (the build hook chose a remote machine)
//   building '/nix/store/…-x.drv'...                         (a local build; the remote's own log repeats this line)
//   copying path '/nix/store/…-x' from 'https://cache'...    (a substitution, or an output copied back from a builder)

/** One derivation built for an image, and where: "local" or the builder's store URI as Nix names it. */
export interface NixDerivationBuild {
  derivation: string;
  builder: string;
}

export const LOCAL_BUILDER = 'local';

/** The builds and substitutions one Nix command reported. */
export interface NixActivity {
  builds: NixDerivationBuild[];
  /** Store paths fetched from a binary cache (outputs copied back from a remote builder are not counted). */
  substituted: { path: string; from: string }[];
}

const BUILDING = /^building '(\/[^']+\.drv)'(?: on '([^']+)')?\.\.\.$/;
const COPYING = /^copying path '(\/[^']+)' from '([^']+)'\.\.\.$/;

/** Collects a Nix command's activity from its stderr lines, as they come. */
export class NixActivityLog {
  private readonly builders = new Map<string, string>();
  private readonly fetched: { path: string; from: string }[] = [];

  /** Reads one log line; returns the build it announces, the first time a derivation is seen building. */
  read(line: string): NixDerivationBuild | undefined {
    const text = line.trim();
    const building = BUILDING.exec(text);
    if (building) {
      const derivation = building[1]!;
      // A remote build is announced "on 'URI'" first; the builder's own "building '…'" line that follows is the same build.
      if (this.builders.has(derivation)) return undefined;
      const builder = building[2] ?? LOCAL_BUILDER;
      this.builders.set(derivation, builder);
      return { derivation, builder };
    }
    const copying = COPYING.exec(text);
    if (copying) this.fetched.push({ path: copying[1]!, from: copying[2]! });
    return undefined;
  }

  activity(): NixActivity {
    // Nix names a builder by its URI with parameters, and a copy from it without them.
    const machines = new Set([...this.builders.values()].map((uri) => uri.split('?')[0]!));
    return {
      builds: [...this.builders].map(([derivation, builder]) => ({ derivation, builder })),
      substituted: this.fetched.filter((f) => !machines.has(f.from.split('?')[0]!)),
    };
  }
}

/** "hello-2.12.drv" for "/nix/store/…-hello-2.12.drv". */
export function derivationName(derivation: string): string {
  return derivation.slice(derivation.lastIndexOf('/') + 1).replace(/^[0-9a-z]{32}-/, '');
}

/** Where a derivation was built, for a log line: "locally" or "on ssh-ng://builder". */
export function builtWhere(builder: string): string {
  return builder === LOCAL_BUILDER ? 'locally' : `on ${builder}`;
}

/** The derivations of `builds` grouped by builder, in the order builders first appear. */
export function derivationsByBuilder(builds: readonly NixDerivationBuild[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { derivation, builder } of builds) grouped.set(builder, [...(grouped.get(builder) ?? []), derivation]);
  return grouped;
}
