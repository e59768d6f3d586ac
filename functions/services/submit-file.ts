import type { Archive } from '#functions/archive/archive.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { inlineRecompute, type RecomputeRequester } from '#functions/services/recompute-requests.ts';
import type { Receipt, Store } from '#functions/store/store.ts';

/**
 * The other ways in: a file dropped (an S3 object in AWS, `npm run ingest`
 * locally) and the daily pull from a source. Both go through the same
 * ingestion and get the same receipts as the HTTP API. The operator's
 * command is trusted with the whole province.
 */
export interface SubmitDeps {
  store: Store;
  archive: Archive;
  /** at once in this process unless given */
  recompute?: RecomputeRequester;
  published?: ((province: string) => void | Promise<void>) | undefined;
}

export async function submitBody(
  deps: SubmitDeps,
  province: string,
  body: Buffer,
  formatHint: string | undefined,
  label: string,
): Promise<Receipt> {
  return ingestSubmission(
    { ...deps, recompute: deps.recompute ?? inlineRecompute(deps.store) },
    { body, formatHint, scope: { province, label, createdAt: new Date().toISOString() } },
  );
}

/** Yesterday's records from a source: SOURCE_URL with {date} replaced, or ?date= added. */
export function sourceUrlFor(source: string, date: string, province: string): string {
  if (source.includes('{date}')) return source.replaceAll('{date}', date).replaceAll('{province}', province);
  const url = new URL(source);
  url.searchParams.set('date', date);
  url.searchParams.set('province', province);
  return url.toString();
}

export class SourceError extends Error {
  override name = 'SourceError';
}

/** Pulls one day from the source and ingests it. */
export async function pullDay(
  deps: SubmitDeps,
  province: string,
  source: string,
  date: string,
): Promise<Receipt> {
  const url = sourceUrlFor(source, date, province);
  const answer = await fetch(url, { signal: AbortSignal.timeout(60_000) }).catch((error: unknown) => {
    throw new SourceError(
      `the source ${url} cannot be reached: ${error instanceof Error ? error.message : error}`,
      {
        cause: error,
      },
    );
  });
  if (!answer.ok) throw new SourceError(`the source ${url} answered ${answer.status}`);
  const body = Buffer.from(await answer.arrayBuffer());
  return submitBody(deps, province, body, answer.headers.get('content-type') ?? url, `pull ${date}`);
}
