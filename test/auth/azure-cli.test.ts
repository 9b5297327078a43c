/**
 * Azure CLI sign-in, end to end: the real AzureCliCredential runs `az account get-access-token`; a stand-in `az`
 * first on PATH records its arguments and answers like Azure CLI 2.54+ (or like a CLI that is not logged in).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { startServer, textOf } from '../helpers/mcp-harness.js';
import { KIOSK_ID } from './sign-in-env.js';

const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLI_TOKEN = `eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJEZXZpY2VNYW5hZ2VtZW50In0.${randomBytes(32).toString('base64url')}`;

let dir: string;
let log: string;
let sim: GraphSimulator;

/** Writes the stand-in `az`: logged in (prints a token) or not (exits 1 like the real CLI). */
async function fakeAz(loggedIn: boolean): Promise<void> {
  const answer = loggedIn
    ? `printf '{"accessToken":"${CLI_TOKEN}","expiresOn":"2099-01-01 00:00:00.000000","expires_on":%s,"subscription":"sub","tenant":"${TENANT_ID}","tokenType":"Bearer"}' "$(($(date +%s)+3600))"`
    : `echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`;
  await writeFile(join(dir, 'az'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n${answer}\n`);
  await chmod(join(dir, 'az'), 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-az-'));
  log = join(dir, 'calls.log');
  sim = await startGraphSimulator({ acceptedTokens: [CLI_TOKEN] });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await rm(log, { force: true });
  sim.requests.length = 0;
});

async function callWithCli(extra: Record<string, string>) {
  const server = await startServer({
    PATH: `${dir}:${process.env.PATH ?? ''}`,
    INTUNE_MCP_AUTH: 'azure-cli',
    INTUNE_MCP_GRAPH_URL: sim.baseUrl,
    ...extra,
  });
  try {
    return await server.call('get-enrollment-profile', { id: KIOSK_ID });
  } finally {
    await server.close();
  }
}

it("gets the token for the cloud's Graph resource and tenant from az, and it reaches Graph", async () => {
  await fakeAz(true);
  const result = await callWithCli({ AZURE_TENANT_ID: TENANT_ID, INTUNE_MCP_CLOUD: 'china' });
  expect(result.isError).toBeFalsy();
  expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual([
    `account get-access-token --output json --resource https://microsoftgraph.chinacloudapi.cn --tenant ${TENANT_ID}`,
  ]);
  expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${CLI_TOKEN}`);
});

it('not logged in: an isError naming azure-cli that says to run az login; nothing reaches Graph', async () => {
  await fakeAz(false);
  const result = await callWithCli({});
  const text = textOf(result);
  expect(result.isError).toBe(true);
  expect(text).toContain('azure-cli (AzureCliCredential)');
  expect(text).toMatch(/^Fix: sign in to the Azure CLI with `az login/m);
  expect(sim.requests).toHaveLength(0);
});
