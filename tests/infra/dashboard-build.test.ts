import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardSources } from '#infra/local/dashboard-build.ts';

/**
 * npm start and cdk synth build the dashboard only when what it is made from
 * changed: by content, not by the files' times, which a checkout moves.
 */
const dir = mkdtempSync(join(tmpdir(), 'si-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('what the built dashboard is made from', () => {
  it('is the same after a file is touched, and another once a file changes or comes', async () => {
    const page = join(dir, 'index.html');
    writeFileSync(page, '<!doctype html>');
    writeFileSync(join(dir, 'app.ts'), 'export {}');
    const before = await dashboardSources([dir]);
    utimesSync(page, new Date(), new Date(Date.now() + 60_000));
    expect(await dashboardSources([dir])).toBe(before);
    writeFileSync(page, '<!doctype html><title>x</title>');
    const changed = await dashboardSources([dir]);
    expect(changed).not.toBe(before);
    writeFileSync(join(dir, 'more.ts'), '');
    expect(await dashboardSources([dir])).not.toBe(changed);
  });
});
