import { lang } from './i18n.ts';

/**
 * Downloads a table as CSV, exactly the rows on screen, with the column names
 * the caller gives (in the page's language): UTF-8 with BOM so Excel reads
 * Vietnamese, cells that look like formulas neutralised, and in Vietnamese a
 * decimal comma with semicolons between cells, as Excel reads it there. The
 * CSV writer is loaded on the first export only.
 */
export async function downloadCsv(fileName: string, columns: string[], rows: unknown[][]): Promise<string> {
  const { toCsv } = await import('#core/export/csv.ts');
  const text = toCsv(columns, rows, { bom: true, decimalComma: lang() === 'vi' });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return text;
}
