/**
 * Graph over HTTPS on loopback: a TLS front for the (plain-http) Graph simulator, with its own self-signed
 * certificate, for tests that need Graph to be an https origin (a proxy tunnels https with CONNECT).
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { selfSignedCertificate } from './fake-entra.js';

export interface HttpsFront {
  /** e.g. https://127.0.0.1:41234/beta: INTUNE_MCP_GRAPH_URL. */
  readonly baseUrl: string;
  readonly origin: string;
  /** PEM file of the front's certificate, for NODE_EXTRA_CA_CERTS. */
  readonly caCertPath: string;
  close(): Promise<void>;
}

/** `target` is the simulator's base URL (http://127.0.0.1:port/beta). */
export async function startHttpsFront(target: string, dir: string): Promise<HttpsFront> {
  const { certPath, keyPath } = await selfSignedCertificate(dir, 'graph-front', ['IP:127.0.0.1', 'DNS:localhost']);
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert: await readFile(certPath), key: await readFile(keyPath) }, (req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${upstream.pathname}`,
    origin,
    caCertPath: certPath,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
