// The "plain peer" npm run bench compares this server with: the update tool written the obvious way, as the SDK's
// README and a quick-start would have it. McpServer + zod raw shapes, undici's request(), the Graph answer returned
// as is (compact JSON text plus structuredContent). No redaction, no retries, no output checks of its own: what the
// SDK does for every server is all it does. bench/lib/prepare.mjs bundles it like the server (minified ESM).
// Keep it plain: it is the yardstick, and anything tuned here would flatter neither side.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { request } from 'undici';
import { z } from 'zod';

const GRAPH = process.env.INTUNE_MCP_GRAPH_URL ?? 'https://graph.microsoft.com/beta';
const TOKEN = process.env.INTUNE_MCP_ACCESS_TOKEN;

const server = new McpServer({ name: 'plain-peer', version: '1.0.0' });

server.registerTool(
  'update-enrollment-profile',
  {
    description: 'Updates an Intune Android for Work enrollment profile and returns it.',
    inputSchema: {
      id: z.uuid(),
      displayName: z.string().nullable().optional(),
      description: z.string().nullable().optional(),
    },
    // A loose object, not the raw shape { id, displayName }: the SDK publishes a raw shape with additionalProperties:
    // false, and the SDK's own client then refuses every Graph answer (a profile has a dozen more properties).
    outputSchema: z.looseObject({ id: z.string(), displayName: z.string().nullable().optional() }),
  },
  async ({ id, ...patch }) => {
    const url = `${GRAPH}/deviceManagement/androidForWorkEnrollmentProfiles/${id}`;
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
    const { statusCode, body } = await request(url, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    if (statusCode >= 300) throw new Error(`Graph answered ${statusCode}: ${await body.text()}`);
    let profile;
    if (statusCode === 204) {
      // Intune often answers a PATCH with 204 No Content: read the profile back, as the server does.
      await body.dump();
      const read = await request(url, { headers });
      if (read.statusCode !== 200) throw new Error(`Graph answered ${read.statusCode}: ${await read.body.text()}`);
      profile = await read.body.json();
    } else {
      profile = await body.json();
    }
    return { content: [{ type: 'text', text: JSON.stringify(profile) }], structuredContent: profile };
  },
);

await server.connect(new StdioServerTransport());
