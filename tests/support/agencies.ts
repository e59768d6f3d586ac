import { readFileSync } from 'node:fs';

/**
 * The real observation of Gia Lai (its 135 communes on 2026-10-01) with three
 * departments of the province added as the portal lists them (childGroup
 * AGENCY): the real file holds communes only, and the platform's handling of
 * departments needs some to show. Each department is a copy of a commune's
 * figures under a department's name and code, its total moved so that the
 * three rank in a known order: Sở Tư pháp, Sở Nội vụ, Sở Y tế.
 */
export const DEPARTMENTS = [
  { code: 'H21.9001', name: 'Sở Tư pháp tỉnh Gia Lai', total: 81.5 },
  { code: 'H21.9002', name: 'Sở Nội vụ tỉnh Gia Lai', total: 77.25 },
  { code: 'H21.9003', name: 'Sở Y tế tỉnh Gia Lai', total: 64.1 },
] as const;

export function observationWithAgencies(file = 'data/portal/gia-lai-2026-10-01.jsonl'): string {
  const [header = '', ...units] = readFileSync(file, 'utf8').trim().split('\n');
  const head = JSON.parse(header) as Record<string, unknown>;
  const added = DEPARTMENTS.map((d, k) => {
    const unit = JSON.parse(units[k] ?? '{}') as Record<string, unknown>;
    return JSON.stringify({
      ...unit,
      portalId: `agency-${d.code}`,
      portalCode: d.code,
      name: d.name,
      childGroup: 'AGENCY',
      total: d.total,
      ratio: d.total,
    });
  });
  return (
    [JSON.stringify({ ...head, count: units.length + added.length }), ...units, ...added].join('\n') + '\n'
  );
}
