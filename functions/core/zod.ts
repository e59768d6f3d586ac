import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod for the whole project, imported as `import * as z from '#core/zod.ts'`:
 * its tree-shakable build, a fraction of the full one's weight in every
 * Lambda bundle and about half its load time. That build brings no messages
 * of its own; these are zod's English ones, which reach operators through
 * logs and errors.
 */
config(en());

export * from 'zod/mini';
