/**
 * What agents see of each tool (name, title, description, annotations, input and output schema), as tools/list of the
 * built server shows it, kept as one snapshot file per tool (after github-mcp-server's __toolsnaps__): any change is a
 * diff to review. Run `npx vitest run test/mcp/tool-listing.test.ts -u` after an intended change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/mcp-harness.js';

let server: RunningServer;
let tools: Awaited<ReturnType<RunningServer['client']['listTools']>>['tools'];

beforeAll(async () => {
  server = await startServer({}, ['--simulate']);
  ({ tools } = await server.client.listTools());
});
afterAll(async () => {
  await server.close();
});

describe('tools/list', () => {
  it('lists the 13 tools', () => {
    expect(tools).toHaveLength(13);
  });

  it('costs an agent at most 3,000 bytes of context a tool on average, every toolset on (issue 13)', () => {
    // The tools/list answer as it goes on the wire: the JSON-RPC envelope is a few dozen bytes of it.
    const bytes = Buffer.byteLength(JSON.stringify({ result: { tools }, jsonrpc: '2.0', id: 2 }));
    expect(bytes / tools.length).toBeLessThanOrEqual(3000);
  });

  it('matches the reviewed snapshot of every tool', async () => {
    for (const tool of tools) {
      await expect(`${JSON.stringify(tool, null, 2)}\n`).toMatchFileSnapshot(`./__toolsnaps__/${tool.name}.snap.json`);
    }
  });

  it('every schema is portable: nullable as anyOf, no empty additionalProperties, Int32 as integer with bounds', () => {
    const problems: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, index) => {
          visit(item, `${path}[${index}]`);
        });
        return;
      }
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (Array.isArray(schema.type)) problems.push(`${path}: type is an array`);
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object' && Object.keys(extra).length === 0) {
        problems.push(`${path}: additionalProperties is {}`);
      }
      for (const [key, value] of Object.entries(schema)) visit(value, `${path}.${key}`);
    };
    for (const tool of tools) {
      visit(tool.inputSchema, `${tool.name}.inputSchema`);
      visit(tool.outputSchema, `${tool.name}.outputSchema`);
    }
    expect(problems).toEqual([]);
    const count = (schema: unknown) =>
      (schema as { properties: Record<string, unknown> }).properties.enrolledDeviceCount as Record<string, unknown>;
    const get = tools.find((tool) => tool.name === 'get-enrollment-profile');
    const update = tools.find((tool) => tool.name === 'update-enrollment-profile');
    expect(JSON.stringify(count(get?.outputSchema))).toContain('"type":"integer"');
    expect(JSON.stringify(count(get?.outputSchema))).toContain('2147483647');
    expect(count(update?.inputSchema)).toMatchObject({ type: 'integer', minimum: 0, maximum: 2147483647 });
  });
});
