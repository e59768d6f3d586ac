import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';

/**
 * A CDK app for a test: in a temporary folder (each synth writes megabytes),
 * with the feature flags `cdk deploy` reads from cdk.json, so that the template
 * tested is the one deployed, no bundling (the bundles have tests of their
 * own), and a stand-in for the built dashboard. removeTestApps() removes them all.
 */
const CDK_JSON = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
const folders: string[] = [];

export function testApp(): { app: App; dashboardDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'si-cdk-'));
  folders.push(dir);
  const dashboardDir = join(dir, 'dashboard');
  mkdirSync(join(dashboardDir, 'assets'), { recursive: true });
  writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dashboardDir, 'assets', 'index-abc.js'), 'export {}');
  const app = new App({
    outdir: join(dir, 'cdk.out'),
    context: { ...CDK_JSON.context, 'aws:cdk:bundling-stacks': [] },
  });
  return { app, dashboardDir };
}

export function removeTestApps(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}
