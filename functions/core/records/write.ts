import { stringify } from 'csv-stringify/sync';
import { type DailyRecord, RECORD_FIELD_NAMES } from '#core/records/fields.ts';

/** Daily records as the CSV the contract describes: a header row, then one record a line. */
export function recordsCsv(records: readonly DailyRecord[]): string {
  return stringify(records as DailyRecord[], { header: true, columns: [...RECORD_FIELD_NAMES] });
}
