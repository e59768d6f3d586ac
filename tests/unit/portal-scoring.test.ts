import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { methodology } from '#core/methodology/catalog.ts';
import { matchUnits } from '#core/portal/match.ts';
import {
  GROUP_CODES,
  type Observation,
  type ObservedUnit,
  observationFileText,
  parseObservationFile,
} from '#core/portal/observation.ts';
import { matchOverrides } from '#core/portal/provinces.ts';
import { reconcile } from '#core/portal/reconcile.ts';
import { registry } from '#core/registry/registry.ts';
import { rankObservation, scoreObservation } from '#core/scoring/observed.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import { round2 } from '#core/scoring/round.ts';
import { portalRound } from '#core/scoring/score.ts';

/**
 * qd766-2026 against what the national portal really published: Gia Lai's 135
 * communes, year 2026, observed on 2026-10-01 (data/portal/, a copy of the
 * shared observations). Every rule is held against every unit.
 */

const FILE = 'data/portal/gia-lai-2026-10-01.jsonl';
const [observation] = parseObservationFile(readFileSync(FILE, 'utf8')) as [Observation];
const units = observation.units;
const m = methodology('qd766-2026');
const scores = new Map(units.map((u) => [u.portalCode, scoreObservation(m, u)]));
const scoreOf = (u: ObservedUnit) => scores.get(u.portalCode) as ReturnType<typeof scoreObservation>;
const within = (a: number, b: number) => Math.abs(a - b) <= 0.01 + 1e-9;

/** Every published metric score with its computed points, metric by metric. */
const metricCases = m.groups.flatMap((g) =>
  g.indicators
    .filter((i) => i.observed?.kind === 'metric')
    .map((i) => ({
      code: i.code,
      cases: units.flatMap((u) => {
        const metric = u.metrics.find((x) => x[1] === i.code);
        const published = metric?.[5];
        return typeof published === 'number'
          ? [{ unit: u.portalCode, published, computed: scoreOf(u).indicators[i.code]?.points }]
          : [];
      }),
    })),
);

