import { addDays } from '#core/periods/calendar.ts';
import { parsePeriod } from '#core/periods/period.ts';
import { portalPeriodOf } from '#core/portal/observation.ts';
import { portalProvince } from '#core/portal/provinces.ts';
import { PortalClient } from '#functions/portal/client.ts';
import { pullPortal } from '#functions/services/pull-portal.ts';
import { startPortalStandin } from '../tests/support/portal-standin.ts';
import { benchDatabase, type Measurement, report } from './harness.ts';

/**
 * The daily pull of one province from the national portal (135 units, seven
 * endpoints, for the year, quarter and month), against a stand-in portal on
 * this machine: pulling and storing it (archive, unit matching, observations
 * with their revisions, three published rankings), as a ratio to fetching the
 * same 21 answers without storing them. Each pull is a new observation day,
 * as the daily pull is.
 */

const RUNS = 7;
const periods = [parsePeriod('2026'), parsePeriod('2026-Q4'), parsePeriod('2026-10')];

async function median(name: string, run: (k: number) => Promise<unknown>): Promise<Measurement> {
  await run(-1);
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    await run(k);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runs: RUNS };
}

export async function benchPortal(): Promise<boolean> {
  const db = await benchDatabase();
  const { store, archive } = db;
  const portal = await startPortalStandin();
  const province = portalProvince('52');
  const portalClient = (day: string) =>
    new PortalClient({ baseUrl: portal.url, pauseMs: 0, now: () => new Date(`${day}T00:00:00Z`) });
  let ok = true;
  try {
    console.log('the daily pull from the national portal (stand-in portal and dynalite on this machine)');
    const fetchOnly = await median('fetch the 21 answers of a province (baseline)', async () => {
      const c = portalClient('2026-10-01');
      for (const p of periods) await c.fetchPeriod(province, portalPeriodOf(p));
    });
    const pulled = await median('pull and store them: 405 unit observations, 3 rankings', async (k) => {
      // a new observation day each time, as each morning's pull is
      const day = addDays('2026-10-01', k + 2);
      const receipt = await pullPortal({ store, archive }, portalClient(day), '52', periods, 'the bench');
      if (receipt.counts.created !== 405)
        throw new Error(`the pull of ${day} created ${receipt.counts.created}`);
    });
    report(fetchOnly, periods.length * 7, 'answers');
    ok = report(pulled, periods.length * 135, 'units', fetchOnly, { max: 6 }) && ok;
  } finally {
    await portal.close();
    await db.close();
  }
  return ok;
}
