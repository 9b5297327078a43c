/**
 * Secrets never leave the process: not the access token, not the client secret (even when Graph or a proxy echoes
 * them back), and enrollment tokens only when the operator reveals them.
 */
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/resources/profile-tools/secret-paths.js';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type RunningServer, startServer, textOf } from '../helpers/mcp-harness.js';

const ID = 'e6742553-2553-e674-5325-74e6532574e6';
const ACCESS_TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLWtub3du';
const CLIENT_SECRET = 'Kq8~client-secret-value-that-must-not-leak';

describe('credentials', () => {
  let sim: GraphSimulator;
  let server: RunningServer;
  const logs: string[] = [];
  const outputs: string[] = [];

  beforeAll(async () => {
    sim = await startGraphSimulator();
    server = await startServer({
      INTUNE_MCP_GRAPH_URL: sim.baseUrl,
      INTUNE_MCP_ACCESS_TOKEN: ACCESS_TOKEN,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      INTUNE_MCP_MAX_RETRIES: '1',
    });
    server.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(JSON.stringify(n)));
  });
  afterAll(async () => {
    await server.close();
    await sim.close();
  });

  it('are used on the wire but never appear in results, logs or stderr, even when echoed back', async () => {
    const echo = `Authorization: Bearer ${ACCESS_TOKEN}; client_secret=${CLIENT_SECRET}; raw ${ACCESS_TOKEN}`;
    sim.addFaults(
      { method: 'PATCH', status: 400, body: JSON.stringify({ error: { code: 'BadRequest', message: echo } }) },
      { method: 'PATCH', status: 502, body: `<html>${echo}</html>` },
      { method: 'PATCH', status: 503, headers: { 'retry-after': '0' }, body: echo },
      { method: 'PATCH', status: 503, headers: { 'retry-after': '0' }, body: echo },
    );
    for (let i = 0; i < 3; i++) {
      const result = await server.call('update-enrollment-profile', { id: ID, displayName: `try ${i}` });
      outputs.push(JSON.stringify(result));
      expect(result.isError).toBe(true);
    }
    const ok = await server.call('update-enrollment-profile', { id: ID, displayName: 'fine' });
    outputs.push(JSON.stringify(ok));

    expect(sim.requests.every((r) => r.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
    const seen = [outputs.join('\n'), logs.join('\n'), server.stderr()].join('\n');
    expect(seen).toContain('BadRequest'); // the error itself is reported…
    expect(seen).not.toContain(ACCESS_TOKEN); // …without the token
    expect(seen).not.toContain(CLIENT_SECRET);
    expect(seen).not.toContain('c2lnbmF0dXJlLWtub3du');
  });

  it('are scrubbed from a successful answer that echoes them', async () => {
    const id = 'e6742553-2553-e674-5325-74e6532574e6';
    sim.addFaults({
      method: 'GET',
      status: 200,
      body: JSON.stringify({ id, displayName: 'ok', description: `echo ${ACCESS_TOKEN} and ${CLIENT_SECRET}` }),
    });
    const result = await server.call('get-enrollment-profile', { id });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
    expect(result.structuredContent).toMatchObject({ description: 'echo [secret] and [secret]' });
  });

  it('an unreadable successful body is described by its size, never quoted (it may hold an enrollment token)', async () => {
    sim.addFaults({ method: 'GET', status: 200, body: '{"tokenValue":"ENROLL-SECRET-123","qrCodeContent":"QR-SEC' });
    const result = await server.call('get-enrollment-profile', { id: ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not JSON \(\d+ characters\)/);
    expect(JSON.stringify(result)).not.toContain('ENROLL-SECRET-123');
  });
});

describe('enrollment tokens', () => {
  let sim: GraphSimulator;
  beforeAll(async () => {
    sim = await startGraphSimulator();
  });
  afterAll(() => sim.close());

  it('are redacted by default in update and get results, keeping the shape', async () => {
    const server = await startServer({ INTUNE_MCP_GRAPH_URL: sim.baseUrl, INTUNE_MCP_ACCESS_TOKEN: 'tok-abcdefgh' });
    try {
      const updated = await server.call('update-enrollment-profile', { id: ID, tokenValue: 'brand-new-token-123' });
      const fetched = await server.call('get-enrollment-profile', { id: ID });
      expect(JSON.parse(sim.requestsOf('PATCH').at(-1)?.body ?? '{}')).toEqual({ tokenValue: 'brand-new-token-123' });
      for (const result of [updated, fetched]) {
        expect(result.structuredContent).toMatchObject({
          tokenValue: REDACTED,
          qrCodeContent: REDACTED,
          qrCodeImage: { type: 'image/png', value: REDACTED },
        });
        expect(JSON.stringify(result)).not.toContain('brand-new-token-123');
        expect(textOf(result)).not.toContain('sim-token-');
      }
    } finally {
      await server.close();
    }
  });

  it('are shown when the operator sets INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS=true', async () => {
    const server = await startServer({
      INTUNE_MCP_GRAPH_URL: sim.baseUrl,
      INTUNE_MCP_ACCESS_TOKEN: 'tok-abcdefgh',
      INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: 'true',
    });
    try {
      const result = await server.call('update-enrollment-profile', { id: ID, tokenValue: 'revealed-token-456' });
      expect(result.structuredContent).toMatchObject({ tokenValue: 'revealed-token-456' });
      expect((result.structuredContent as { qrCodeImage: { value: string } }).qrCodeImage.value).not.toBe(REDACTED);
    } finally {
      await server.close();
    }
  });
});
