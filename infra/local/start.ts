import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_PROVINCE } from '#core/registry/registry.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { ensureDashboardBuilt } from '#infra/local/dashboard-build.ts';
import { startDynalite } from '#infra/local/dynalite.ts';
import {
  briefingsOf,
  dataDir,
  removePlatformFile,
  runningPlatform,
  setHandlerEnvironment,
  TABLE_NAME,
  writePlatformFile,
} from '#infra/local/environment.ts';
import { createLocalServer } from '#infra/local/http-adapter.ts';

/**
 * npm start: the whole platform on one machine. The embedded database under
 * DATA_DIR, the same Lambda handlers behind a local API Gateway stand-in, the
 * dashboard's files; seeded on first start unless SEED=none.
 */

const dir = dataDir();
const port = Number(process.env.PORT ?? 8080);
const province = process.env.PROVINCE ?? DEFAULT_PROVINCE;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`npm start: PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(2);
}
await mkdir(dir, { recursive: true });
if (await runningPlatform(dir)) {
  console.error(`npm start: a platform already runs on ${dir}; stop it first or set DATA_DIR`);
  process.exit(2);
}

const dynamo = await startDynalite({ path: join(dir, 'db') });
// the dashboard opens on the province this platform was started for
process.env.DEFAULT_PROVINCE ??= province;
setHandlerEnvironment(dynamo.endpoint, dir);
process.env.LOG_LEVEL ??= 'warn';
// the morning briefing after each day's ingest: on the terminal, in DATA_DIR/briefings/, to DATA_DIR/subscriptions.json
process.env.BRIEFING_DIR ??= briefingsOf(dir).dir;
process.env.SUBSCRIPTIONS_FILE ??= briefingsOf(dir).subscriptionsFile;
const client = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
await ensureTable(client, TABLE_NAME);

// the handlers read their settings at load, so they come in after the environment is set
const { ingestPlatform } = await import('#functions/handlers/ingest-platform.ts');
const { handler: api } = await import('#functions/handlers/api.ts');
const { handler: ingest } = await import('#functions/handlers/ingest.ts');
const { createToken } = await import('#functions/services/tokens.ts');
const { seed, seedNational, seedObservation, unfinishedSeed, REAL_OBSERVATION } = await import(
  '#infra/local/seed.ts'
);
const { store, archive } = ingestPlatform();
// this process owns the data folder (dynalite opens it once): a lease in it was left by a
// process of this folder that stopped without giving it back (kill -9, a crash), so it is free
const { registry } = await import('#core/registry/registry.ts');
for (const p of registry.provinces()) {
  const left = await store.breakLease(p.code);
  if (left)
    process.stderr.write(`freed the writing lease of province ${p.code}, left by a process that stopped\n`);
}

const seedSetting = process.env.SEED ?? '1';
// a seed stopped part-way (Ctrl-C, a crash) resumes, whatever SEED says now
const seedProgress = join(dir, 'seeding.json');
const unfinished = await unfinishedSeed(seedProgress);
if (unfinished) {
  await seed({ store, archive }, unfinished.province, unfinished.seed, unfinished.from, seedProgress);
} else if (seedSetting !== 'none' && !(await store.meta(province)).latestDay) {
  const seedNumber = Number(seedSetting);
  await seed(
    { store, archive },
    province,
    Number.isInteger(seedNumber) ? seedNumber : 1,
    undefined,
    seedProgress,
  );
}
// data made before the methodology in force was: its rankings under that methodology, once
const { methodology } = await import('#core/methodology/catalog.ts');
const { FIRST_DAY } = await import('#core/records/fields.ts');
const { recomputeProvince } = await import('#functions/services/recompute.ts');
if ((await store.meta(province)).latestDay && !(await store.snapshot(province, methodology().id, 'all'))) {
  process.stderr.write(`computing the rankings of province ${province} under ${methodology().id} ...\n`);
  const result = await recomputeProvince(store, province, [FIRST_DAY]);
  process.stderr.write(`${result.snapshots.toLocaleString('en')} ranking snapshots\n`);
}
// beside the synthetic history, real published figures: a second province as the portal shows it
if (seedSetting !== 'none' && !(await store.portalMeta(REAL_OBSERVATION.province)).periods.length) {
  await seedObservation({ store, archive });
}
// and the portal's national list: the 34 provinces at a glance
if (seedSetting !== 'none' && !(await store.nationalPeriods()).length) await seedNational({ store, archive });

const staticDir = await ensureDashboardBuilt();
const server = createLocalServer({ handlers: { api, ingest }, staticDir });
await new Promise<void>((done) => server.listen(port, '127.0.0.1', () => done()));
const actual = (server.address() as AddressInfo).port;
const url = `http://127.0.0.1:${actual}/`;
await writePlatformFile(dir, { pid: process.pid, endpoint: dynamo.endpoint, url });
const token = await createToken(store, province, undefined, 'npm start');

console.log(`The platform runs at ${url}`);
console.log(`  API:          ${url}api/openapi.json`);
console.log(`  data folder:  ${dir}`);
console.log(`  ingest token for province ${province}: ${token}`);
console.log(
  `  try: curl -H "Authorization: Bearer ${token}" -H "content-type: text/csv" --data-binary @records.csv ${url}api/ingest`,
);
console.log('Ctrl-C stops it.');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping ...`);
  server.close();
  server.closeAllConnections();
  // a submission cut short gives its province back at once; its pending days wait for the next writer
  await store.releaseLeases().catch(() => {});
  client.destroy();
  await dynamo.close();
  await removePlatformFile(dir);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
