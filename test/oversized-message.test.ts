/**
 * One stdin line longer than the server reads (10 MiB, the SDK's limit): the server refuses that message, says so on
 * stderr, answers the request with a JSON-RPC error when its id can be found, and keeps serving. And it never outlives
 * its client: closing stdin ends it, even in simulate mode, where the simulator's HTTP server keeps the event loop busy.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { answerFrom, SERVER_BIN } from './helpers/mcp-harness.js';

const LIMIT = 10 * 1024 * 1024;
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startSimulateServer() {
  const child = spawn(process.execPath, [SERVER_BIN, '--simulate'], { env: { PATH: process.env.PATH ?? '' } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const answer = (id: number | string, timeoutMs = 10_000) =>
    answerFrom(() => stdout, id, { timeoutMs, context: () => `stderr:\n${stderr}` });
  const send = (text: string) =>
    new Promise<void>((resolve, reject) => child.stdin.write(text, (error) => (error ? reject(error) : resolve())));
  return { child, answer, send, exited, stderr: () => stderr };
}

async function initialized(server: ReturnType<typeof startSimulateServer>) {
  await server.send(
    `${JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    })}\n`,
  );
  await server.answer(1);
  await server.send('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
}

/** Exits within `ms` of stdin closing, or is killed and reported as such. */
async function exitAfterStdinEnds(server: ReturnType<typeof startSimulateServer>, ms = 3000) {
  server.child.stdin.end();
  const timer = setTimeout(() => server.child.kill('SIGKILL'), ms);
  const code = await server.exited;
  clearTimeout(timer);
  return { code, signal: server.child.signalCode };
}

describe('a message over the size limit', () => {
  it('is answered with an error when its id can be read, and the session goes on', async () => {
    const server = startSimulateServer();
    await initialized(server);
    // The SDK's client puts the id last: {"method":…,"params":…,"jsonrpc":"2.0","id":7}
    const huge = JSON.stringify({
      method: 'tools/call',
      params: { name: 'get-enrollment-profile', arguments: { id: 'x'.repeat(LIMIT + 1024) } },
      jsonrpc: '2.0',
      id: 7,
    });
    await server.send(`${huge}\n`);
    const refusal = await server.answer(7);
    expect(refusal).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32600 } });
    expect((refusal.error as { message: string }).message).toMatch(/too large.*10 MiB/i);

    await server.send('{"jsonrpc":"2.0","id":8,"method":"ping"}\n');
    expect(await server.answer(8)).toMatchObject({ result: {} });
    expect(server.stderr()).toMatch(/refused a message of \d+ bytes .*10 MiB/);
    expect(await exitAfterStdinEnds(server)).toEqual({ code: 0, signal: null });
  });

  it('without a readable id is dropped with a message on stderr, and the session goes on', async () => {
    const server = startSimulateServer();
    await initialized(server);
    await server.send(`${'z'.repeat(LIMIT + 10)}\n{"jsonrpc":"2.0","id":"after","method":"ping"}\n`);
    expect(await server.answer('after')).toMatchObject({ result: {} });
    expect(server.stderr()).toMatch(/refused a message of \d+ bytes/);
    expect(await exitAfterStdinEnds(server)).toEqual({ code: 0, signal: null });
  });

  it('a string id at the start of the line is found too', async () => {
    const server = startSimulateServer();
    await initialized(server);
    await server.send(
      `{"jsonrpc":"2.0","id":"first-\\"q\\"","method":"tools/call","params":{"name":"x","arguments":{"a":"${'y'.repeat(LIMIT)}"}}}\n`,
    );
    expect(await server.answer('first-"q"')).toMatchObject({ error: { code: -32600 } });
    expect(await exitAfterStdinEnds(server)).toEqual({ code: 0, signal: null });
  });
});

it('closing stdin ends a --simulate server that read nothing', async () => {
  const server = startSimulateServer();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await exitAfterStdinEnds(server)).toEqual({ code: 0, signal: null });
});
