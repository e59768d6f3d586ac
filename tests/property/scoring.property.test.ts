import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodologies, methodology } from '#core/methodology/catalog.ts';
import { addDays } from '#core/periods/calendar.ts';
import type { CountField } from '#core/records/fields.ts';
import { aggregatePeriod, mergeAggregates } from '#core/scoring/aggregate.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import { scoreUnit } from '#core/scoring/score.ts';
import { countsArb, recordsArb } from '../support/arbitraries.ts';
import { aggregateOf } from '../support/records.ts';

const versions = methodologies();
const versionIds = versions.map((m) => m.id);

describe('scoring, for any counts that keep the contract', () => {
  it('scores between 0 and 100, each group and indicator within its maximum, under every version', () => {
    fc.assert(
      fc.property(countsArb, fc.constantFrom(...versionIds), (counts, id) => {
        const m = methodology(id);
        const s = scoreUnit(m, aggregateOf(counts));
        expect(s.total).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeLessThanOrEqual(100);
        for (const g of m.groups) {
          const points = s.groups[g.code] ?? Number.NaN;
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(g.max);
          for (const i of g.indicators) {
            const r = s.indicators[i.code];
            expect(r?.points).toBeGreaterThanOrEqual(0);
            expect(r?.points).toBeLessThanOrEqual(i.points);
            expect(r?.lost).toBe(Math.round((i.points - (r?.points ?? 0)) * 100) / 100);
          }
        }
        const sumOfGroups = Object.values(s.groups).reduce((a, b) => a + b, 0);
        expect(Math.abs(sumOfGroups - s.total)).toBeLessThanOrEqual(0.005 * m.groups.length + 1e-9);
        expect(s.band).toBe(m.bands.find((b) => s.total >= b.min)?.id);
      }),
      { numRuns: 2000 },
    );
  });

  /** Counts that are the "good" part of a ratio, each with the whole that bounds it, if any. */
  const numerators: [CountField, CountField | null][] = [
    ['proceduresPublishedOnTime', 'proceduresDuePublication'],
    ['proceduresUpdatedOnTime', 'proceduresDueUpdate'],
    ['proceduresPublicFullContent', 'proceduresPublic'],
    ['syncedToPortal', 'received'],
    ['resolvedEarly', null],
    ['resolvedOnTime', null],
    ['pendingWithinDeadline', null],
    ['dossiersPaidOnline', 'dossiersWithFee'],
    ['feeProceduresOnlinePayment', 'feeProcedures'],
    ['feeProceduresWithOnlineTransaction', 'feeProcedures'],
    ['resultsElectronic', 'resultsIssued'],
    ['dossiersDigitized', 'received'],
    ['certifiedCopyOffered', null],
    ['dossiersReusingData', 'received'],
    ['resultsSyncedPersonalStore', 'resultsIssued'],
    ['petitionsOnTime', 'petitionsDue'],
    ['petitionsSatisfied', 'petitionsRated'],
  ];

  it('never lowers a score when a numerator rises', () => {
    fc.assert(
      fc.property(
        countsArb,
        fc.constantFrom(...numerators),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(...versionIds),
        (counts, [field, whole], step, id) => {
          const m = methodology(id);
          const cap = field === 'certifiedCopyOffered' ? 1 : whole ? counts[whole] : Number.POSITIVE_INFINITY;
          const raised = { ...counts, [field]: Math.min(cap, counts[field] + step) };
          const before = scoreUnit(m, aggregateOf(counts));
          const after = scoreUnit(m, aggregateOf(raised));
          expect(after.total).toBeGreaterThanOrEqual(before.total);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never raises a score when late, overdue or complained-of dossiers rise', () => {
    fc.assert(
      fc.property(
        countsArb,
        fc.constantFrom<CountField>('resolvedLate', 'pendingOverdue', 'dossiersComplainedOrDisliked'),
        fc.integer({ min: 1, max: 500 }),
        (counts, field, step) => {
          const m = versions[0];
          if (!m) throw new Error('no methodology');
          const before = scoreUnit(m, aggregateOf(counts));
          const after = scoreUnit(m, aggregateOf({ ...counts, [field]: counts[field] + step }));
          // an overdue dossier also counts as handled: with none handled before, ON_TIME moves from "no cases" (full) to 0
          expect(after.total).toBeLessThanOrEqual(before.total);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('ranking, for any totals', () => {
  const scoresArb = fc.uniqueArray(
    fc.record({
      unitCode: fc.integer({ min: 10000, max: 99999 }).map(String),
      total: fc.oneof(
        fc.constantFrom(90, 85.5, 70),
        fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
      ),
    }),
    { selector: (u) => u.unitCode, maxLength: 120 },
  );

  it('ranks 1 plus the number of units with a higher total, ties by code, every unit once', () => {
    fc.assert(
      fc.property(scoresArb, (scores) => {
        const ranked = rankByTotal(scores);
        expect(ranked.map((u) => u.unitCode).sort()).toEqual(scores.map((u) => u.unitCode).sort());
        for (const [k, u] of ranked.entries()) {
          expect(u.rank).toBe(1 + scores.filter((s) => s.total > u.total).length);
          const next = ranked[k + 1];
          if (next) {
            expect(next.total).toBeLessThanOrEqual(u.total);
            if (next.total === u.total) expect(next.unitCode > u.unitCode).toBe(true);
          }
        }
        if (ranked.length) expect(ranked[0]?.rank).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('aggregation, for any records', () => {
  const from = '2025-10-01';
  const span = 20;
  const to = addDays(from, span - 1);

  it('of a period split in two and merged equals the aggregation of the whole', () => {
    fc.assert(
      fc.property(recordsArb(from, span), fc.nat(span - 2), (records, cut) => {
        const splitDay = addDays(from, cut);
        const first = aggregatePeriod(records, from, splitDay);
        const second = aggregatePeriod(records, addDays(splitDay, 1), to);
        const whole = aggregatePeriod(records, from, to);
        for (const [unit, aggregate] of whole) {
          const a = first.get(unit);
          const b = second.get(unit);
          const merged = a && b ? mergeAggregates(a, b) : (a ?? b);
          expect(merged).toEqual(aggregate);
        }
        expect(new Set([...first.keys(), ...second.keys()])).toEqual(new Set(whole.keys()));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(
        recordsArb(from, span).chain((r) =>
          fc.tuple(fc.constant(r), fc.shuffledSubarray(r, { minLength: r.length })),
        ),
        ([records, shuffled]) => {
          expect(aggregatePeriod(shuffled, from, to)).toEqual(aggregatePeriod(records, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });
});
