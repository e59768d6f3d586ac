import { isHoliday } from '#core/generator/holidays.ts';
import { Random } from '#core/generator/random.ts';
import { type Day, daysInRange, eachDay, weekday } from '#core/periods/calendar.ts';
import { type DailyRecord, FIRST_DAY } from '#core/records/fields.ts';
import type { Unit, UnitRegistry } from '#core/registry/registry.ts';

/**
 * Realistic synthetic daily records for a province. Every unit has its own
 * size (wards busier than communes), quality level and trend; weekends and
 * public holidays are quiet; a few units miss days; some have no fee-bearing
 * dossiers or no petitions in a month. The shares follow what the national
 * portal published for the 135 communes of Gia Lai in 2026
 * (data/portal/gia-lai-2026-10-01.jsonl): most dossiers on time, results
 * mostly electronic but few documents digitized, about half the fee-bearing
 * procedures paid online, petitions rare, the procedure figures the
 * province's own. Under qd766-2026 a unit's year lands between about 60 and
 * 80 points, as real communes do.
 * Deterministic: the same seed gives the same records, and a unit's day does
 * not depend on the range asked for.
 */

export interface GenerateOptions {
  registry: UnitRegistry;
  province: string;
  from: Day;
  to: Day;
  seed?: number;
}

/** What makes one center different from the next; drawn once per unit and seed. */
interface Profile {
  size: number;
  quality: number;
  /** change of quality per 30 days */
  trend: number;
  online: number;
  feeShare: number;
  payOnline: number;
  petitions: number;
  petitionsOnTime: number;
  electronic: number;
  digitized: number;
  reuse: number;
  personalStore: number;
  populationData: number;
  procedures: number;
  proceduresConnected: number;
  fullOnlineEligible: number;
  fullOnline: number;
  feeProcedures: number;
  feeTransacted: number;
  feeWithDossiers: number;
  certifiedCopyFrom: Day | null;
  /** chance of a missing day; most units never miss one */
  missRate: number;
  /** a stretch of days with no record at all, for one unit in thirty */
  gap: { start: number; length: number } | null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A share drawn around its real median: better units sit higher, with a spread of `sd`. */
const around = (r: Random, median: number, sd: number, quality: number, lo = 0, hi = 1) =>
  clamp(median + (quality - 0.86) * sd * 2 + r.normal() * sd, lo, hi);

function profileOf(seed: number, unit: Unit): Profile {
  const r = new Random(seed, unit.code, 'profile');
  const ward = unit.type === 'ward';
  const size = Math.exp(r.normal() * 0.45) * (ward ? 40 : 16);
  const quality = clamp(0.97 - Math.abs(r.normal()) * 0.2, 0.45, 0.995);
  const procedures = Math.round(r.between(370, 392));
  return {
    size,
    quality,
    trend: r.between(-0.006, 0.014),
    online: clamp(r.between(0.55, 0.98), 0, 1),
    feeShare: r.chance(0.05) ? r.between(0.2, 0.4) : around(r, 0.76, 0.12, quality, 0.3, 0.96),
    payOnline: r.chance(0.03) ? r.between(0.15, 0.5) : around(r, 0.91, 0.04, quality, 0.7, 1),
    petitions: r.chance(0.6) ? 0 : r.between(0.002, 0.012),
    petitionsOnTime: r.between(0, 1),
    electronic: r.chance(0.04) ? r.between(0.15, 0.5) : around(r, 0.84, 0.08, quality, 0.5, 0.99),
    digitized: around(r, 0.23, 0.09, quality, 0.03, 0.62),
    reuse: around(r, 0.23, 0.09, quality, 0.06, 0.63),
    personalStore: r.chance(0.85) ? 0 : r.between(0.01, 0.1),
    populationData: around(r, 0.42, 0.15, quality, 0.15, 0.91),
    procedures,
    proceduresConnected: around(r, 0.088, 0.03, quality, 0.015, 0.17),
    fullOnlineEligible: r.between(0.55, 0.85),
    fullOnline: around(r, 0.53, 0.02, quality, 0.45, 0.6),
    feeProcedures: Math.round(clamp(41 + r.normal() * 6, 30, 60)),
    feeTransacted: around(r, 0.43, 0.09, quality, 0.14, 0.65),
    feeWithDossiers: around(r, 0.18, 0.05, quality, 0.06, 0.3),
    certifiedCopyFrom: r.chance(0.8) ? FIRST_DAY : r.chance(0.5) ? '2025-12-01' : null,
    missRate: r.chance(0.08) ? r.between(0.01, 0.06) : 0,
    gap: r.chance(1 / 30)
      ? { start: Math.floor(r.between(20, 400)), length: Math.floor(r.between(5, 15)) }
      : null,
  };
}

/**
 * The procedure figures of publicity (CKMB): the province publishes and
 * updates its procedures, so every unit of it carries the same figures in a
 * month, as the portal shows.
 */
function provinceMonthly(seed: number, province: string, month: string) {
  const r = new Random(seed, province, month, 'procedures');
  const due = Math.round(r.between(40, 55));
  const dueUpdate = Math.round(r.between(40, 55));
  return {
    proceduresDuePublication: due,
    proceduresPublishedOnTime: r.binomial(due, r.between(0.02, 0.6)),
    proceduresDueUpdate: dueUpdate,
    proceduresUpdatedOnTime: r.binomial(dueUpdate, r.between(0.8, 0.98)),
    proceduresPublic: due,
    proceduresPublicFullContent: r.binomial(due, r.between(0.97, 1)),
  };
}

/** Slow-moving counts that the contract carries as "last": drawn per unit and month. */
function monthly(seed: number, unit: Unit, month: string, p: Profile) {
  const r = new Random(seed, unit.code, month, 'month');
  const fee = p.feeProcedures;
  return {
    ...provinceMonthly(seed, unit.provinceCode, month),
    feeProcedures: fee,
    feeProceduresOnlinePayment: r.binomial(fee, p.feeWithDossiers),
    feeProceduresWithOnlineTransaction: r.binomial(fee, p.feeTransacted),
    procedures: p.procedures,
    proceduresConnectedPopulationData: r.binomial(p.procedures, p.proceduresConnected),
    noFeeDossiers: r.chance(0.06),
    noPetitions: r.chance(0.15),
  };
}

function activity(day: Day): number {
  if (isHoliday(day)) return 0.01;
  const w = weekday(day);
  return w === 0 ? 0.02 : w === 6 ? 0.2 : 1;
}

function dayRecord(seed: number, unit: Unit, p: Profile, day: Day, dayIndex: number): DailyRecord | null {
  if (p.gap && dayIndex >= p.gap.start && dayIndex < p.gap.start + p.gap.length) return null;
  const r = new Random(seed, unit.code, day);
  if (p.missRate && r.chance(p.missRate)) return null;
  const quality = clamp(p.quality + (p.trend * dayIndex) / 30 + r.normal() * 0.01, 0.35, 1);
  const lift = (share: number) => clamp(share + (quality - p.quality) * 0.5, 0, 1);
  const m = monthly(seed, unit, day.slice(0, 7), p);
  const level = activity(day);
  const received = r.poisson(p.size * level);
  const resolved = r.poisson(p.size * level);
  const resolvedLate = r.binomial(resolved, (1 - quality) * 0.45);
  const resolvedEarly = r.binomial(resolved - resolvedLate, clamp(0.75 * quality + 0.15, 0, 1));
  const resultsIssued = resolved;
  const dossiersWithFee = m.noFeeDossiers ? 0 : r.binomial(received, p.feeShare);
  const petitionsDue = m.noPetitions ? 0 : r.poisson(p.petitions * level);
  const petitionsOnTime = r.binomial(petitionsDue, p.petitionsOnTime);
  const petitionsRated = r.binomial(petitionsDue, 0.6);
  const fullOnlineEligible = r.binomial(received, p.fullOnlineEligible);
  const { noFeeDossiers: _f, noPetitions: _p, ...lastFields } = m;
  return {
    unitCode: unit.code,
    date: day,
    received,
    receivedOnline: r.binomial(received, clamp(p.online + (p.trend * dayIndex) / 60, 0, 1)),
    resolvedEarly,
    resolvedOnTime: resolved - resolvedLate - resolvedEarly,
    resolvedLate,
    pendingWithinDeadline: Math.round(p.size * r.between(1.5, 3.5)),
    pendingOverdue: r.binomial(Math.round(p.size), (1 - quality) * 0.1),
    syncedToPortal: r.binomial(received, 0.998),
    ...lastFields,
    dossiersWithFee,
    dossiersPaidOnline: r.binomial(dossiersWithFee, lift(p.payOnline)),
    resultsIssued,
    resultsElectronic: r.binomial(resultsIssued, lift(p.electronic)),
    dossiersDigitized: r.binomial(received, lift(p.digitized)),
    certifiedCopyOffered: p.certifiedCopyFrom !== null && day >= p.certifiedCopyFrom ? 1 : 0,
    dossiersReusingData: r.binomial(received, lift(p.reuse)),
    resultsSyncedPersonalStore: r.binomial(resultsIssued, p.personalStore),
    petitionsDue,
    petitionsOnTime,
    petitionsRated,
    petitionsSatisfied: r.binomial(petitionsRated, 0.5),
    dossiersComplainedOrDisliked: r.binomial(resolved, 0.002),
    dossiersUsingPopulationData: r.binomial(received, lift(p.populationData)),
    dossiersFullOnlineEligible: fullOnlineEligible,
    dossiersFullOnline: r.binomial(fullOnlineEligible, p.fullOnline),
  };
}

/** Generates the records day by day, each day's units in code order. */
export function* generateRecords(options: GenerateOptions): Generator<DailyRecord> {
  const { registry, province, from, to, seed = 1 } = options;
  const units = registry.unitsOf(province);
  const profiles = units.map((u) => profileOf(seed, u));
  for (const day of eachDay(from, to)) {
    const dayIndex = daysInRange(FIRST_DAY, day) - 1;
    for (let k = 0; k < units.length; k++) {
      const record = dayRecord(seed, units[k] as Unit, profiles[k] as Profile, day, dayIndex);
      if (record) yield record;
    }
  }
}
