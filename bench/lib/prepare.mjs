// What the bench needs besides dist/: the minimal one-tool server it compares start-up against, and the Graph
// simulator compiled from src/ (the same code the tests use). Both go to bench/.build/, which is git-ignored; the
// minimal server is written fresh on every run so that nothing tuned can creep into it.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUILD_DIR = fileURLToPath(new URL('../.build/', import.meta.url));
export const MINIMAL_SERVER = `${BUILD_DIR}minimal-server.mjs`;
export const SIMULATOR_MODULE = `${BUILD_DIR}graph-simulator.mjs`;

/**
 * "A one-tool server on the bare SDK": McpServer + zod + one registerTool + StdioServerTransport, run unbundled from
 * the project's node_modules, as a quick-start tutorial writes it.
 */
const MINIMAL_SERVER_SOURCE = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'minimal', version: '1.0.0' });
server.registerTool(
  'echo',
  { description: 'Echoes its input.', inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: 'text', text }] }),
);
await server.connect(new StdioServerTransport());
`;

export async function prepare() {
  await mkdir(BUILD_DIR, { recursive: true });
  await writeFile(MINIMAL_SERVER, MINIMAL_SERVER_SOURCE);
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/simulator/graph-simulator.ts', import.meta.url))],
    outfile: SIMULATOR_MODULE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    logLevel: 'warning',
  });
}
