// Bundles the server into dist/. dist/index.js is the start-up path only (src/start.ts): the configuration, stdin, and
// the handshake baked in here (bakeHandshake), answered before anything else loads. The server itself (src/index.ts:
// the SDK, zod, the tools) is a chunk it imports right after (dist/chunks/, code splitting: the modules both use are
// loaded once); undici and the simulator are chunks of their own, loaded on first use. @azure/identity stays an
// installed dependency, imported only when a credential is needed. The bundle also leaves out what this server never
// runs (see startupDiet; `npm run bench` measures the effect). BUILD_MINIFY=false npm run build gives a readable
// bundle, e.g. for a CPU profile.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const minify = process.env.BUILD_MINIFY !== 'false';

/**
 * Imported lazily by the server, each built into its own file and imported by path. The code importing them lands in
 * the server's chunk, in dist/chunks/ like them (checkLazyImports makes sure every such path resolves).
 */
const LAZY_MODULES = {
  undici: { entry: 'undici', file: 'chunks/undici.js' },
  simulator: {
    entry: 'src/simulator/graph-simulator.ts',
    file: 'chunks/graph-simulator.js',
    importedAs: './simulator/graph-simulator.js',
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  legalComments: 'none',
  logLevel: 'warning',
  minify,
  // Bundled CommonJS dependencies call require(); ESM has none, so give each output file one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
};

await rm('dist', { recursive: true, force: true });
const handshake = await bakeHandshake();
const [server] = await Promise.all([
  build({
    ...common,
    entryPoints: { index: 'src/start.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    external: ['@azure/identity'],
    plugins: [startupDiet(), lazyModules()],
    define: { __INTUNE_MCP_HANDSHAKE__: JSON.stringify(handshake) },
    metafile: true,
  }),
  ...Object.values(LAZY_MODULES).map(({ entry, file }) =>
    build({ ...common, entryPoints: [entry], outfile: `dist/${file}` }),
  ),
]);
warnAboutWholeZod(server.metafile);
await checkLazyImports(server.metafile);

/** `import('undici')` and the simulator stay separate files, loaded on first use, imported from dist/chunks/. */
function lazyModules() {
  return {
    name: 'lazy-modules',
    setup(build) {
      for (const { entry, file, importedAs = entry } of Object.values(LAZY_MODULES)) {
        const filter = new RegExp(`^${importedAs.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) =>
          args.kind === 'dynamic-import' ? { path: `./${file.replace(/^chunks\//, '')}`, external: true } : undefined,
        );
      }
    },
  };
}

/** Every lazy module a built file imports by path is where that path points. */
async function checkLazyImports(metafile) {
  for (const output of Object.keys(metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    const text = await readFile(output, 'utf8');
    for (const { file } of Object.values(LAZY_MODULES)) {
      const name = file.replace(/^chunks\//, '');
      if (!text.includes(`"./${name}"`) && !text.includes(`'./${name}'`)) continue;
      if (!existsSync(join(dirname(output), name))) {
        throw new Error(`build: ${output} imports ./${name}, which is not next to it (dist/${file}).`);
      }
    }
  }
}

/**
 * `import { z } from 'zod'` brings all of zod (JSON Schema import, compiled parsers, …: ~90 KB, 4–9 ms of start-up);
 * `import * as z from 'zod'` lets the bundler keep only what is used. One such import anywhere undoes it.
 */
function warnAboutWholeZod(metafile) {
  const inputs = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs ?? {}));
  if (inputs.some((input) => /zod[\\/]v4[\\/]classic[\\/]from-json-schema\.js$/.test(input))) {
    console.warn(
      "build: the start-up bundle holds all of zod; in src/, write `import * as z from 'zod'`, not `import { z }`.",
    );
  }
}

/**
 * Two dependencies that the bundle would carry and compile on every start-up, for code this server never runs:
 * - zod's 40-odd translations of its error messages (`z.locales`, ~370 KB): only English is used.
 * - Ajv (~270 KB with its formats and URI parser): the SDK's Server uses it only to check elicitation answers, and
 *   src/server.ts passes its own `jsonSchemaValidator`, so the SDK's default one is never constructed.
 */
function startupDiet() {
  return {
    name: 'startup-diet',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]v4[\\/](classic|mini|core)$/.test(args.resolveDir)
          ? { path: args.resolveDir, namespace: 'zod-english-only' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
        contents: "export { default as en } from '../locales/en.js';",
        resolveDir: args.path,
      }));
      build.onResolve({ filter: /[\\/]validation[\\/]ajv-provider\.js$/ }, () => ({
        path: 'ajv-provider',
        namespace: 'no-ajv',
      }));
      build.onLoad({ filter: /.*/, namespace: 'no-ajv' }, () => ({
        contents:
          "export class AjvJsonSchemaValidator { constructor() { throw new Error('Ajv is not bundled: pass a jsonSchemaValidator (see scripts/build.mjs).'); } }",
      }));
    },
  };
}

/**
 * The handshake (src/mcp/handshake.ts), once per build: every tool's listing (JSON Schemas converted from the zod
 * schemas by src/mcp/tool-listing.ts), with its toolsets and whether it writes, and the instructions of every
 * deployment (each non-empty set of toolsets, read-only or not, secrets revealed or not), from the same functions
 * src/index.ts calls; and the protocol versions of the SDK the server is built with.
 */
async function bakeHandshake() {
  const dir = await mkdtemp(join(tmpdir(), 'intune-mcp-build-'));
  try {
    const file = join(dir, 'handshake.mjs');
    const { outputFiles } = await build({
      stdin: {
        contents: [
          "import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';",
          "import { instructionsKey } from './src/mcp/handshake.js';",
          "import { convertTool } from './src/mcp/tool-listing.js';",
          "import { serverInstructions } from './src/resources/instructions.js';",
          "import { buildTools, kindsIn } from './src/resources/registry.js';",
          "import { TOOLSET_NAMES } from './src/settings.js';",
          'const tools = buildTools().map((tool) => ({',
          '  name: tool.name,',
          '  mutates: tool.mutates,',
          '  toolsets: tool.toolsets,',
          '  listing: JSON.stringify(convertTool(tool)),',
          '}));',
          'const subsets = TOOLSET_NAMES.reduce((all, name) => [...all, ...all.map((set) => [...set, name])], [[]]);',
          'const instructions = {};',
          'for (const toolsets of subsets.filter((set) => set.length > 0)) {',
          '  for (const readOnly of [false, true]) {',
          '    for (const revealSecrets of [false, true]) {',
          '      instructions[instructionsKey({ toolsets, readOnly, revealSecrets })] = serverInstructions({',
          '        kinds: kindsIn(toolsets),',
          '        readOnly,',
          '        revealSecrets,',
          '        simulated: false,',
          '      });',
          '    }',
          '  }',
          '}',
          'export default {',
          '  protocolVersions: SUPPORTED_PROTOCOL_VERSIONS,',
          '  latestProtocolVersion: LATEST_PROTOCOL_VERSION,',
          '  tools,',
          '  instructions,',
          '};',
        ].join('\n'),
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'warning',
    });
    await writeFile(file, outputFiles[0].contents);
    return (await import(pathToFileURL(file).href)).default;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
