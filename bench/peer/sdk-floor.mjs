// The "SDK floor" for start-up and memory: the SDK's low-level Server with one tool and nothing else (no zod of
// its own, a hand-written JSON Schema, default options), bundled like the server. A server built on the SDK cannot
// start faster than this unless it leaves parts of the SDK out.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new Server({ name: 'sdk-floor', version: '1.0.0' }, { capabilities: { tools: {} } });
const tools = [
  {
    name: 'echo',
    description: 'Echoes its input.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
];
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, async (request) => ({
  content: [{ type: 'text', text: String(request.params.arguments?.text ?? '') }],
}));
await server.connect(new StdioServerTransport());
