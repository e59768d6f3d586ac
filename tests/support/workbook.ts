import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';

/**
 * A workbook read back as the tests check it: each sheet's values (with
 * read-excel-file, the reader the ingestion uses) and, from the sheet's own
 * XML, what values do not show: which cells are texts, their number formats,
 * the frozen rows and the column widths.
 */
export interface SheetBack {
  name: string;
  rows: unknown[][];
  /** the rows frozen at the top */
  frozenRows: number;
  widths: number[];
  /** cell reference -> how the cell is stored: "text" or "number", and its number format code */
  cells: Map<string, { stored: 'text' | 'number'; format: string | undefined }>;
}

export async function readWorkbook(bytes: Uint8Array): Promise<SheetBack[]> {
  const sheets = await readXlsxFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const parts = unzipSync(bytes);
  const styles = strFromU8(parts['xl/styles.xml'] ?? new Uint8Array());
  const numFmts = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  const builtIn: Record<string, string> = { '0': 'General', '1': '0', '2': '0.00', '49': '@' };
  const xfs = [
    ...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g),
  ].map((m) => /numFmtId="(\d+)"/.exec(m[0])?.[1] ?? '0');
  return sheets.map((s, k) => {
    const xml = strFromU8(parts[`xl/worksheets/sheet${k + 1}.xml`] ?? new Uint8Array());
    const cells = new Map<string, { stored: 'text' | 'number'; format: string | undefined }>();
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      if (!m[3]) continue;
      const type = /\bt="(\w+)"/.exec(m[2] ?? '')?.[1];
      const style = Number(/\bs="(\d+)"/.exec(m[2] ?? '')?.[1] ?? 0);
      const id = xfs[style] ?? '0';
      cells.set(m[1] ?? '', {
        stored: type === 's' || type === 'inlineStr' || type === 'str' ? 'text' : 'number',
        format: numFmts.get(id) ?? builtIn[id],
      });
    }
    return {
      name: s.sheet,
      rows: s.data as unknown[][],
      frozenRows: Number(/<pane\b[^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml)?.[1] ?? 0),
      widths: [...xml.matchAll(/<col\b[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1])),
      cells,
    };
  });
}
