import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Builds the dashboard with Vite when its files are missing or older than its
 * sources, so `npm ci && npm start` serves it without another step, and a
 * second start is not slowed by a build it does not need.
 */
const root = resolve('dashboard');

async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newest(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

export async function ensureDashboardBuilt(): Promise<string> {
  const dist = join(root, 'dist');
  const built = await newest(join(dist, 'index.html'));
  const sources = Math.max(
    await newest(join(root, 'src')),
    await newest(join(root, 'index.html')),
    await newest(resolve('data')),
  );
  if (built && built >= sources) return dist;
  process.stderr.write('building the dashboard ...\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  return dist;
}
