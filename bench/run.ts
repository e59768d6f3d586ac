import { benchScoring } from './scoring.bench.ts';

/**
 * npm run bench: every benchmark, each printed as a ratio against a baseline
 * measured in the same run. Exits 1 when an aim is missed, so a regression shows.
 */
const results = [benchScoring()];
if (results.some((ok) => !ok)) {
  console.log('\nsome aims were missed');
  process.exitCode = 1;
}
