import { benchBackend } from './backend.bench.ts';
import { benchDashboard } from './dashboard.bench.ts';
import { benchFunctions } from './functions.bench.ts';
import { benchLoad } from './load.bench.ts';
import { benchScoring } from './scoring.bench.ts';

/**
 * npm run bench: every benchmark, each printed as a ratio against a baseline
 * measured in the same run. Exits 1 when an aim is missed, so a regression shows.
 * BENCH=scoring, backend, load, functions or dashboard runs one group.
 */
const only = process.env.BENCH;
const results: boolean[] = [];
if (!only || only === 'scoring') results.push(benchScoring());
if (!only || only === 'backend') results.push(await benchBackend());
if (!only || only === 'load') results.push(await benchLoad());
if (!only || only === 'functions') results.push(await benchFunctions());
if (!only || only === 'dashboard') results.push(await benchDashboard());
if (results.some((ok) => !ok)) {
  console.log('\nsome aims were missed');
  process.exitCode = 1;
}
