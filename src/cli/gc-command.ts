import { parseCommandArgs } from './args.ts';
import { UsageError } from '../errors.ts';
import { collectGarbage, DEFAULT_LEASE_MS, MIN_GRACE_MS } from '../lifecycle/gc.ts';
import type { GcReport, Tally } from '../lifecycle/gc.ts';
import type { RetentionRules } from '../lifecycle/retention.ts';
import { formatBytes } from '../report/format.ts';
import { MAX_LEASE_MS } from '../storage/liveness.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { parseDuration } from './duration.ts';
import { BUCKET_OPTIONS, bucketFlag, S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';

export const GC_USAGE = `Usage: nixery gc --storage BUCKET [--grace 24h] [--dry-run] [--json] [options]

Removes what no tag reaches: blobs (layers, configs, manifests) that no tag, index or referrer names, and layer and
manifest cache entries whose blob is gone, once they have not been written or reused for the grace period. Safe
while builds run into the same bucket (docs/garbage-collection.md): a build that reuses a blob refreshes its mark,
and waits while a collector is deleting something it needs.

  --grace DURATION        keep unreachable objects younger than this (default 24h; at least 2s), e.g. 7d, 90m
  --dry-run               report what would be removed; change nothing
  --keep-sha N            retention: per image keep the N most recently written sha- tags, untag the rest
  --max-tag-age DURATION  retention: untag pr- and sha- tags not written for this long (other tags never expire)
  --lease DURATION        how long builds may wait on this collector (default 10m; deletes stop at half of it)
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}
  --json                  print the report as JSON`;

export async function gcCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      grace: { type: 'string', default: '24h' },
      lease: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'keep-sha': { type: 'string' },
      'max-tag-age': { type: 'string' },
      ...S3_OPTIONS,
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const bucket = bucketFlag(values);
  if (bucket === undefined) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const graceMs = parseDuration('--grace', values.grace);
  if (graceMs < MIN_GRACE_MS)
    throw new UsageError(`--grace ${values.grace}: at least ${MIN_GRACE_MS / 1000}s, so builds finishing now are safe`);
  const leaseMs = values.lease === undefined ? DEFAULT_LEASE_MS : parseDuration('--lease', values.lease);
  if (leaseMs < 1000 || leaseMs > MAX_LEASE_MS) throw new UsageError(`--lease ${values.lease}: between 1s and ${MAX_LEASE_MS / 60_000}m`);
  const retention: RetentionRules = {};
  if (values['keep-sha'] !== undefined) {
    if (!/^\d+$/.test(values['keep-sha'])) throw new UsageError(`--keep-sha "${values['keep-sha']}": expected a whole number, e.g. 10`);
    retention.keepSha = Number(values['keep-sha']);
  }
  if (values['max-tag-age'] !== undefined) retention.maxTagAgeMs = parseDuration('--max-tag-age', values['max-tag-age']);
  const storage = await openStorage(bucket, { s3: s3Settings(values) });
  const report = await collectGarbage(storage, { graceMs, leaseMs, dryRun: values['dry-run'], retention });
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : describeGc(report));
}

export function describeGc(report: GcReport): string {
  const tally = (t: Tally) => `${t.objects} object${t.objects === 1 ? '' : 's'}, ${formatBytes(t.bytes)}`;
  const verb = report.dryRun ? 'would remove' : 'removed';
  return [
    `${report.dryRun ? 'dry run: ' : ''}gc of ${report.location} (${report.tags} tags) in ${report.seconds.toFixed(1)}s`,
    `  live          ${tally(report.live)}`,
    `  ${verb.padEnd(13)} ${tally(report.blobs)} of unreachable blobs`,
    `  ${' '.repeat(13)} ${tally(report.cacheEntries)} of cache entries`,
    ...(report.referrerRecords.objects ? [`  ${' '.repeat(13)} ${tally(report.referrerRecords)} of referrers records`] : []),
    `  kept (young)  ${tally(report.young)} unreachable but within the grace period`,
    ...report.untagged.map((ref) => `  ${report.dryRun ? 'would untag' : 'untagged'}      ${ref} (retention rule)`),
    ...(report.spared ? [`  spared        ${report.spared} reused by a build during the sweep`] : []),
    ...(report.staleRecords ? [`  ${verb} ${report.staleRecords} sweep record(s) of collectors that died`] : []),
    ...(report.staleLeases ? [`  ${verb} ${report.staleLeases} build lease(s) of serve replicas that died`] : []),
    ...(report.stoppedEarly ? [`  stopped early: ${report.stoppedEarly}`] : []),
    '',
  ].join('\n');
}
