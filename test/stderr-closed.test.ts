/**
 * Diagnostics are best-effort: a client that closes the server's stderr (or never reads it and goes away) must not
 * turn the next log line into a crash. The session goes on over stdin/stdout.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../src/simulator/graph-simulator.js';
import { answerFrom, graphEnv, SERVER_BIN } from './helpers/mcp-harness.js';

const ID = 'e6742553-2553-e674-5325-74e6532574e6';
let sim: GraphSimulator;
beforeAll(async () => {
  sim = await startGraphSimulator();
});
afterAll(() => sim.close());

it('keeps answering after its stderr pipe is closed, through calls that log', async () => {
  const child = spawn(process.execPath, [SERVER_BIN], {
    env: { PATH: process.env.PATH ?? '', ...graphEnv(sim.baseUrl, { INTUNE_MCP_MAX_RETRIES: '3' }) },
  });
  const exits: (number | null)[] = [];
  const exited = once(child, 'exit');
  child.on('exit', (code) => exits.push(code));
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const send = (message: Record<string, unknown>) =>
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  const answer = (id: number) =>
    answerFrom(() => stdout, id, {
      gaveUp: () => (exits.length ? `exit ${exits[0]}` : undefined),
      context: () => `got:\n${stdout}`,
    });

  // Gone before the first line: the start-up message itself already meets a closed pipe.
  child.stderr.destroy();
  send({
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  await answer(1);
  send({ method: 'notifications/initialized' });

  for (let id = 2; id <= 4; id++) {
    // Each retry writes a line to stderr ("Graph was unavailable (HTTP 503); retrying …").
    sim.addFaults({ method: 'PATCH', status: 503, headers: { 'retry-after': '0' } });
    send({
      id,
      method: 'tools/call',
      params: { name: 'update-enrollment-profile', arguments: { id: ID, displayName: `after a closed stderr ${id}` } },
    });
    const reply = await answer(id);
    expect(reply).toMatchObject({ result: { structuredContent: { displayName: `after a closed stderr ${id}` } } });
  }
  expect(exits).toEqual([]);
  expect(sim.requestsOf('PATCH').length).toBeGreaterThanOrEqual(6);

  child.stdin.end();
  await exited;
  expect(exits).toEqual([0]);
});
