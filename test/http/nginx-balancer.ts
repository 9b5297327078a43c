/**
 * nginx (Debian's package) as the balancer in front of server replicas: round robin, HTTP/1.1 keep-alive upstream, no
 * buffering (SSE), on a free loopback port. Everything it writes (configuration, pid, logs, temp files) stays in a
 * temporary directory, and it runs in the foreground (daemon off) as a child of the test.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The nginx binary, or undefined when it is not installed (the test then skips, saying so). */
export function findNginx(): string | undefined {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    const probe = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

export interface Balancer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The upstream address of every request nginx passed on, in order (from its access log). */
  upstreams(): Promise<string[]>;
  close(): Promise<void>;
}

/** Listens on `port` (see freePort: the replicas must know the balancer's URL before it starts). */
export async function startNginx(nginx: string, port: number, upstreams: readonly string[]): Promise<Balancer> {
  const dir = await mkdtemp(join(tmpdir(), 'nginx-balancer-'));
  await chmod(dir, 0o755); // nginx's workers may run as another user and must reach their temp directories
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format upstream '$upstream_addr $status';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream mcp_replicas {
${upstreams.map((address) => `    server ${address};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://mcp_replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx exited with ${child.exitCode}:\n${stderr}\n${log}`);
    }
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up on ${url}:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    upstreams: async () =>
      (await readFile(join(dir, 'access.log'), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[0] ?? ''),
    close: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGQUIT'); // graceful: finish what is in progress, then stop
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
