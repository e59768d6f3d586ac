import { type NationalObservation, readNationalFile } from '#core/portal/national.ts';
import type { Archive } from '#functions/archive/archive.ts';
import { InvalidInputError } from '#functions/services/errors.ts';
import { newSubmissionId } from '#functions/services/ingest.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * The portal's national list into the store: from a captured file (the seed,
 * npm run ingest) or from the daily pull. Kept per period and day; the same
 * day again replaces it.
 */
/** Archives a captured national list, then keeps it; a file that is not one is refused whole. */
export async function ingestNationalFile(
  deps: { store: Store; archive: Archive },
  body: Buffer,
  now = new Date(),
): Promise<{ observation: NationalObservation; archive: string }> {
  let observation: NationalObservation;
  try {
    observation = readNationalFile(body.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError(error instanceof Error ? error.message : String(error), {}, { cause: error });
  }
  const archive = await deps.archive.put(newSubmissionId(now), 'national', body, 'json');
  await deps.store.putNational(observation);
  return { observation, archive };
}
