import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server on another port (another origin): whatever reaches it was sent astray. */
export interface Trap {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every request that reached it, with its headers. */
  requests: Array<{ url: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

/** Starts a {@link Trap}; it answers an empty list to anything. */
export async function startTrap(): Promise<Trap> {
  const requests: Trap['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: { ...req.headers } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"next":null,"results":[],"totalCount":0}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
