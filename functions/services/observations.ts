import { methodology as methodologyById } from '#core/methodology/catalog.ts';
import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import { addDays, type Day } from '#core/periods/calendar.ts';
import { type Period, previousPeriod } from '#core/periods/period.ts';
import { isSettled, matchUnits, type UnitMatch, unsettled } from '#core/portal/match.ts';
import { type Observation, observedPeriod } from '#core/portal/observation.ts';
import { matchOverrides, provinceOfPortal } from '#core/portal/provinces.ts';
import { registry } from '#core/registry/registry.ts';
import { ObservationScoringError, scoreObservation } from '#core/scoring/observed.ts';
import { buildPublished } from '#core/snapshots/published.ts';
import { InvalidInputError, NotPermittedError } from '#functions/services/errors.ts';
import { reviseWithRetry } from '#functions/services/revise.ts';
import { observationDigest } from '#functions/store/digest.ts';
import type {
  ObservationReceipt,
  ReceiptRow,
  Store,
  StoredObservation,
  TokenScope,
} from '#functions/store/store.ts';

/**
 * The portal's published figures, from a checked submission to stored
 * observations and published rankings: each unit matched to its official unit
 * (the match kept in the store), each unit's figures written as created,
 * revised (the old revision kept) or unchanged, like daily records, then the
 * published ranking of each period and day rebuilt. Called inside the
 * province's lease.
 */

/** Refuses what the token may not write and what cannot be scored, before anything is stored. */
export function checkObservations(
  observations: readonly Observation[],
  scope: TokenScope,
  m: MethodologyDefinition,
  submissionId: string,
): void {
  for (const o of observations) {
    const theirs = provinceOfPortal({
      portalCode: o.header.provincePortalCode,
      rootDepartmentId: o.header.rootDepartmentId,
    });
    if (theirs.code !== scope.province) {
      throw new NotPermittedError(
        `this token writes province ${scope.province}; these are the portal's figures of province ${theirs.code} (${o.header.provincePortalCode})`,
        { submission: submissionId },
      );
    }
    if (scope.units) {
      throw new NotPermittedError(
        `the portal's figures cover the whole province; this token may write only ${scope.units.length} of its units`,
        { submission: submissionId },
      );
    }
    for (const u of o.units) {
      try {
        scoreObservation(m, u);
      } catch (error) {
        if (!(error instanceof ObservationScoringError)) throw error;
        throw new InvalidInputError(
          `the observation of ${observedPeriod(o.header).key} on ${o.header.observedOn} cannot be scored: ${error.message}; nothing of it was stored`,
          { submission: submissionId },
          { cause: error },
        );
      }
    }
  }
}

/**
 * Matches every portal unit of the observations, keeping a stored match while
 * the portal's name for the unit stays the same; an override always wins.
 * Writes the matches that changed.
 */
async function matchAndKeep(
  store: Store,
  province: string,
  observations: readonly Observation[],
): Promise<Map<string, UnitMatch>> {
  const stored = await store.matches(province);
  const refs = new Map(observations.flatMap((o) => o.units.map((u) => [u.portalId, u] as const)));
  const overrides = matchOverrides(province);
  const fresh = matchUnits(
    registry.unitsOf(province),
    registry.requireProvince(province).name,
    [...refs.values()],
    overrides,
  );
  const overridden = new Set(overrides.map((o) => o.portalCode));
  const all = new Map(stored);
  const changed: UnitMatch[] = [];
  for (const m of fresh) {
    const kept = stored.get(m.portalId);
    const keep =
      kept &&
      isSettled(kept) &&
      kept.portalName === m.portalName &&
      !overridden.has(m.portalCode) &&
      m.status !== 'doubtful';
    const next = keep ? kept : m;
    if (!kept || JSON.stringify(kept) !== JSON.stringify(next)) changed.push(next);
    all.set(m.portalId, next);
  }
  if (changed.length) await store.putMatches(province, changed);
  return all;
}

export interface ObservationWrite {
  id: string;
  receivedAt: string;
  observations: readonly Observation[];
}

export interface ObservationWriteResult {
  rows: ReceiptRow[];
  observations: ObservationReceipt[];
  /** the periods and days whose published ranking was rebuilt */
  rebuilt: { period: string; day: Day }[];
}

