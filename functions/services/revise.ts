import type { ReceiptRow } from '#functions/store/store.ts';

/** What is kept revisioned: a unit's day of records, or what the portal published for a unit and day. */
export interface Revisioned {
  revision: number;
  digest: string;
}

/**
 * Writes `next` on top of `previous`; when another writer got in between (the
 * conditional write lost), reads the revision that won and writes on top of
 * it, or finds the same values already there (unchanged). The receipt row
 * says which. `what` names the item in the error when writers keep winning.
 */
export async function reviseWithRetry<T extends Revisioned>(
  previous: T,
  next: T,
  row: ReceiptRow,
  store: { write: (base: T, candidate: T) => Promise<boolean>; latest: () => Promise<T | undefined> },
  what: string,
): Promise<void> {
  let base = previous;
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = { ...next, revision: base.revision + 1 };
    if (await store.write(base, candidate)) {
      row.revision = candidate.revision;
      return;
    }
    const latest = await store.latest();
    if (!latest) throw new Error(`${what} vanished while revising`);
    if (latest.digest === next.digest) {
      row.outcome = 'unchanged';
      row.revision = latest.revision;
      return;
    }
    base = latest;
  }
  throw new Error(`could not revise ${what}: too many concurrent writers`);
}
