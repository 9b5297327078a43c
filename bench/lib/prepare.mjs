// What the bench needs besides dist/: the minimal one-tool server it compares start-up against, the Graph
// simulator compiled from src/ and the fake Entra ID compiled from test/helpers/ (the same code the tests use). Both go to bench/.build/, which is git-ignored; the
// minimal server is written fresh on every run so that nothing tuned can creep into it.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUILD_DIR = fileURLToPath(new URL('../.build/', import.meta.url));
export const MINIMAL_SERVER = `${BUILD_DIR}minimal-server.mjs`;
export const SIMULATOR_MODULE = `${BUILD_DIR}graph-simulator.mjs`;
export const FAKE_ENTRA_MODULE = `${BUILD_DIR}fake-entra.mjs`;

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
  const compile = (contents, outfile) =>
    build({
      stdin: { contents, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts' },
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      logLevel: 'warning',
    });
  await Promise.all([
    compile("export * from './src/simulator/graph-simulator.ts';", SIMULATOR_MODULE),
    compile(
      "export * from './test/helpers/fake-entra.ts';\nexport * from './test/auth/sign-in-env.ts';",
      FAKE_ENTRA_MODULE,
    ),
  ]);
}