/** Writes checked observations of a province and rebuilds their published rankings. */
export async function writeObservations(
  store: Store,
  province: string,
  input: ObservationWrite,
  m: MethodologyDefinition = methodologyById(),
): Promise<ObservationWriteResult> {
  const matches = await matchAndKeep(store, province, input.observations);
  const rows: ReceiptRow[] = [];
  const receipts: ObservationReceipt[] = [];
  const rebuilt: ObservationWriteResult['rebuilt'] = [];
  let position = 0;
  for (const o of input.observations) {
    const period = observedPeriod(o.header);
    const day = o.header.observedOn;
    const current = await store.observation(province, period.key, day);
    const created: StoredObservation[] = [];
    let changed = false;
    for (const unit of o.units) {
      position++;
      const digest = observationDigest(unit);
      const existing = current.units.get(unit.portalCode);
      const match = matches.get(unit.portalId);
      const base = {
        row: position,
        unitCode: match && isSettled(match) ? match.unitCode : null,
        date: day,
        portalCode: unit.portalCode,
        period: period.key,
      };
      const stored = {
        period: period.key,
        day,
        unit,
        digest,
        submissionId: input.id,
        receivedAt: input.receivedAt,
      };
      if (!existing) {
        created.push({ ...stored, revision: 1 });
        rows.push({ ...base, outcome: 'created', revision: 1 });
        changed = true;
      } else if (existing.digest === digest) {
        rows.push({ ...base, outcome: 'unchanged', revision: existing.revision });
      } else {
        const row: ReceiptRow = { ...base, outcome: 'revised', revision: existing.revision + 1 };
        await reviseWithRetry(
          existing,
          { ...stored, revision: existing.revision + 1 },
          row,
          {
            write: (previous, next) => store.reviseObservation(province, previous, next),
            latest: async () =>
              (await store.observation(province, period.key, day)).units.get(unit.portalCode),
          },
          `the observation of ${unit.portalCode} on ${day}`,
        );
        rows.push(row);
        changed = true;
      }
    }
    // the header every time: the day's latest pull says which units the day holds
    const listed = o.units.map((u) => u.portalCode);
    const relisted =
      listed.length !== current.listed.length || listed.some((c, k) => c !== current.listed[k]);
    await store.createObservations(province, o.header, period.key, created, listed);
    changed ||= relisted;
    await store.notePortalObservation(province, period.key, day);
    // the day's ranking always (a rebuild after a fault finishes the job), from the figures in hand:
    // they are the day's listed units as now stored; the next day's when this one changed
    await rebuildPublished(store, province, period, day, matches, m, o);
    rebuilt.push({ period: period.key, day });
    if (changed) {
      const next = await store.nextPublishedDay(province, period.key, day);
      if (next) {
        await rebuildPublished(store, province, period, next, matches, m);
        rebuilt.push({ period: period.key, day: next });
      }
    }
    const ofThis = [...matches.values()].filter((x) => o.units.some((u) => u.portalId === x.portalId));
    receipts.push({
      period: period.key,
      observedOn: day,
      units: o.units.length,
      communes: o.units.filter((u) => u.childGroup === 'COMMUNE').length,
      agencies: o.units.filter((u) => u.childGroup === 'AGENCY').length,
      matched: ofThis.filter(isSettled).length,
      unsettled: unsettled(ofThis),
    });
  }
  return { rows, observations: receipts, rebuilt };
}

/**
 * Rebuilds the published ranking of a period as of an observation day: the
 * day's units (those in hand, or what is stored), the previous observation of
 * the period, and the latest observation of the previous period.
 */
export async function rebuildPublished(
  store: Store,
  province: string,
  period: Period,
  day: Day,
  matches: ReadonlyMap<string, UnitMatch>,
  m: MethodologyDefinition = methodologyById(),
  inHand?: Observation,
): Promise<void> {
  const stored = async () => {
    const o = await store.observation(province, period.key, day);
    // the units the day's latest pull listed: a unit an earlier pull of the day had is kept, not ranked
    const listed = new Set(o.listed);
    return {
      header: o.header,
      units: [...o.units.values()].filter((x) => listed.has(x.unit.portalCode)).map((x) => x.unit),
    };
  };
  const [{ header, units }, before, prevItem] = await Promise.all([
    inHand ? { header: inHand.header, units: inHand.units } : stored(),
    store.latestPublishedRanks(province, period.key, addDays(day, -1)),
    (async () => {
      const prev = previousPeriod(period);
      return prev ? store.latestPublishedRanks(province, prev.key, day) : undefined;
    })(),
  ]);
  if (!header || !units.length) return;
  const document = buildPublished({
    registry,
    province,
    period,
    methodology: m,
    header,
    units,
    matches,
    previous: before ? { day: before.asOf, ranks: before.ranks } : null,
    previousPeriod: prevItem?.ranks ?? new Map(),
  });
  await store.putPublished(document);
}
