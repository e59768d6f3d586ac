import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import v2022 from '#core/methodology/versions/qd766-2022.json' with { type: 'json' };
import v2025 from '#core/methodology/versions/qd766-2025.json' with { type: 'json' };
import v2026 from '#core/methodology/versions/qd766-2026.json' with { type: 'json' };

/**
 * The methodology in force when none is named: the rules that reproduce the
 * national portal's published scores (docs/scoring.md). qd766-2025, the first
 * reading of the published texts, stays available for the scores it made.
 */
export const CURRENT_METHODOLOGY = 'qd766-2026';

/**
 * The versions shipped with the code. They are checked against the schema by
 * the tests (tests/unit/methodology.test.ts), not at every cold start: parsing
 * them here cost each Lambda function a tenth of its start-up time.
 */
export const SHIPPED_VERSIONS: readonly unknown[] = [v2026, v2025, v2022];

const versions = new Map<string, MethodologyDefinition>(
  (SHIPPED_VERSIONS as MethodologyDefinition[]).map((m) => [m.id, m]),
);

/** An unknown methodology id. */
export class UnknownMethodologyError extends Error {
  override name = 'UnknownMethodologyError';
}

/** Every known methodology version, newest first. */
export function methodologies(): MethodologyDefinition[] {
  return [...versions.values()];
}

/** A methodology version by id; throws UnknownMethodologyError listing the known ones. */
export function methodology(id: string = CURRENT_METHODOLOGY): MethodologyDefinition {
  const m = versions.get(id);
  if (!m) {
    throw new UnknownMethodologyError(
      `unknown methodology "${id}"; known: ${[...versions.keys()].join(', ')}`,
    );
  }
  return m;
}
