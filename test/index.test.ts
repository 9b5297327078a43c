/**
 * The bin as a process: stdout carries only JSON-RPC, garbage on stdin never kills it, it exits promptly and cleanly
 * when the client goes away, and a bad configuration stops it at start-up naming the variable.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SERVER_BIN } from './helpers/mcp-harness.js';

function spawnServer(env: Record<string, string>, args: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [SERVER_BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return () => text;
}

async function exitOf(
  child: ChildProcessWithoutNullStreams,
  timeoutMs = 5000,
): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, ms: performance.now() - started };
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

async function waitForLine(
  stdout: () => string,
  predicate: (message: Record<string, unknown>) => boolean,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = stdout().split('\n').filter(Boolean);
    if (lines.some((line) => predicate(JSON.parse(line) as Record<string, unknown>))) return;
    if (Date.now() > deadline) throw new Error(`no such message in:\n${stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the stdio channel', () => {
  it('survives garbage on stdin and writes nothing but JSON-RPC to stdout', async () => {
    const child = spawnServer({}, ['--simulate']);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    child.stdin.write(`${INITIALIZE}\n`);
    child.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    child.stdin.write('this is not json\n');
    child.stdin.write('{"jsonrpc":"2.0","id":2,"method":"tools/li\n'); // truncated
    child.stdin.write('\u0000\u0001binary\n');
    child.stdin.write('{"jsonrpc":"2.0","id":3,"method":"no/such/method"}\n');
    child.stdin.write('[1,2,3]\n');
    child.stdin.write(
      '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"no-such-tool","arguments":{}}}\n',
    );
    child.stdin.write('{"jsonrpc":"2.0","id":5,"method":"ping"}\n');
    await waitForLine(stdout, (m) => m.id === 5);
    const messages = stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const message of messages) expect(message.jsonrpc).toBe('2.0');
    expect(messages.find((m) => m.id === 3)).toMatchObject({ error: { code: -32601 } });
    expect(messages.find((m) => m.id === 4)).toMatchObject({ error: { code: -32602 } });
    expect(messages.find((m) => m.id === 5)).toMatchObject({ result: {} });
    expect(stderr()).toContain('simulate mode');
    child.stdin.end();
    expect((await exitOf(child)).code).toBe(0);
  });
});

describe('exit', () => {
  it('exits 0 within a second when stdin closes', async () => {
    const child = spawnServer({}, ['--simulate']);
    const stdout = collect(child.stdout);
    child.stdin.write(`${INITIALIZE}\n`);
    await waitForLine(stdout, (m) => m.id === 1);
    child.stdin.end();
    const { code, ms } = await exitOf(child);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 promptly on %s', async (signal) => {
    const child = spawnServer({}, ['--simulate']);
    const stdout = collect(child.stdout);
    child.stdin.write(`${INITIALIZE}\n`);
    await waitForLine(stdout, (m) => m.id === 1);
    child.kill(signal);
    const { code, ms } = await exitOf(child);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000);
  });
});

describe('configuration is checked at start-up', () => {
  const refused: [string, Record<string, string>, string[], RegExp][] = [
    [
      'a plain-http Graph URL',
      { INTUNE_MCP_GRAPH_URL: 'http://graph.microsoft.com/beta', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_GRAPH_URL must use https/,
    ],
    [
      'a private-range http URL',
      { INTUNE_MCP_GRAPH_URL: 'http://10.0.0.5/beta', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_GRAPH_URL/,
    ],
    [
      'a non-URL',
      { INTUNE_MCP_GRAPH_URL: 'graph', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_GRAPH_URL is not a valid URL/,
    ],
    [
      'a non-numeric timeout',
      { INTUNE_MCP_TIMEOUT_MS: 'soon', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_TIMEOUT_MS must be a whole number/,
    ],
    ['a zero timeout', { INTUNE_MCP_TIMEOUT_MS: '0', INTUNE_MCP_ACCESS_TOKEN: 't' }, [], /INTUNE_MCP_TIMEOUT_MS/],
    [
      'retries out of range',
      { INTUNE_MCP_MAX_RETRIES: '11', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_MAX_RETRIES must be a whole number from 0 to 10/,
    ],
    ['negative retries', { INTUNE_MCP_MAX_RETRIES: '-1', INTUNE_MCP_ACCESS_TOKEN: 't' }, [], /INTUNE_MCP_MAX_RETRIES/],
    [
      'a bad boolean',
      { INTUNE_MCP_READ_ONLY: 'maybe', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_READ_ONLY must be true or false/,
    ],
    [
      'an unknown cloud',
      { INTUNE_MCP_CLOUD: 'mars', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /INTUNE_MCP_CLOUD must be one of/,
    ],
    ['an unknown argument', { INTUNE_MCP_ACCESS_TOKEN: 't' }, ['--frobnicate'], /Unknown argument "--frobnicate"/],
    [
      'credentials in the Graph URL',
      { INTUNE_MCP_GRAPH_URL: 'http://admin:hunter2-pass@10.0.0.5/beta', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /^(?![\s\S]*hunter2)[\s\S]*INTUNE_MCP_GRAPH_URL must not carry credentials/,
    ],
    [
      'a bad certificate-chain flag',
      { AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: 'maybe', INTUNE_MCP_ACCESS_TOKEN: 't' },
      [],
      /AZURE_CLIENT_SEND_CERTIFICATE_CHAIN must be true or false/,
    ],
  ];
  it.each(refused)(
    'refuses %s: non-zero exit, the variable named on stderr, nothing on stdout',
    async (_label, env, args, message) => {
      const child = spawnServer(env, args);
      const stdout = collect(child.stdout);
      const stderr = collect(child.stderr);
      const { code } = await exitOf(child);
      expect(code).not.toBe(0);
      expect(stderr()).toMatch(message);
      expect(stdout()).toBe('');
    },
  );

  it.each(['http://127.0.0.1:9/beta', 'http://localhost:9/beta', 'http://[::1]:9/beta', 'http://127.8.9.10:9/beta'])(
    'accepts plain http on loopback: %s',
    async (url) => {
      const child = spawnServer({ INTUNE_MCP_GRAPH_URL: url, INTUNE_MCP_ACCESS_TOKEN: 't' });
      const stdout = collect(child.stdout);
      child.stdin.write(`${INITIALIZE}\n`);
      await waitForLine(stdout, (m) => m.id === 1);
      child.stdin.end();
      expect((await exitOf(child)).code).toBe(0);
    },
  );
});
