import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { runServerToExit, SERVER_BIN, textOf } from '../helpers/mcp-harness.js';
import { KIOSK_ID } from './sign-in-env.js';

const APP = {
  AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  AZURE_CLIENT_ID: '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90',
};

describe('a misconfigured sign-in stops the server at start-up', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['client-secret without AZURE_CLIENT_SECRET', { INTUNE_MCP_AUTH: 'client-secret', ...APP }, /AZURE_CLIENT_SECRET/],
    [
      'client-secret without tenant and client',
      { INTUNE_MCP_AUTH: 'client-secret', AZURE_CLIENT_SECRET: 'some-secret-value' },
      /AZURE_TENANT_ID, AZURE_CLIENT_ID/,
    ],
    [
      'client-certificate without a path',
      { INTUNE_MCP_AUTH: 'client-certificate', ...APP },
      /AZURE_CLIENT_CERTIFICATE_PATH/,
    ],
    [
      'workload-identity without a token file',
      { INTUNE_MCP_AUTH: 'workload-identity', ...APP },
      /AZURE_FEDERATED_TOKEN_FILE/,
    ],
    ['token without a token', { INTUNE_MCP_AUTH: 'token' }, /INTUNE_MCP_ACCESS_TOKEN/],
    ['an unknown mode', { INTUNE_MCP_AUTH: 'password' }, /INTUNE_MCP_AUTH must be one of .*client-secret/],
    [
      'an unknown cloud',
      { INTUNE_MCP_CLOUD: 'germany', INTUNE_MCP_ACCESS_TOKEN: 'x'.repeat(20) },
      /INTUNE_MCP_CLOUD must be one of global, usgov, usgov-dod, china/,
    ],
    [
      'a plain-http authority host',
      {
        INTUNE_MCP_AUTH: 'client-secret',
        AZURE_CLIENT_SECRET: 'some-secret-value',
        AZURE_AUTHORITY_HOST: 'http://127.0.0.1:9',
        ...APP,
      },
      /AZURE_AUTHORITY_HOST must be an https URL/,
    ],
    [
      'app-only sign-in to a tenant-less authority (common)',
      { INTUNE_MCP_AUTH: 'client-secret', ...APP, AZURE_CLIENT_SECRET: 'some-secret-value', AZURE_TENANT_ID: 'common' },
      /AZURE_TENANT_ID must name one tenant, by its id or a domain/,
    ],
    [
      'a Graph URL on v1.0, where the enrollment profiles do not exist',
      { INTUNE_MCP_ACCESS_TOKEN: 'x'.repeat(20), INTUNE_MCP_GRAPH_URL: 'https://graph.microsoft.com/v1.0' },
      /INTUNE_MCP_GRAPH_URL ends in \/v1\.0.*use https:\/\/graph\.microsoft\.com\/beta/,
    ],
  ];
  it.each(cases)('%s', async (_label, env, message) => {
    const exit = await runServerToExit(env);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(message);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).not.toContain('some-secret-value');
  });
});

describe('a static token pasted with a line break or spaces inside stops the server at start-up', () => {
  const HALVES = [
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBo',
    'Lm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJl',
  ];
  it.each([
    [
      'a line break (a wrapped terminal)',
      `${HALVES[0]}\n${HALVES[1]}`,
      /INTUNE_MCP_ACCESS_TOKEN contains a line break/,
    ],
    ['a space', `${HALVES[0]} ${HALVES[1]}`, /INTUNE_MCP_ACCESS_TOKEN contains whitespace inside the token/],
  ])('%s: exit 2, the variable named, the token never shown', async (_label, token, message) => {
    const exit = await runServerToExit({
      INTUNE_MCP_ACCESS_TOKEN: `  ${token}\n`,
      INTUNE_MCP_GRAPH_URL: 'http://127.0.0.1:9/beta',
    });
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(message);
    expect(exit.stdout).toBe('');
    for (const half of HALVES) expect(exit.stderr).not.toContain(half);
  });
});

describe('static-token mode never loads @azure/identity', () => {
  // A copy of the built server next to a stand-in @azure/identity that records being imported, and exports nothing.
  let isolated: string;
  let marker: string;
  let sim: GraphSimulator;
  beforeAll(async () => {
    isolated = await mkdtemp(join(tmpdir(), 'intune-mcp-isolated-'));
    await cp(join(SERVER_BIN, '..'), join(isolated, 'dist'), { recursive: true });
    const stub = join(isolated, 'node_modules', '@azure', 'identity');
    await mkdir(stub, { recursive: true });
    await writeFile(
      join(stub, 'package.json'),
      JSON.stringify({ name: '@azure/identity', type: 'module', main: 'index.js' }),
    );
    await writeFile(
      join(stub, 'index.js'),
      "import { appendFileSync } from 'node:fs';\nappendFileSync(new URL('./loaded', import.meta.url), 'x');\n",
    );
    marker = join(stub, 'loaded');
    sim = await startGraphSimulator();
  });
  afterAll(async () => {
    await sim.close();
    await rm(isolated, { recursive: true, force: true });
  });
  beforeEach(() => rm(marker, { force: true }));

  async function withIsolatedServer<T>(env: Record<string, string>, use: (client: Client) => Promise<T>): Promise<T> {
    const server = join(isolated, 'dist', 'index.js');
    const transport = new StdioClientTransport({ command: process.execPath, args: [server], env, stderr: 'pipe' });
    const client = new Client({ name: 'isolated-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      // Longer than the delay of the background warm-up after the handshake, which loads the library when it is due.
      await new Promise((resolve) => setTimeout(resolve, 800));
      return await use(client);
    } finally {
      await client.close();
    }
  }

  const getProfile = async (client: Client) =>
    (await client.callTool({ name: 'get-enrollment-profile', arguments: { id: KIOSK_ID } })) as CallToolResult;

  it('INTUNE_MCP_ACCESS_TOKEN: calls work and the library is never imported, not even in the background', async () => {
    const result = await withIsolatedServer(
      { INTUNE_MCP_GRAPH_URL: sim.baseUrl, INTUNE_MCP_ACCESS_TOKEN: 'static-token-0123456789' },
      getProfile,
    );
    expect(result.isError).toBeFalsy();
    expect(sim.requests.at(-1)?.headers.authorization).toBe('Bearer static-token-0123456789');
    expect(existsSync(marker)).toBe(false);
  });

  it('(control) a credential mode imports it after the handshake, before the first call', async () => {
    const env = {
      INTUNE_MCP_GRAPH_URL: sim.baseUrl,
      INTUNE_MCP_AUTH: 'client-secret',
      AZURE_CLIENT_SECRET: 'some-secret-value',
      ...APP,
    };
    const before = sim.requests.length;
    const result = await withIsolatedServer(env, async (client) => {
      await expect.poll(() => existsSync(marker), { timeout: 10_000 }).toBe(true); // warmed up in the background
      return getProfile(client);
    });
    expect(result.isError).toBe(true); // the stand-in has no credentials
    expect(textOf(result)).toContain('client-secret (ClientSecretCredential)');
    expect(textOf(result)).not.toContain('some-secret-value');
    expect(sim.requests.length).toBe(before);
  });
});
