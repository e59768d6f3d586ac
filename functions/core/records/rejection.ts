/**
 * Why a row was not taken, in words a clerk understands. Every rejection names
 * the row, the field and the rule.
 */

export type RejectionRule =
  | 'not-an-object'
  | 'columns'
  | 'required'
  | 'type'
  | 'whole-number'
  | 'non-negative'
  | 'too-large'
  | 'flag'
  | 'part-exceeds-whole'
  | 'unit-code-format'
  | 'unknown-unit'
  | 'other-province'
  | 'date-format'
  | 'not-a-day'
  | 'before-first-day'
  | 'in-future'
  | 'duplicate'
  | 'forbidden'
  /** a workbook's cell computed by a formula, not typed */
  | 'formula'
  /** a workbook's row with merged cells */
  | 'merged';

export interface RowReason {
  /** the field at fault, or "(row)" for the row as a whole */
  field: string;
  rule: RejectionRule;
  message: string;
}

export interface Rejection {
  /** CSV line (the header is line 1), a workbook's row as the sheet numbers it, or JSON position (from 1) */
  row: number;
  unitCode: string | null;
  date: string | null;
  reasons: RowReason[];
}
