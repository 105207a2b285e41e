import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import type { PackageMeta } from '../nix/build.ts';
import type { ClosureGraph } from '../nix/closure.ts';
import { narHashHex } from '../nix/nar-hash.ts';
import { parseDrvName, storePathName } from '../nix/store-path.ts';

// The image's software bill of materials, CycloneDX 1.6 JSON: exactly its Nix closure, one component per store
// path, with the NAR hash and the reference graph; the requested packages also carry what their meta says. Pure:
// equal inputs give equal bytes (no serial number, the timestamp only when SOURCE_DATE_EPOCH gives one).

export interface SbomInput {
  /** The image's canonical name: the BOM's subject component. */
  imageName: string;
  closure: ClosureGraph;
  packages: PackageMeta[];
}

/** Store path names are `<32-char hash>-<name>`. */
const IMAGE_REF = 'image';

export function cycloneDxSbom(input: SbomInput): Buffer {
  const bom = new Models.Bom();
  const image = new Models.Component(Enums.ComponentType.Container, input.imageName, { bomRef: IMAGE_REF });
  bom.metadata.component = image;

  const components = new Map<string, Models.Component>();
  for (const [path, info] of Object.entries(input.closure.paths)) {
    const { name, version } = parseDrvName(storePathName(path));
    const component = new Models.Component(Enums.ComponentType.Library, name, {
      bomRef: path,
      ...(version ? { version } : {}),
    });
    const hex = info.narHash === undefined ? null : narHashHex(info.narHash);
    if (hex) component.hashes.set(Enums.HashAlgorithm['SHA-256'], hex);
    component.properties.add(new Models.Property('nix:store_path', path));
    component.properties.add(new Models.Property('nix:nar_size', String(info.narSize)));
    components.set(path, component);
    bom.components.add(component);
  }
  for (const [path, info] of Object.entries(input.closure.paths)) {
    const component = components.get(path)!;
    for (const reference of info.references) if (reference !== path) component.dependencies.add(components.get(reference)!.bomRef);
  }
  for (const root of input.closure.roots) image.dependencies.add(components.get(root)!.bomRef);
  for (const pkg of input.packages) {
    for (const output of pkg.outputs) {
      const component = components.get(output);
      if (component) describePackage(component, pkg);
    }
  }

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return Buffer.from(serializer.serialize(bom, { sortLists: true }));
}

function describePackage(component: Models.Component, pkg: PackageMeta): void {
  component.type = Enums.ComponentType.Application;
  if (pkg.description) component.description = pkg.description;
  if (pkg.homepage) {
    component.externalReferences.add(new Models.ExternalReference(pkg.homepage, Enums.ExternalReferenceType.Website));
  }
  for (const license of pkg.licenses) {
    if (license.spdxId && SPDX.isSupportedSpdxId(license.spdxId)) component.licenses.add(new Models.SpdxLicense(license.spdxId));
    else if (license.name) component.licenses.add(new Models.NamedLicense(license.name));
  }
  component.properties.add(new Models.Property('nix:attribute_path', pkg.attrPath));
}

/** SPDX license identifiers of the requested packages, as the licenses annotation writes them (an AND of them). */
export function licenseExpression(packages: PackageMeta[]): string | undefined {
  const ids = [...new Set(packages.flatMap((p) => p.licenses.map((l) => l.spdxId).filter((id): id is string => !!id)))].sort();
  return ids.length > 0 ? ids.join(' AND ') : undefined;
}
