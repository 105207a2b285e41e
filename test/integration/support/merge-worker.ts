import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LAYER_BUDGET } from '../../../src/layers/budget.ts';
import type { Arch } from '../../../src/oci/platform.ts';
import { buildImage } from '../../../src/pipeline/build-image.ts';
import { bucketDestination } from '../../../src/pipeline/destination.ts';
import { openStorage } from '../../../src/storage/open.ts';
import { EXAMPLE_PACKAGES } from './cli.ts';

// One job of a matrix, as its own process: builds NAME for one platform with --merge into round-0 … round-(N-1),
// meeting the other job at a barrier before each round so both publish the same tag at once. (One process for all
// rounds keeps the test fast; every round is a whole build and merge, as `nixery build --merge` runs it.)
//   node merge-worker.ts BUCKET NAME ARCH ROUNDS BARRIER_DIR OTHER_ARCH

const [bucket, name, arch, rounds, barrier, other] = process.argv.slice(2) as [string, string, Arch, string, string, string];
const destination = bucketDestination(await openStorage(bucket));
const settings = {
  source: { kind: 'path', path: EXAMPLE_PACKAGES } as const,
  budget: DEFAULT_LAYER_BUDGET,
  compression: 'gzip' as const,
  timeoutMs: 120_000,
  platforms: [arch],
  mergePlatforms: true,
};

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

for (let round = 0; round < Number(rounds); round++) {
  await writeFile(path.join(barrier, `${round}-${arch}`), '');
  while (!(await exists(path.join(barrier, `${round}-${other}`)))) await new Promise((resolve) => setTimeout(resolve, 2));
  const result = await buildImage(name, [`round-${round}`], settings, destination);
  process.stdout.write(`${JSON.stringify({ round, digest: result.digest })}\n`);
}
