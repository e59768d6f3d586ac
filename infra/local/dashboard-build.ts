import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

/**
 * Builds the dashboard with Vite when its files are missing or were built from
 * other sources, so `npm ci && npm start` serves it without another step, and
 * neither a second start nor `cdk synth` runs a build it does not need. What
 * the files were built from is a digest of the sources' contents, kept beside
 * them: a checkout that only touches the files' times builds nothing.
 */
const root = resolve('dashboard');
const dist = join(root, 'dist');
/** beside the built files, not among them: they are deployed as they are */
const STAMP = join(root, 'dist.sources');

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)])),
  );
  return nested.flat();
}

/** What the built dashboard is made from: its sources, page, build settings and the data it reads. */
const SOURCES = [join(root, 'src'), join(root, 'index.html'), join(root, 'vite.config.ts'), resolve('data')];

/** A digest of the contents (and names) of every file under `paths`. */
export async function dashboardSources(paths: readonly string[] = SOURCES): Promise<string> {
  const files = (
    await Promise.all(paths.map(async (p) => ((await filesUnder(p)).length ? filesUnder(p) : [p])))
  )
    .flat()
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(resolve('.'), file)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

/** Builds the dashboard with Vite, and notes what it was built from. */
export async function buildDashboard(): Promise<string> {
  const sources = await dashboardSources();
  const { build } = await import('vite');
  // always the production build: Vite picks packages' "development" exports (Lit's dev mode, larger
  // and slower) whenever NODE_ENV is not production, as it is inside the test runner
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  await writeFile(STAMP, sources);
  return dist;
}

/** The built dashboard's folder, built first when it is missing or stale. */
export async function ensureDashboardBuilt(): Promise<string> {
  const builtFrom = await readFile(STAMP, 'utf8').catch(() => '');
  const index = await readFile(join(dist, 'index.html')).catch(() => undefined);
  if (index && builtFrom === (await dashboardSources())) return dist;
  process.stderr.write('building the dashboard ...\n');
  return buildDashboard();
}

// npm run build:dashboard
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await buildDashboard();
