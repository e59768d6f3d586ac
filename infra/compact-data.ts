import { readFile, writeFile } from 'node:fs/promises';
import { compactUnits } from '#core/registry/compact.ts';
import { registrySchema } from '#core/registry/schema.ts';

/**
 * npm run data:compact: writes data/vietnam-units.compact.json, the form the
 * code loads, from data/vietnam-units.json, the list as published.
 */
const national = registrySchema.parse(JSON.parse(await readFile('data/vietnam-units.json', 'utf8')));
await writeFile('data/vietnam-units.compact.json', `${JSON.stringify(compactUnits(national))}\n`);
console.log(`data/vietnam-units.compact.json: ${national.units.length} units`);
