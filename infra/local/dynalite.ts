import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/**
 * The embedded DynamoDB-compatible server. With a path it persists there
 * (LevelDB); without, it keeps everything in memory (tests). One data folder
 * takes one server: the platform file tells other commands where it runs.
 */
export interface EmbeddedDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<EmbeddedDynamo> {
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // keep-alive sockets of our own client would hold the server open
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