describe('qd766-2026 on the portal figures of Gia Lai, 2026-10-01', () => {
  it('reads 135 communes, each with the 16 metrics the portal shows', () => {
    expect(units).toHaveLength(135);
    expect(units.every((u) => u.childGroup === 'COMMUNE' && u.metrics.length === 16)).toBe(true);
  });

  it.each(metricCases)('reproduces every published score of $code', ({ cases }) => {
    expect(cases).toHaveLength(135);
    const off = cases.filter((c) => c.computed === undefined || !within(c.computed, c.published));
    expect(off).toEqual([]);
  });

  it('scores dossiers on time as 20 x totalOnTime / totalReceived, as dvc-progress-tree publishes it', () => {
    const off = units.filter(
      (u) => !within(scoreOf(u).groups.TDGQ ?? Number.NaN, u.progress.score ?? Number.NaN),
    );
    expect(off).toEqual([]);
  });

  it('adds a group as the sum of its rounded indicators, as the group pages do (CKMB, TDGQ, MDSH, MDHL)', () => {
    for (const g of ['CKMB', 'TDGQ', 'MDSH', 'MDHL'] as const) {
      const agreeing = units.filter((u) =>
        within(scoreOf(u).groups[g] ?? Number.NaN, u.groups[g] ?? Number.NaN),
      );
      expect(agreeing.length, g).toBeGreaterThanOrEqual(Math.ceil(units.length * 0.99));
      // all of them, in fact: a unit that parts is a rule to write down in docs/scoring.md
      expect(agreeing, g).toHaveLength(units.length);
    }
  });

  it('would not reproduce MDSH by rounding only the group: the portal rounds each indicator', () => {
    // 78 of 135 units agree when the group is rounded once from full precision, every unit when each indicator is
    const exactThenRounded = units.filter((u) => {
      const exact = u.metrics
        .filter((x) => x[0] === 'MDSH' && x[6] && x[6] > 0)
        .reduce((s, x) => {
          const [, code, n, d, ratio, , max] = x;
          if (code === 'ELECTRONIC_CERTIFIED_COPY') return s + ((max ?? 0) * (ratio ?? 0)) / 100;
          const share = n === null || !d ? 0 : n / d;
          const fullAt = code === 'REUSED_DIGITIZED_DATA' ? 0.8 : 1;
          return s + Math.min(max ?? 0, ((max ?? 0) * share) / fullAt);
        }, 0);
      return within(round2(exact), u.groups.MDSH ?? Number.NaN);
    });
    expect(exactThenRounded.length).toBeLessThan(units.length);
  });

  it('rounds as the portal does: half up on the binary value, so 2 x 0.39 / 0.8 = 0.97499… gives 0.97', () => {
    const unit = units.find((u) => u.metrics.some((x) => x[1] === 'REUSED_DIGITIZED_DATA' && x[2] === 1170));
    expect(unit?.metrics.find((x) => x[1] === 'REUSED_DIGITIZED_DATA')?.[5]).toBe(0.97);
    expect(portalRound((2 * (1170 / 3000)) / 0.8)).toBe(0.97);
    expect(round2(0.975)).toBe(0.98); // the decimal rounding of qd766-2025 would say 0.98
    expect(scoreOf(unit as ObservedUnit).indicators.REUSED_DIGITIZED_DATA?.points).toBe(0.97);
  });

  it('gives a petition metric with no petitions its 6 points, and the certified copy with no inputs its 2', () => {
    const none = units.filter((u) => (u.satisfaction.totalPetitions ?? 0) === 0);
    expect(none.length).toBeGreaterThan(100);
    for (const u of none) {
      expect(scoreOf(u).indicators.PETITION_PROCESSING_ON_TIME).toMatchObject({ points: 6, noCases: true });
      expect(scoreOf(u).indicators.PETITION_HANDLING_SATISFACTION).toMatchObject({
        points: 6,
        noCases: true,
      });
    }
    for (const u of units) expect(scoreOf(u).indicators.ELECTRONIC_CERTIFIED_COPY?.points).toBe(2);
  });

  it('takes CLGQ and TTTT as published, and TTTT is never less than the two parts it has inputs for', () => {
    for (const u of units) {
      const s = scoreOf(u);
      expect(s.groups.CLGQ).toBe(u.groups.CLGQ);
      expect(s.groups.TTTT).toBe(u.groups.TTTT);
      expect(s.indicators.ONLINE_SERVICE).toMatchObject({ published: true, points: u.groups.CLGQ });
      const parts =
        (s.indicators.ONLINE_PAYMENT_DOSSIER?.points ?? 0) +
        (s.indicators.ONLINE_PAYMENT_FORMALITY?.points ?? 0);
      expect(parts).toBeLessThanOrEqual(u.groups.TTTT + 0.01);
      expect(s.indicators.FEE_DOSSIER_FORMALITY).toMatchObject({ published: true });
      expect(round2(parts + (s.indicators.FEE_DOSSIER_FORMALITY?.points ?? 0))).toBe(u.groups.TTTT);
    }
  });

  it('adds the total as the sum of the six groups, within 0.01 of the published groups for every unit', () => {
    const off = units.filter((u) => {
      const published = round2(GROUP_CODES.reduce((sum, g) => sum + (u.groups[g] ?? 0), 0));
      return !within(scoreOf(u).total, published);
    });
    expect(off.length).toBeLessThanOrEqual(Math.floor(units.length * 0.01));
    expect(off).toEqual([]);
  });

  it('ranks the communes as the sum of the published groups ranks them', () => {
    const published = rankByTotal(
      units.map((u) => ({
        unitCode: u.portalCode,
        total: round2(GROUP_CODES.reduce((s, g) => s + (u.groups[g] ?? 0), 0)),
      })),
    );
    const computed = rankByTotal(units.map((u) => ({ unitCode: u.portalCode, total: scoreOf(u).total })));
    expect(computed.map((u) => [u.unitCode, u.rank])).toEqual(published.map((u) => [u.unitCode, u.rank]));
  });

  it("keeps the portal's own disagreement: service-results differs from the group pages for 121 units, up to 12 points", () => {
    const reconciled = units.map((u) => reconcile(u, scoreOf(u)));
    const pages = reconciled.filter((r) => r.pagesDifference !== null && Math.abs(r.pagesDifference) > 0.01);
    expect(pages).toHaveLength(121);
    expect(Math.max(...pages.map((r) => Math.abs(r.pagesDifference ?? 0)))).toBeCloseTo(12.14, 2);
    expect(reconciled.filter((r) => r.groups.length)).toEqual([]);
    expect(reconciled.filter((r) => r.differs)).toHaveLength(121);
  });

  it('lists in docs/scoring.md exactly the units whose published total parts from their groups', () => {
    const doc = readFileSync('docs/scoring.md', 'utf8');
    const listed = [
      ...doc.matchAll(/^\| (H21\.\d+) \| [^|]+ \| ([\d.]+) \| ([\d.]+) \| ([+-][\d.]+) \|$/gm),
    ].map((m) => [m[1], Number(m[2]), Number(m[3]), Number(m[4])]);
    const parting = units
      .map((u) => ({ u, r: reconcile(u, scoreOf(u)) }))
      .filter(({ r }) => r.pagesDifference !== null && Math.abs(r.pagesDifference) > 0.01)
      .map(({ u, r }) => [u.portalCode, u.total, r.publishedGroupsTotal, r.pagesDifference]);
    expect(listed).toHaveLength(121);
    expect(new Set(listed.map((l) => JSON.stringify(l)))).toEqual(
      new Set(parting.map((l) => JSON.stringify(l))),
    );
  });

  it('scores a file with every published score, ratio, total and rank nulled but CLGQ and TTTT the same', () => {
    const nulled: Observation = {
      header: observation.header,
      units: units.map((u) => ({
        ...u,
        total: null,
        ratio: null,
        rank: null,
        groupRank: null,
        scoreDelta: null,
        groups: { CKMB: null, TDGQ: null, CLGQ: u.groups.CLGQ, TTTT: u.groups.TTTT, MDSH: null, MDHL: null },
        progress: { ...u.progress, ratio: null, score: null },
        online: { ...u.online, score: null, ratio: null },
        payment: { ...u.payment, score: null, ratio: null },
        satisfaction: { ...u.satisfaction, score: null, ratio: null },
        ckmb: { ...u.ckmb, score: null, ratio: null },
        mdsh: { ...u.mdsh, score: null, ratio: null },
        metrics: u.metrics.map(([g, c, n, d, , , max, q]) => [g, c, n, d, null, null, max, q]),
      })),
    };
    const [again] = parseObservationFile(observationFileText([nulled])) as [Observation];
    const matches = new Map(
      matchUnits(registry.unitsOf('52'), 'Gia Lai', units, matchOverrides('52')).map((x) => [x.portalId, x]),
    );
    const rank = (o: Observation) =>
      rankObservation({
        registry,
        province: '52',
        methodology: m,
        header: o.header,
        units: o.units,
        matches,
      });
    expect(rank(again)).toEqual(rank(observation));
  });
});
