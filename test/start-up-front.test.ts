/**
 * The handshake front (src/stdio-front.ts) answers initialize and tools/list before the server is loaded; the SDK's
 * Server answers them once it is. For every deployment (each set of toolsets, read-only or not, secrets revealed or
 * not) both answers must be the same, byte for byte: here the built server is asked twice, once by the front and
 * once, after a ping has made it load, by the SDK.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_BIN } from './helpers/mcp-harness.js';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startServer(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [SERVER_BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      INTUNE_MCP_GRAPH_URL: 'http://127.0.0.1:9/beta',
      INTUNE_MCP_ACCESS_TOKEN: 'front-test-token-0123456789',
      ...env,
    },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  /** The line answering `id`, as written. */
  const answer = async (id: number) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const line = stdout.split('\n').find((text) => text.includes(`"id":${id}}`) || text.includes(`"id":${id},`));
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no answer to ${id}; stdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const send = (...messages: object[]) =>
    child.stdin.write(messages.map((message) => `${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`).join(''));
  return { child, answer, send, stderr: () => stderr, stdout: () => stdout };
}

const initialize = (id: number, protocolVersion = '2025-06-18') => ({
  id,
  method: 'initialize',
  params: {
    protocolVersion,
    capabilities: { roots: { listChanged: true }, sampling: {}, elicitation: {} },
    clientInfo: { name: 'front-test', version: '1.0.0' },
  },
});
const withoutId = (line: string) => line.replace(/,"id":\d+\}$/, '}');

const DEPLOYMENTS: [string, Record<string, string>, string[]][] = [];
for (const toolsets of ['', 'android-for-work', 'device-owner', 'device-owner,android-for-work']) {
  for (const readOnly of [false, true]) {
    for (const reveal of [false, true]) {
      DEPLOYMENTS.push([
        `toolsets "${toolsets || 'all'}", ${readOnly ? 'read-only' : 'read-write'}, secrets ${reveal ? 'revealed' : 'redacted'}`,
        {
          ...(toolsets && { INTUNE_MCP_TOOLSETS: toolsets }),
          ...(reveal && { INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: 'true' }),
        },
        readOnly ? ['--read-only'] : [],
      ]);
    }
  }
}

describe('the front answers the handshake as the SDK does', () => {
  it.each(DEPLOYMENTS)('%s', async (_label, env, args) => {
    const server = startServer(env, args);
    server.send(initialize(1), { method: 'notifications/initialized' }, { id: 2, method: 'tools/list' });
    const frontInitialize = await server.answer(1);
    const frontList = await server.answer(2);
    server.send({ id: 3, method: 'ping' }); // not the front's: the server loads and answers it
    expect(await server.answer(3)).toBe('{"result":{},"jsonrpc":"2.0","id":3}');
    server.send(initialize(4), { id: 5, method: 'tools/list' });
    expect(withoutId(frontInitialize)).toBe(withoutId(await server.answer(4)));
    expect(withoutId(frontList)).toBe(withoutId(await server.answer(5)));
    // The SDK saw the first initialize too (replayed), and answered it only once: one line per id.
    expect(server.stdout().match(/"id":1\}/g)).toHaveLength(1);
  });

  it('an unsupported protocol version gets the latest, as from the SDK', async () => {
    const server = startServer({});
    server.send(initialize(1, '1999-01-01'));
    const front = await server.answer(1);
    server.send({ id: 2, method: 'ping' }, initialize(3, '1999-01-01'));
    expect(withoutId(front)).toBe(withoutId(await server.answer(3)));
  });

  it('a call made right after the handshake is answered by the server, in order', async () => {
    const server = startServer({});
    server.send(
      initialize(1),
      { method: 'notifications/initialized' },
      { id: 2, method: 'tools/list' },
      { id: 3, method: 'tools/call', params: { name: 'no-such-tool', arguments: {} } },
      { id: 4, method: 'ping' },
    );
    expect(await server.answer(3)).toContain('"code":-32602');
    expect(await server.answer(4)).toBe('{"result":{},"jsonrpc":"2.0","id":4}');
    const ids = server
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { id?: number }).id)
      .filter((id) => id !== undefined);
    expect(ids).toEqual([1, 2, 3, 4]);
  });

  it("the server's second answer to initialize is dropped, never a tool call's answer with the same id", async () => {
    // A client must not reuse an id, but if one does, each request still gets exactly one answer.
    const server = startServer({});
    server.send(initialize(1), { id: 1, method: 'tools/call', params: { name: 'no-such-tool', arguments: {} } });
    await server.answer(1);
    server.send({ id: 2, method: 'ping' });
    await server.answer(2);
    const answersTo1 = server
      .stdout()
      .split('\n')
      .filter(Boolean)
      .filter((line) => (JSON.parse(line) as { id?: unknown }).id === 1);
    expect(answersTo1).toHaveLength(2);
    expect(answersTo1.filter((line) => line.includes('"protocolVersion"'))).toHaveLength(1);
    expect(answersTo1.filter((line) => line.includes('"code":-32602'))).toHaveLength(1);
  });

  it('a client that leaves after the handshake ends the process with 0, server loaded or not', async () => {
    for (const waitMs of [0, 400]) {
      const server = startServer({});
      server.send(initialize(1), { method: 'notifications/initialized' }, { id: 2, method: 'tools/list' });
      await server.answer(2);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      server.child.stdin.end();
      const [code] = (await once(server.child, 'exit')) as [number | null];
      expect(code).toBe(0);
    }
  });
});
