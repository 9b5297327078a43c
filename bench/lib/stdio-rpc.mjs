// A server spoken to over raw newline-delimited JSON-RPC on stdio, with no client library in between: for timing
// start-up and for measuring the exact size of each message a client (and its model's context) receives.
import { spawn } from 'node:child_process';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

export const INITIALIZE_PARAMS = {
  protocolVersion: LATEST_PROTOCOL_VERSION,
  capabilities: {},
  clientInfo: { name: 'bench', version: '1.0.0' },
};

/** Spawns `node script`; `request` resolves with { message, bytes } (bytes: the UTF-8 line, without its newline). */
export function spawnRpc(script, env) {
  const child = spawn(process.execPath, [script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = new Map();
  let nextId = 1;
  let buffered = '';
  let stderr = '';
  let exited = false;
  const failAll = (why) => {
    for (const { reject } of pending.values()) reject(new Error(`${script}: ${why}\n${stderr}`));
    pending.clear();
  };
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  child.on('error', (error) => failAll(String(error)));
  child.on('exit', (code, signal) => {
    exited = true;
    failAll(`exited (${code ?? signal})`);
  });
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const message = JSON.parse(line);
      const waiting = message.method === undefined ? pending.get(message.id) : undefined;
      if (!waiting) continue; // a notification (log message) or a request of the server's own
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${script}: ${JSON.stringify(message.error)}`));
      else waiting.resolve({ message, bytes: Buffer.byteLength(line) });
    }
  });
  const write = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  return {
    pid: child.pid,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        write({ id, method, params });
      });
    },
    notify: (method, params) => write({ method, params }),
    /** initialize, then notifications/initialized. */
    async handshake() {
      const answer = await this.request('initialize', INITIALIZE_PARAMS);
      this.notify('notifications/initialized');
      return answer;
    },
    kill() {
      if (exited) return Promise.resolve();
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return gone;
    },
  };
}
