import { readFileSync, writeFileSync } from 'node:fs';
import { nameKey } from '#core/portal/names.ts';
import { registry } from '#core/registry/registry.ts';

/**
 * npm run data:portal-provinces: rebuilds data/portal/provinces.json, the
 * national portal's id of each of the 34 provinces, from the national list
 * the portal answered (data/portal/national-2026-09-17.json), matched to the
 * official province list by name. Fails on a province it cannot match.
 */
interface NationalAnswer {
  capturedOn: string;
  response: {
    data: { evaluation: { departmentId: string; departmentName: string; departmentCode: string }[] };
  };
}

const source = 'data/portal/national-2026-09-17.json';
const national = JSON.parse(readFileSync(source, 'utf8')) as NationalAnswer;
const byName = new Map(registry.provinces().map((p) => [nameKey(p.fullName), p]));
const provinces = national.response.data.evaluation.map((e) => {
  const official = byName.get(nameKey(e.departmentName.replace(/^UBND\s+/i, '')));
  if (!official) throw new Error(`no official province is named like "${e.departmentName}"`);
  return {
    code: official.code,
    portalCode: e.departmentCode,
    rootDepartmentId: e.departmentId,
    portalName: e.departmentName,
  };
});
if (provinces.length !== registry.provinces().length) {
  throw new Error(
    `the national list names ${provinces.length} provinces, not ${registry.provinces().length}`,
  );
}
provinces.sort((a, b) => a.code.localeCompare(b.code));
writeFileSync(
  'data/portal/provinces.json',
  `${JSON.stringify({ source: `${source} (captured ${national.capturedOn})`, provinces }, null, 1)}\n`,
);
console.log(`data/portal/provinces.json: ${provinces.length} provinces`);
