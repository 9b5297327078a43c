/**
 * A forward proxy on loopback, as a corporate proxy behaves: HTTPS targets through CONNECT tunnels, plain-http targets
 * as absolute-form requests, optionally behind Basic proxy authentication (407 otherwise). It records every target,
 * so tests can count what went through it.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ConnectProxy {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** `host:port` of every CONNECT tunnel opened, in order. */
  readonly tunnels: string[];
  /** Absolute-form URLs of the plain-http requests forwarded. */
  readonly forwarded: string[];
  /** Requests refused with 407 (missing or wrong credentials). */
  refused: number;
  /** The Proxy-Authorization headers received. */
  readonly authorizations: string[];
  /** As a proxy that filters: `forbidden` answers CONNECT with 403, `unanswered` leaves it hanging. Targets are still recorded. */
  blockTunnels: 'forbidden' | 'unanswered' | undefined;
  close(): Promise<void>;
}

export async function startConnectProxy(credentials?: { user: string; password: string }): Promise<ConnectProxy> {
  const expected = credentials
    ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`
    : undefined;
  const sockets = new Set<Socket>();
  const proxy: ConnectProxy = {
    url: '',
    tunnels: [],
    forwarded: [],
    refused: 0,
    authorizations: [],
    blockTunnels: undefined,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers['proxy-authorization'];
    if (header) proxy.authorizations.push(header);
    if (expected === undefined || header === expected) return true;
    proxy.refused += 1;
    return false;
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    proxy.forwarded.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const target = req.url ?? '';
    proxy.tunnels.push(target);
    if (proxy.blockTunnels === 'forbidden') client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    if (proxy.blockTunnels) return;
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(proxy, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  return proxy;
}
