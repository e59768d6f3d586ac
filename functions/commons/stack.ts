import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces that name our source files, for a Lambda bundle (one minified
 * file with its source map beside it), mapped only when an error is logged.
 * Node's --enable-source-maps would map them too, but it reads and indexes
 * the map of every bundle as it loads: 15 to 30 ms of each cold start, for
 * errors that seldom come. Here the map is read at the first error a process
 * logs. Outside a bundle (the local platform, the tests) the stack already
 * names the source files and is left as it is.
 */

/** The bundle this code runs in, when it runs in one: this module's own file. */
const here = (() => {
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return undefined;
  }
})();

let bundleMap: SourceMap | null | undefined;

/** The bundle's source map, read once; null when there is none beside it (not a bundle). */
function mapOfBundle(): SourceMap | null {
  if (bundleMap === undefined) {
    try {
      bundleMap = here?.endsWith('.mjs')
        ? new SourceMap(JSON.parse(readFileSync(`${here}.map`, 'utf8')))
        : null;
    } catch {
      bundleMap = null;
    }
  }
  return bundleMap;
}

/** "at f (file:///var/task/index.mjs:3:1400)" or "at file:///var/task/index.mjs:3:1400" */
const FRAME = /^(.*?)(file:\/\/[^\s()]+|\/[^\s()]+):(\d+):(\d+)(\)?)$/;
/** the part of a source's path worth reading: from the project's top folders or node_modules on */
const SHOWN = /(?:^|\/)((?:functions|infra|node_modules)\/.*)$/;

/** The stack with each frame in the bundle moved to its source file, line and column. */
export function sourceMappedStack(stack: string): string {
  if (!here || !stack.includes(here)) return stack;
  const map = mapOfBundle();
  if (!map) return stack;
  return stack
    .split('\n')
    .map((line) => {
      const frame = FRAME.exec(line);
      if (!frame) return line;
      const [, before, location = '', lineNumber, column, after] = frame;
      const file = location.startsWith('file:') ? fileURLToPath(location) : location;
      if (file !== here) return line;
      const origin = map.findOrigin(Number(lineNumber), Number(column));
      if (!('fileName' in origin)) return line;
      const source = SHOWN.exec(origin.fileName)?.[1] ?? origin.fileName;
      return `${before}${source}:${origin.lineNumber}:${origin.columnNumber}${after}`;
    })
    .join('\n');
}
