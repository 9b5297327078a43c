/**
 * The MCP server in-process: createServer wired to a real GraphClient and the simulator, spoken to by the SDK's
 * Client over an in-memory transport. Fast (no process to spawn), so the plumbing's behaviours are covered here in
 * detail; the end-to-end tests over stdio cover the same paths as a user's agent meets them.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { staticTokenProvider } from '../../src/auth/access-token-provider.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { Logger } from '../../src/logging.js';
import { createServer } from '../../src/mcp/server.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from '../../src/mcp/tool.js';
import { buildTools } from '../../src/resources/registry.js';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';

let sim: GraphSimulator;
let client: Client;

/** A tool whose answer does not match its output schema, and one that answers an unreadable shape. */
const oddTool = defineTool({
  name: 'odd-shape',
  title: 'Odd shape',
  description: 'Answers with a shape its output schema refuses.',
  inputSchema: z.strictObject({}),
  outputSchema: z.looseObject({ id: z.string() }),
  annotations: READ_ONLY_ANNOTATIONS,
  mutates: true,
  toolsets: [],
  readWith: 'get-enrollment-profile',
  run: async () => ({ structured: { id: 42, token: 'SHOULD-NOT-BE-QUOTED' }, write: 'applied' }),
});

beforeAll(async () => {
  sim = await startGraphSimulator();
  const graph = new GraphClient({
    baseUrl: sim.baseUrl,
    tokens: staticTokenProvider('in-process-token-0123'),
    timeoutMs: 5000,
    maxRetries: 1,
  });
  const tools = buildTools().filter((tool) => !tool.name.includes('device-owner'));
  const server = createServer(
    {
      title: 'test',
      instructions: 'test',
      tools: [...tools, oddTool],
      withheld: new Map([
        ['update-device-owner-enrollment-profile', 'belongs to a toolset this server does not enable.'],
      ]),
      revealSecrets: false,
      simulated: false,
    },
    { graph, logger: new Logger() },
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'in-process', version: '1' });
  await client.connect(clientSide);
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = (result: CallToolResult) => result.content.map((block) => ('text' in block ? block.text : '')).join('\n');

describe('createServer', () => {
  it('lists exactly the tools it is given', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('odd-shape');
    expect(tools.map((tool) => tool.name)).not.toContain('update-device-owner-enrollment-profile');
  });

  it('refuses a withheld tool with its reason; an unknown tool is a protocol error', async () => {
    const withheld = await call('update-device-owner-enrollment-profile', {});
    expect(withheld.isError).toBe(true);
    expect(text(withheld)).toContain('belongs to a toolset this server does not enable. Nothing was sent to Graph.');
    await expect(call('no-such-tool', {})).rejects.toThrow(/Unknown tool: no-such-tool/);
  });

  it('explains bad arguments: read-only properties, unknown ones, retired dryRun', async () => {
    const result = await call('update-enrollment-profile', {
      id: 'e6742553-2553-e674-5325-74e6532574e6',
      createdDateTime: '2027-01-01T00:00:00Z',
      colour: 'blue',
      dryRun: true,
    });
    expect(text(result)).toContain('Invalid arguments for update-enrollment-profile; nothing was sent to Graph.');
    expect(text(result)).toContain('createdDateTime is read-only');
    expect(text(result)).toContain('colour is not an argument of this tool. It takes: id,');
    expect(text(result)).toContain('dryRun is gone: preview a change with preview-enrollment-profile-update');
    expect(sim.requestsOf('PATCH')).toHaveLength(0);
  });

  it('a result that does not match the output schema is an error naming the paths, never quoting the data, saying the write was applied', async () => {
    const result = await call('odd-shape', {});
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('unexpected shape: id:');
    expect(text(result)).toContain('The change WAS applied');
    expect(text(result)).toContain('get-enrollment-profile');
    expect(JSON.stringify(result)).not.toContain('SHOULD-NOT-BE-QUOTED');
  });

  it('returns structured content and the same JSON, compact, as text', async () => {
    const result = await call('get-enrollment-profile', { id: 'e6742553-2553-e674-5325-74e6532574e6' });
    const [first] = result.content;
    expect(first?.type === 'text' && JSON.parse(first.text)).toEqual(result.structuredContent);
    expect(first?.type === 'text' && first.text).not.toContain('\n');
  });
});
