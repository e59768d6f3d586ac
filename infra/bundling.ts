/**
 * How each Lambda function is bundled, in one place: the CDK construct
 * (infra/constructs/service-function.ts) hands these settings to esbuild
 * through NodejsFunction, and `npm run build` (infra/build.ts) hands the same
 * settings to esbuild directly, so the bundles `npm run bench` measures are
 * the bundles that deploy.
 */

/** The functions and their entry files. */
export const FUNCTIONS = {
  api: 'functions/handlers/api.ts',
  ingest: 'functions/handlers/ingest.ts',
  'file-drop': 'functions/handlers/file-drop.ts',
  pull: 'functions/handlers/pull.ts',
  recompute: 'functions/handlers/recompute.ts',
  briefing: 'functions/handlers/briefing.ts',
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

export const BUNDLE = {
  /** Lambda's Node.js 22 runtime */
  target: 'node22',
  minify: true,
  /**
   * beside each bundle; the logger maps a logged error's stack through it when
   * the error comes (functions/commons/stack.ts), so the functions run without
   * --enable-source-maps, which would read the map at every cold start
   */
  sourcemap: true,
  /** the maps name our files; the sources stay out, which keeps the maps small */
  sourcesContent: false,
  format: 'esm',
  /** CommonJS parts of the bundle (some SDK dependencies) still find `require` */
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  mainFields: ['module', 'main'],
  /**
   * Nothing is left out, the AWS SDK v3 clients included: the code runs with
   * the SDK version it was tested with, not the one the runtime happens to carry.
   */
  external: [] as string[],
  /**
   * Modules replaced in the bundles, each by a file of this project (paths
   * from the project's root): the SDK's default credential chain by the one
   * provider that answers on Lambda, its environment (see the file).
   */
  alias: { '@aws-sdk/credential-provider-node': './infra/lambda/credentials.ts' } as Record<string, string>,
} as const;

/** Modules of the local platform that a Lambda bundle must never contain. */
export const LOCAL_ONLY = ['dynalite', 'vite', 'tsx', 'playwright-core', 'lighthouse'] as const;
