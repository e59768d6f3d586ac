import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { BUNDLE, FUNCTIONS, LOCAL_ONLY } from '#infra/bundling.ts';

/**
 * npm run build: each Lambda function's bundle, built by esbuild with the
 * settings the CDK stack uses, into dist/functions/<name>/index.mjs. A
 * bundle that pulls in a module of the local platform fails the build.
 */

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
}

/** esbuild's options for one Lambda bundle, from BUNDLE: the ones the CDK stack hands to NodejsFunction. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLE.target,
    format: BUNDLE.format,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourcemap,
    sourcesContent: BUNDLE.sourcesContent,
    banner: { js: BUNDLE.banner },
    mainFields: [...BUNDLE.mainFields],
    external: [...BUNDLE.external],
    alias: { ...BUNDLE.alias },
    // the aliases are paths from the project's root, as in the CDK's bundling
    absWorkingDir: process.cwd(),
    // entries outside the project (the bench's) resolve packages from it too
    nodePaths: [join(process.cwd(), 'node_modules')],
    logLevel: 'warning',
  };
}

/** Builds `functions` (by default every function of the platform) into `outDir`, one folder each. */
export async function buildFunctions(
  outDir = join(process.cwd(), 'dist/functions'),
  functions: Record<string, string> = FUNCTIONS,
): Promise<BuiltFunction[]> {
  await rm(outDir, { recursive: true, force: true });
  const built: BuiltFunction[] = [];
  for (const [name, entry] of Object.entries(functions)) {
    const dir = join(outDir, name);
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'index.mjs');
    const result = await build({ ...esbuildOptions(entry, file), metafile: true });
    const local = Object.keys(result.metafile.inputs).filter((input) =>
      LOCAL_ONLY.some((m) => input.includes(`node_modules/${m}/`)),
    );
    if (local.length) {
      throw new Error(`the ${name} bundle pulls in the local platform: ${local.slice(0, 5).join(', ')}`);
    }
    built.push({ name, file, bytes: (await stat(file)).size });
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildFunctions();
  for (const b of built)
    console.log(`  ${b.name.padEnd(10)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB  ${b.file}`);
}
