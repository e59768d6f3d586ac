import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { awsStore } from '#cli/aws.ts';
import { registry, UnknownProvinceError } from '#core/registry/registry.ts';
import type { LeaseInfo, ProvinceMeta } from '#functions/store/store.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run lease -- show|break --province 82 [--aws-table NAME]
 *
 * A province's lease is what lets one writer at a time ingest it. A writer
 * that dies holds it at most the lease's length (20 s), and a writer stopped
 * with SIGTERM gives it back at once, so this is rarely needed: `show` says
 * who holds it, until when, and which days wait to be ranked; `break` ends
 * whoever's lease it is, for an operator who knows its writer is gone. A
 * writer that was still alive loses its next write (its lease is fenced) and
 * its days are finished by the next writer of the province.
 */

const USAGE = 'usage: npm run lease -- show|break --province 82 [--aws-table NAME]';

function describe(province: string, lease: LeaseInfo | undefined, meta: ProvinceMeta, now: number): string {
  const lines = [`province ${province}`];
  if (!lease) lines.push('  lease: free');
  else {
    const left = lease.expiresAt - now;
    lines.push(
      left > 0
        ? `  lease: held by ${lease.owner} (generation ${lease.generation}) for ${(left / 1000).toFixed(1)} s more, until ${new Date(lease.expiresAt).toISOString()}`
        : `  lease: expired ${(-left / 1000).toFixed(1)} s ago (generation ${lease.generation}): the next writer takes it`,
    );
  }
  lines.push(
    `  latest day: ${meta.latestDay ?? 'none'}; last ingest ${meta.lastIngestAt ?? 'never'} (${meta.lastSubmissionId ?? '-'})`,
  );
  lines.push(`  last recompute: ${meta.lastRecomputeAt ?? 'never'}`);
  const pending = meta.pendingDays ?? [];
  const ready = meta.readyDays ?? [];
  lines.push(
    `  days being written (pending): ${pending.length ? pending.join(', ') : 'none'}`,
    `  days waiting for their rankings (ready): ${ready.length ? ready.join(', ') : 'none'}`,
  );
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<void> {
  const [verb, ...rest] = argv;
  if (verb !== 'show' && verb !== 'break') {
    throw new UsageError(verb ? `unknown command "${verb}"` : 'say what to do: show or break');
  }
  const values = parseOptions(rest, { province: { type: 'string' }, 'aws-table': { type: 'string' } });
  if (!values.province) throw new UsageError('name the province: --province 82');
  const province = registry.requireProvince(values.province).code;
  const table = values['aws-table'];
  const db = table ? awsStore(table) : await openDatabase();
  try {
    if (verb === 'break') {
      const was = await db.store.breakLease(province);
      process.stdout.write(
        was
          ? `broke the lease of province ${province}, held by ${was.owner} (generation ${was.generation})\n`
          : `province ${province} held no lease\n`,
      );
    }
    const [lease, meta] = await Promise.all([db.store.lease(province), db.store.meta(province)]);
    process.stdout.write(describe(province, lease, meta, Date.now()));
  } finally {
    await db.close();
  }
}

await runCommand('lease', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError]);
