import { describe, expect, it } from 'vitest';
import {
  methodologies,
  methodology,
  SHIPPED_VERSIONS,
  UnknownMethodologyError,
} from '#core/methodology/catalog.ts';
import { MethodologyError, parseMethodology } from '#core/methodology/definition.ts';
import { bandOf, scoreUnit } from '#core/scoring/score.ts';
import { aggregateOf } from '../support/records.ts';

const m2025 = methodology('qd766-2025');
const clone = () => structuredClone(m2025) as Record<string, unknown> & typeof m2025;

describe('methodology versions', () => {
  it('ships only versions that pass the schema unchanged (the catalog loads them without parsing)', () => {
    expect(SHIPPED_VERSIONS).toHaveLength(methodologies().length);
    for (const data of SHIPPED_VERSIONS) expect(parseMethodology(data)).toEqual(data);
  });

  it('has qd766-2026 in force: six groups worth 18, 20, 12, 10, 22 and 18 points, indicators named by the portal', () => {
    const m2026 = methodology();
    expect(m2026.id).toBe('qd766-2026');
    expect(m2026.groups.map((g) => [g.code, g.max])).toEqual([
      ['CKMB', 18],
      ['TDGQ', 20],
      ['CLGQ', 12],
      ['TTTT', 10],
      ['MDSH', 22],
      ['MDHL', 18],
    ]);
    // every metric the portal publishes with a score is an indicator under its own code
    expect(m2026.groups.flatMap((g) => g.indicators.map((i) => i.code))).toEqual(
      expect.arrayContaining([
        'PUBLISH_ON_TIME',
        'PUBLIC_UPDATE_ON_TIME',
        'PUBLIC_CONTENT_FULL',
        'DOSSIER_SYNC',
        'ORIGINAL_RESULT_AVAILABLE',
        'SO_HOA_GIAY_TO_GIAI_QUYET',
        'REUSED_DIGITIZED_DATA',
        'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
        'CITIZEN_DATA_CONNECTED_DOSSIER',
        'CITIZEN_DATA_CONNECTED_FORMALITY',
        'ELECTRONIC_CERTIFIED_COPY',
        'DOSSIER_RECEIVING_SATISFACTION',
        'PETITION_PROCESSING_ON_TIME',
        'PETITION_HANDLING_SATISFACTION',
      ]),
    );
    expect(m2026.rounding).toBe('indicator');
    expect(m2026.groups.flatMap((g) => g.indicators).every((i) => i.measure.kind !== 'provinceLevel')).toBe(
      true,
    );
  });

  it('keeps qd766-2025, the first reading, with six groups and communes given the province-level points', () => {
    expect(m2025.groups.map((g) => [g.code, g.max])).toEqual([
      ['CKMB', 18],
      ['TDGQ', 20],
      ['CLGQ', 12],
      ['TTTT', 10],
      ['MDSH', 22],
      ['MDHL', 18],
    ]);
    expect(m2025.groups.flatMap((g) => g.indicators)).toHaveLength(19);
  });

  it('keeps the 2022 text as five groups, online services and payment as one of 22 points', () => {
    const m2022 = methodology('qd766-2022');
    expect(m2022.groups.map((g) => [g.code, g.max])).toEqual([
      ['CKMB', 18],
      ['TDGQ', 20],
      ['CCDV', 22],
      ['MDSH', 22],
      ['MDHL', 18],
    ]);
    const s = scoreUnit(m2022, aggregateOf({ dossiersPaidOnline: 5, dossiersWithFee: 10 }));
    expect(Object.keys(s.groups)).toEqual(['CKMB', 'TDGQ', 'CCDV', 'MDSH', 'MDHL']);
    expect(s.groups.CCDV).toBe(19);
    expect(s.total).toBe(97);
  });

  it('lists every version', () => {
    expect(methodologies().map((m) => m.id)).toEqual(['qd766-2026', 'qd766-2025', 'qd766-2022']);
  });

  it('names the known versions when asked for an unknown one', () => {
    expect(() => methodology('qd766-2099')).toThrow(UnknownMethodologyError);
    expect(() => methodology('qd766-2099')).toThrow(/known: qd766-2026, qd766-2025, qd766-2022/);
  });

  it('takes a new version as data alone: moved points and bands change the scores', () => {
    const data = clone();
    data.id = 'test-2027';
    const ckmb = data.groups[0];
    const tdgq = data.groups[1];
    if (!ckmb || !tdgq || !ckmb.indicators[3] || !tdgq.indicators[0]) throw new Error('fixture');
    ckmb.max = 16;
    ckmb.indicators[3].points = 4; // DOSSIER_SYNC 6 -> 4
    tdgq.max = 22;
    tdgq.indicators[0].points = 22; // ON_TIME 20 -> 22
    data.bands = [
      { id: 'excellent', min: 95, label: { vi: 'Tốt', en: 'Excellent' } },
      { id: 'weak', min: 0, label: { vi: 'Yếu', en: 'Weak' } },
    ];
    const v = parseMethodology(data);
    const s = scoreUnit(
      v,
      aggregateOf({ syncedToPortal: 5, received: 10, resolvedEarly: 5, resolvedLate: 5 }),
    );
    expect(s.indicators.DOSSIER_SYNC?.points).toBe(2);
    // handled 30 (early 5 + on time 10 + late 5 + within deadline 10), on time 25: 22 x 25 / 30
    expect(s.groups.TDGQ).toBe(18.33);
    expect(s.band).toBe('weak');
  });

  it.each([
    [
      'a group whose indicators do not add up to its maximum',
      (d: ReturnType<typeof clone>) => {
        if (d.groups[0]) d.groups[0].max = 19;
      },
      /group CKMB: indicators add up to 18, not its max 19/,
    ],
    [
      'an indicator reading a quantity that does not exist',
      (d: ReturnType<typeof clone>) => {
        const i = d.groups[0]?.indicators[0];
        if (i)
          i.measure = {
            kind: 'share',
            numerator: 'proceduresPublished',
            denominator: 'proceduresDuePublication',
          };
      },
      /PUBLISH_ON_TIME reads unknown quantity "proceduresPublished"/,
    ],
    [
      'bands out of order',
      (d: ReturnType<typeof clone>) => {
        d.bands = [...d.bands].reverse();
      },
      /bands must run from the highest minimum down/,
    ],
    [
      'an unknown formula kind',
      (d: ReturnType<typeof clone>) => {
        const i = d.groups[0]?.indicators[0] as unknown as { formula: unknown };
        i.formula = { kind: 'quadratic' };
      },
      /formula/,
    ],
  ])('refuses a version with %s', (_what, mutate, message) => {
    const d = clone();
    mutate(d);
    expect(() => parseMethodology(d)).toThrow(MethodologyError);
    expect(() => parseMethodology(d)).toThrow(message);
  });
});

describe('bandOf', () => {
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [70, 'good'],
    [69.99, 'average'],
    [50, 'average'],
    [49.99, 'weak'],
    [0, 'weak'],
  ])('puts %d in the band %s', (total, band) => {
    expect(bandOf(m2025, total).id).toBe(band);
  });
});
