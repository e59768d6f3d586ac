import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `npm start` as a person runs it, in a process of its own: the local
 * platform on a data folder and a port, unseeded, up once it prints its
 * banner. For the tests of the commands and of the dashboard in a browser.
 */

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

export interface LocalPlatform {
  /** everything it has printed so far, both streams */
  output(): string;
  /** Ctrl-C (SIGINT); resolves with its exit code */
  stop(): Promise<number | null>;
  /** kill -9: no clean-up of any kind; resolves once the process is gone */
  kill(): Promise<void>;
}

const BANNER_END = 'Ctrl-C stops it.';

export async function startLocalPlatform(dataDir: string, port: number): Promise<LocalPlatform> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SEED: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let k = 0; k < 600 && !output.includes(BANNER_END) && child.exitCode === null; k++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!output.includes(BANNER_END)) {
    child.kill('SIGKILL');
    throw new Error(`npm start did not come up: ${output}`);
  }
  return {
    output: () => output,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
