import type { Receipt } from '#functions/store/store.ts';

/** Prints a receipt's counts and its rejected rows, or the whole receipt as JSON. */
export function printReceipt(receipt: Receipt, asJson: boolean): void {
  if (asJson) {
    process.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
    return;
  }
  const c = receipt.counts;
  process.stdout.write(
    `submission ${receipt.id}: ${c.rows} rows, ${c.created} created, ${c.revised} revised, ${c.unchanged} unchanged, ${c.rejected} rejected\n`,
  );
  for (const w of receipt.warnings) process.stdout.write(`warning: ${w}\n`);
  for (const o of receipt.observations ?? []) {
    process.stdout.write(
      `the portal's figures for ${o.period}, observed on ${o.observedOn}: ${o.units} units (${o.communes} communes and wards, ${o.agencies} departments), ${o.matched} matched to official units\n`,
    );
    for (const u of o.unsettled) {
      const candidates = u.candidates.length ? ` (may be ${u.candidates.join(', ')})` : '';
      process.stdout.write(`${u.status}: ${u.portalCode} ${u.portalName}${candidates}: ${u.reason}\n`);
    }
  }
  for (const row of receipt.rows.filter((r) => r.outcome === 'rejected').slice(0, 50)) {
    for (const reason of row.reasons ?? []) process.stdout.write(`row ${row.row}: ${reason.message}\n`);
  }
  if (c.rejected > 50) process.stdout.write(`... and more: --json lists every row\n`);
}
