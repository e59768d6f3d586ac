import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSubmission } from '#core/records/parse.ts';
import { validateRows } from '#core/records/validate.ts';
import { registry } from '#core/registry/registry.ts';
import { recordsArb } from '../support/arbitraries.ts';
import { csvOf } from '../support/csv.ts';

const ctx = { registry, province: '82', today: '2025-12-31' };

describe('submissions, for any valid records', () => {
  it('read back the same records from CSV (LF or CRLF, with or without BOM) and from JSON', () => {
    fc.assert(
      fc.property(
        recordsArb('2025-10-01', 30),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (records, eol, bom) => {
          const csv = (bom ? '\uFEFF' : '') + csvOf(records, eol);
          const fromCsv = validateRows(parseSubmission(csv).rows, ctx);
          const fromJson = validateRows(parseSubmission(JSON.stringify(records)).rows, ctx);
          expect(fromCsv.rejected).toEqual([]);
          expect(fromCsv.accepted.map((a) => a.record)).toEqual(records);
          expect(fromJson.accepted.map((a) => a.record)).toEqual(records);
          expect(fromCsv.accepted.map((a) => a.row)).toEqual(records.map((_, k) => k + 2));
        },
      ),
      { numRuns: 300 },
    );
  });
});
