import { isHoliday } from '#core/generator/holidays.ts';
import { Random } from '#core/generator/random.ts';
import { type Day, daysInRange, eachDay, weekday } from '#core/periods/calendar.ts';
import { type DailyRecord, FIRST_DAY } from '#core/records/fields.ts';
import type { Unit, UnitRegistry } from '#core/registry/registry.ts';

/**
 * Realistic synthetic daily records for a province. Every unit has its own
 * size (wards busier than communes), quality level and trend; weekends and
 * public holidays are quiet; a few units miss days; some have no fee-bearing
 * dossiers or no petitions in a month. Deterministic: the same seed gives the
 * same records, and a unit's day does not depend on the range asked for.
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
  electronic: number;
  digitized: number;
  reuse: number;
  personalStore: number;
  certifiedCopyFrom: Day | null;
  /** chance of a missing day; most units never miss one */
  missRate: number;
  /** a stretch of days with no record at all, for one unit in thirty */
  gap: { start: number; length: number } | null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function profileOf(seed: number, unit: Unit): Profile {
  const r = new Random(seed, unit.code, 'profile');
  const ward = unit.type === 'ward';
  const size = Math.exp(r.normal() * 0.45) * (ward ? 55 : 22);
  const quality = clamp(0.97 - Math.abs(r.normal()) * 0.2, 0.45, 0.995);
  return {
    size,
    quality,
    trend: r.between(-0.006, 0.014),
    online: clamp(r.between(0.55, 0.98), 0, 1),
    feeShare: r.chance(0.12) ? r.between(0.002, 0.01) : r.between(0.05, 0.35),
    payOnline: clamp(quality - r.between(0, 0.6), 0.05, 0.97),
    petitions: r.chance(0.3) ? r.between(0.005, 0.02) : r.between(0.05, 0.3),
    electronic: clamp(quality + r.between(-0.4, 0.05), 0.2, 1),
    digitized: clamp(quality + r.between(-0.2, 0.05), 0.4, 1),
    reuse: clamp(quality - r.between(0.05, 0.6), 0.1, 0.95),
    personalStore: clamp(quality + r.between(-0.45, 0.05), 0.2, 1),
    certifiedCopyFrom: r.chance(0.8) ? FIRST_DAY : r.chance(0.5) ? '2025-12-01' : null,
    missRate: r.chance(0.08) ? r.between(0.01, 0.06) : 0,
    gap: r.chance(1 / 30)
      ? { start: Math.floor(r.between(20, 400)), length: Math.floor(r.between(5, 15)) }
      : null,
  };
}

/** Slow-moving counts that the contract carries as "last": drawn per unit and month. */
function monthly(seed: number, unit: Unit, month: string, p: Profile, quality: number) {
  const r = new Random(seed, unit.code, month, 'month');
  const due = Math.round(r.between(25, 60));
  const dueUpdate = Math.round(r.between(5, 20));
  const published = Math.round(r.between(15, 45) * (p.size > 40 ? 1.2 : 1));
  const fee = Math.round(r.between(6, 22));
  const onlineOffered = clamp(quality + r.between(-0.3, 0.05), 0.3, 1);
  return {
    proceduresDuePublication: due,
    proceduresPublishedOnTime: r.binomial(due, clamp(quality + 0.03, 0, 1)),
    proceduresDueUpdate: dueUpdate,
    proceduresUpdatedOnTime: r.binomial(dueUpdate, clamp(quality, 0, 1)),
    proceduresPublic: published,
    proceduresPublicFullContent: r.binomial(published, clamp(quality + 0.02, 0, 1)),
    feeProcedures: fee,
    feeProceduresOnlinePayment: r.binomial(fee, onlineOffered),
    feeProceduresWithOnlineTransaction: r.binomial(fee, onlineOffered * r.between(0.6, 1)),
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
  const m = monthly(seed, unit, day.slice(0, 7), p, quality);
  const level = activity(day);
  const received = r.poisson(p.size * level);
  const resolved = r.poisson(p.size * level);
  const resolvedLate = r.binomial(resolved, (1 - quality) * 0.6);
  const resolvedEarly = r.binomial(resolved - resolvedLate, clamp(0.75 * quality + 0.15, 0, 1));
  const resultsIssued = resolved;
  const dossiersWithFee = m.noFeeDossiers ? 0 : r.binomial(received, p.feeShare);
  const petitionsDue = m.noPetitions ? 0 : r.poisson(p.petitions * level);
  const petitionsOnTime = r.binomial(petitionsDue, clamp(quality + 0.05, 0, 1));
  const petitionsRated = r.binomial(petitionsDue, 0.6);
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
    pendingOverdue: r.binomial(Math.round(p.size), (1 - quality) * 0.15),
    syncedToPortal: r.binomial(received, clamp(0.88 + 0.12 * quality, 0, 1)),
    ...lastFields,
    dossiersWithFee,
    dossiersPaidOnline: r.binomial(dossiersWithFee, p.payOnline),
    resultsIssued,
    resultsElectronic: r.binomial(resultsIssued, p.electronic),
    dossiersDigitized: r.binomial(received, p.digitized),
    certifiedCopyOffered: p.certifiedCopyFrom !== null && day >= p.certifiedCopyFrom ? 1 : 0,
    dossiersReusingData: r.binomial(received, p.reuse),
    resultsSyncedPersonalStore: r.binomial(resultsIssued, p.personalStore),
    petitionsDue,
    petitionsOnTime,
    petitionsRated,
    petitionsSatisfied: r.binomial(petitionsRated, clamp(0.6 + 0.4 * quality, 0, 1)),
    dossiersComplainedOrDisliked: r.binomial(resolved, (1 - quality) * 0.05),
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
