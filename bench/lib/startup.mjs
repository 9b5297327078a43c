// Start-up as a client sees it: spawn → initialize result → tools/list result, over raw newline-delimited JSON-RPC
// (no client library in the timing), then the child's peak resident set (VmHWM) read before it is killed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

const MESSAGES = [
  {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'bench', version: '1.0.0' },
    },
  },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 2, method: 'tools/list' },
];

/** One spawn; resolves with { ms, peakRssMiB, tools }. */
export function measureStartup(scriptPath, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [scriptPath], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    const fail = (error) => {
      child.kill('SIGKILL');
      reject(new Error(`${scriptPath}: ${error}\n${stderr}`));
    };
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', (code) => fail(`exited early (${code})`));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const message = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (message.error) return fail(JSON.stringify(message.error));
        if (message.id === 1) {
          child.stdin.write(`${JSON.stringify(MESSAGES[1])}\n${JSON.stringify(MESSAGES[2])}\n`);
        } else if (message.id === 2) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const peakRssMiB = readPeakRssMiB(child.pid);
          child.removeAllListeners('exit');
          child.on('exit', () => resolve({ ms, peakRssMiB, tools: message.result.tools.length }));
          child.kill('SIGKILL');
        }
      }
    });
    child.stdin.write(`${JSON.stringify(MESSAGES[0])}\n`);
  });
}

/** VmHWM: the most resident memory the process has had, in MiB. */
export function readPeakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}
