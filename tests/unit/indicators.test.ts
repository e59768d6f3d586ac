import { describe, expect, it } from 'vitest';
import { methodology } from '#core/methodology/catalog.ts';
import { parseMethodology } from '#core/methodology/definition.ts';
import type { CountField } from '#core/records/fields.ts';
import { scoreUnit } from '#core/scoring/score.ts';
import { aggregateOf } from '../support/records.ts';

const m2025 = methodology('qd766-2025');
const score = (counts: Partial<Record<CountField, number>>) => scoreUnit(m2025, aggregateOf(counts));
const indicator = (code: string, counts: Partial<Record<CountField, number>>) => {
  const result = score(counts).indicators[code];
  if (!result) throw new Error(`no indicator ${code}`);
  return result;
};

describe('scoreUnit under qd766-2025', () => {
  it('gives a center whose every ratio is 1 the full 100 points, and each group its maximum', () => {
    const s = score({});
    expect(s.total).toBe(100);
    expect(s.groups).toEqual({ CKMB: 18, TDGQ: 20, CLGQ: 12, TTTT: 10, MDSH: 22, MDHL: 18 });
    expect(s.band).toBe('excellent');
  });

  it.each([
    ['PUBLISH_ON_TIME', { proceduresPublishedOnTime: 3, proceduresDuePublication: 4 }, 4.5, 0.75],
    ['PUBLIC_UPDATE_ON_TIME', { proceduresUpdatedOnTime: 1, proceduresDueUpdate: 4 }, 1, 0.25],
    ['PUBLIC_CONTENT_FULL', { proceduresPublicFullContent: 1, proceduresPublic: 2 }, 1, 0.5],
    ['DOSSIER_SYNC', { syncedToPortal: 9, received: 10 }, 5.4, 0.9],
    ['ONLINE_PAYMENT_DOSSIERS', { dossiersPaidOnline: 1, dossiersWithFee: 4 }, 1.5, 0.25],
    [
      'ORIGINAL_RESULT_AVAILABLE',
      { resultsElectronic: 3, resultsIssued: 4, resultsSyncedPersonalStore: 4 },
      4.5,
      0.75,
    ],
    ['DOCUMENTS_DIGITIZED', { dossiersDigitized: 5, received: 10 }, 2, 0.5],
    [
      'SYNCED_PERSONAL_STORE',
      { resultsSyncedPersonalStore: 1, resultsIssued: 4, resultsElectronic: 4 },
      1,
      0.25,
    ],
    ['PETITION_PROCESSING_ON_TIME', { petitionsOnTime: 1, petitionsDue: 3 }, 2, 0.333333],
    ['PETITION_HANDLING_SATISFACTION', { petitionsSatisfied: 2, petitionsRated: 3 }, 4, 0.666667],
  ])('scores %s linearly: points x ratio', (code, counts, points, ratio) => {
    const r = indicator(code, counts);
    expect(r.points).toBe(points);
    expect(r.ratio).toBe(ratio);
    expect(r.lost).toBe(Math.round((r.max - points) * 100) / 100);
    expect(r.noCases).toBe(false);
  });

  it('scores on time as early + on time + pending within deadline over everything handled', () => {
    const r = indicator('ON_TIME', {
      resolvedEarly: 5,
      resolvedOnTime: 2,
      resolvedLate: 2,
      pendingWithinDeadline: 1,
      pendingOverdue: 0,
    });
    expect(r.inputs).toEqual({ onTime: 8, handled: 10 });
    expect(r.points).toBe(16);
  });

  it.each(['FEE_PROCEDURES_ONLINE', 'FEE_PROCEDURES_TRANSACTED'])(
    'caps %s at full points from 80%%: min(2, 2.5 x ratio)',
    (code) => {
      const field =
        code === 'FEE_PROCEDURES_ONLINE'
          ? 'feeProceduresOnlinePayment'
          : 'feeProceduresWithOnlineTransaction';
      expect(indicator(code, { [field]: 4, feeProcedures: 10 }).points).toBe(1);
      expect(indicator(code, { [field]: 7, feeProcedures: 10 }).points).toBe(1.75);
      expect(indicator(code, { [field]: 8, feeProcedures: 10 }).points).toBe(2);
      expect(indicator(code, { [field]: 9, feeProcedures: 10 }).points).toBe(2);
    },
  );

  it('caps reused digitized data at full points from 80%: min(2, 2 x ratio / 0.8)', () => {
    expect(indicator('REUSED_DIGITIZED_DATA', { dossiersReusingData: 4, received: 10 }).points).toBe(1);
    expect(indicator('REUSED_DIGITIZED_DATA', { dossiersReusingData: 6, received: 10 }).points).toBe(1.5);
    expect(indicator('REUSED_DIGITIZED_DATA', { dossiersReusingData: 8, received: 10 }).points).toBe(2);
    expect(indicator('REUSED_DIGITIZED_DATA', { dossiersReusingData: 10, received: 10 }).points).toBe(2);
  });

  it('reads the certified-copy flag as a ratio of 0 or 1', () => {
    expect(indicator('ELECTRONIC_CERTIFIED_COPY', { certifiedCopyOffered: 0 }).points).toBe(0);
    expect(indicator('ELECTRONIC_CERTIFIED_COPY', { certifiedCopyOffered: 1 }).points).toBe(2);
  });

  describe('dossier-handling satisfaction, the inverted share', () => {
    const handled = { resolvedEarly: 80, resolvedOnTime: 5, pendingWithinDeadline: 5 };
    it('is 1 - overdue share - complaint share, full points from 0.9', () => {
      // handled 100: 5 late + 5 overdue + 5 complained -> ratio 0.85 -> 6 x 0.85 / 0.9
      const r = indicator('DOSSIER_RECEIVING_SATISFACTION', {
        ...handled,
        resolvedLate: 5,
        pendingOverdue: 5,
        dossiersComplainedOrDisliked: 5,
      });
      expect(r.ratio).toBe(0.85);
      expect(r.points).toBe(5.67);
      expect(r.inputs).toEqual({ overdue: 10, dossiersComplainedOrDisliked: 5, handled: 100 });
    });
    it('gives full points at a ratio of 0.9 and above', () => {
      const r = indicator('DOSSIER_RECEIVING_SATISFACTION', {
        ...handled,
        resolvedLate: 5,
        pendingOverdue: 5,
      });
      expect(r.ratio).toBe(0.9);
      expect(r.points).toBe(6);
    });
    it('never goes below zero when overdue and complaints outnumber the dossiers', () => {
      const r = indicator('DOSSIER_RECEIVING_SATISFACTION', {
        resolvedEarly: 1,
        resolvedOnTime: 0,
        pendingWithinDeadline: 0,
        resolvedLate: 3,
        pendingOverdue: 0,
        dossiersComplainedOrDisliked: 9,
      });
      expect(r.ratio).toBe(0);
      expect(r.points).toBe(0);
    });
  });

  describe('no cases: a zero denominator scores by the indicator rule', () => {
    it.each([
      ['PUBLISH_ON_TIME', 6, { proceduresPublishedOnTime: 0, proceduresDuePublication: 0 }],
      ['PUBLIC_UPDATE_ON_TIME', 4, { proceduresUpdatedOnTime: 0, proceduresDueUpdate: 0 }],
      ['PUBLIC_CONTENT_FULL', 2, { proceduresPublicFullContent: 0, proceduresPublic: 0 }],
      [
        'DOSSIER_SYNC',
        6,
        { syncedToPortal: 0, received: 0, receivedOnline: 0, dossiersDigitized: 0, dossiersReusingData: 0 },
      ],
      [
        'ORIGINAL_RESULT_AVAILABLE',
        6,
        { resultsElectronic: 0, resultsIssued: 0, resultsSyncedPersonalStore: 0 },
      ],
      ['PETITION_PROCESSING_ON_TIME', 6, { petitionsOnTime: 0, petitionsDue: 0 }],
      ['PETITION_HANDLING_SATISFACTION', 6, { petitionsSatisfied: 0, petitionsRated: 0 }],
      ['ONLINE_PAYMENT_DOSSIERS', 0, { dossiersPaidOnline: 0, dossiersWithFee: 0 }],
      [
        'FEE_PROCEDURES_ONLINE',
        0,
        { feeProceduresOnlinePayment: 0, feeProceduresWithOnlineTransaction: 0, feeProcedures: 0 },
      ],
      [
        'FEE_PROCEDURES_TRANSACTED',
        0,
        { feeProceduresOnlinePayment: 0, feeProceduresWithOnlineTransaction: 0, feeProcedures: 0 },
      ],
      [
        'DOSSIER_RECEIVING_SATISFACTION',
        0,
        { resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, pendingWithinDeadline: 0, pendingOverdue: 0 },
      ],
    ])('%s with no cases scores %d and is marked "no cases"', (code, points, counts) => {
      const r = indicator(code, counts);
      expect(r.points).toBe(points);
      expect(r.noCases).toBe(true);
      expect(r.ratio).toBeNull();
    });
  });

  it('gives communes full points for province-level indicators, marked not applicable', () => {
    const s = score({});
    for (const code of [
      'ONLINE_SERVICE',
      'CITIZEN_DATA_CONNECTED_DOSSIER',
      'CITIZEN_DATA_CONNECTED_FORMALITY',
    ]) {
      expect(s.indicators[code]).toMatchObject({
        points: s.indicators[code]?.max,
        notApplicable: true,
        noCases: false,
      });
    }
  });

  it('follows the version setting when the not-applicable policy is zero points', () => {
    const zero = parseMethodology({
      ...m2025,
      id: 'test-zero',
      notApplicable: { policy: 'zeroPoints', note: { vi: 'thử', en: 'test' } },
    });
    const s = scoreUnit(zero, aggregateOf({}));
    expect(s.groups.CLGQ).toBe(0);
    expect(s.total).toBe(84);
  });

  it('sums groups from their indicators and the total from the groups in full precision', () => {
    // three indicators at x.xx5 after rounding each would drift; the total rounds the exact sum once
    const s = score({
      proceduresPublishedOnTime: 1,
      proceduresDuePublication: 3, // 2
      syncedToPortal: 2,
      received: 3, // 4
      receivedOnline: 3,
      dossiersDigitized: 3,
      dossiersReusingData: 3,
      petitionsOnTime: 2,
      petitionsDue: 3, // 4
    });
    expect(s.indicators.PUBLISH_ON_TIME?.points).toBe(2);
    expect(s.groups.CKMB).toBe(12);
    expect(s.total).toBe(100 - 4 - 2 - 2);
    const third = score({ proceduresPublishedOnTime: 1, proceduresDuePublication: 7 });
    // 6/7 = 0.857142..., lost 5.142857...: total 94.857142... -> 94.86
    expect(third.total).toBe(94.86);
    expect(third.groups.CKMB).toBe(12.86);
  });

  it('bands the rounded total: >= 90 excellent, >= 70 good, >= 50 average, else weak', () => {
    const withTotal = (target: number) => {
      // take the lost points from the three linear publicity indicators (6, 4 and 2 points)
      const n = 100_000;
      const lost = Math.round((100 - target) * 100) / 100;
      const a = Math.min(lost, 6);
      const b = Math.min(lost - a, 4);
      const c = lost - a - b;
      return score({
        proceduresDuePublication: n,
        proceduresPublishedOnTime: Math.round(n * (1 - a / 6)),
        proceduresDueUpdate: n,
        proceduresUpdatedOnTime: Math.round(n * (1 - b / 4)),
        proceduresPublic: n,
        proceduresPublicFullContent: Math.round(n * (1 - c / 2)),
      });
    };
    expect(withTotal(90)).toMatchObject({ total: 90, band: 'excellent' });
    expect(withTotal(89.99)).toMatchObject({ total: 89.99, band: 'good' });
    expect(withTotal(88.5)).toMatchObject({ total: 88.5, band: 'good' });
    const low = score({
      resolvedEarly: 0,
      resolvedOnTime: 0,
      pendingWithinDeadline: 0,
      resolvedLate: 10,
      proceduresPublishedOnTime: 0,
      proceduresUpdatedOnTime: 0,
      syncedToPortal: 0,
      dossiersPaidOnline: 0,
    });
    // 100 - 20 (on time) - 6 - 4 - 6 - 6 (paid online) - 6 (dossier satisfaction: all late) = 52
    expect(low).toMatchObject({ total: 52, band: 'average' });
    const weak = score({
      resolvedEarly: 0,
      resolvedOnTime: 0,
      pendingWithinDeadline: 0,
      resolvedLate: 10,
      proceduresPublishedOnTime: 0,
      proceduresUpdatedOnTime: 0,
      syncedToPortal: 0,
      dossiersPaidOnline: 0,
      resultsElectronic: 0,
    });
    expect(weak).toMatchObject({ total: 46, band: 'weak' });
  });

  it('lists indicators by the points that could still be gained, most first', () => {
    const s = score({ dossiersPaidOnline: 0, syncedToPortal: 9, proceduresPublishedOnTime: 5 });
    const order = Object.keys(s.indicators);
    expect(order.slice(0, 3)).toEqual(['ONLINE_PAYMENT_DOSSIERS', 'PUBLISH_ON_TIME', 'DOSSIER_SYNC']);
    const losses = Object.values(s.indicators).map((i) => i.lost);
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
  });
});
