import { spawnSync } from 'node:child_process';

/**
 * npm run bench: every benchmark, each printed as a ratio against a baseline
 * measured in the same run. Exits 1 when an aim is missed, so a regression shows.
 * BENCH=scoring, exports, backend, portal, load, functions or dashboard runs one group.
 *
 * Without BENCH each group runs in a process of its own, one after another:
 * the handlers build their configuration and clients once per process (as on
 * Lambda), so a group that starts its own platform must not find the one of
 * the group before; and no group inherits another's warmed-up code or heap.
 */
const GROUPS = ['scoring', 'exports', 'backend', 'portal', 'load', 'functions', 'dashboard'] as const;
type Group = (typeof GROUPS)[number];

async function runGroup(group: Group): Promise<boolean> {
  switch (group) {
    case 'scoring':
      return (await import('./scoring.bench.ts')).benchScoring();
    case 'exports':
      return (await import('./exports.bench.ts')).benchExports();
    case 'backend':
      return (await import('./backend.bench.ts')).benchBackend();
    case 'portal':
      return (await import('./portal.bench.ts')).benchPortal();
    case 'load':
      return (await import('./load.bench.ts')).benchLoad();
    case 'functions':
      return (await import('./functions.bench.ts')).benchFunctions();
    case 'dashboard':
      return (await import('./dashboard.bench.ts')).benchDashboard();
  }
}

const only = process.env.BENCH;
if (only) {
  if (!GROUPS.includes(only as Group)) {
    console.error(`BENCH=${only} is not a group; the groups are ${GROUPS.join(', ')}`);
    process.exitCode = 2;
  } else if (!(await runGroup(only as Group))) {
    console.log('\nsome aims were missed');
    process.exitCode = 1;
  }
} else {
  const missed: string[] = [];
  for (const group of GROUPS) {
    const run = spawnSync(process.execPath, process.execArgv.concat(process.argv.slice(1)), {
      env: { ...process.env, BENCH: group },
      stdio: 'inherit',
    });
    if (run.status !== 0) missed.push(group);
  }
  if (missed.length) {
    console.log(`\naims were missed in: ${missed.join(', ')}`);
    process.exitCode = 1;
  }
}
