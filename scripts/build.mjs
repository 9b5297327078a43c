// Bundles the server into dist/. dist/index.js is the start-up path only (src/start.ts): the configuration, stdin, and
// the handshake baked in here (bakeHandshake, dist/handshake.json), answered before anything else loads. It is CommonJS (dist/package.json
// says so): Node 20 starts a CommonJS file ~5 ms sooner than an ES module, whose loader it then sets up only when the
// server is imported. The server itself (src/index.ts: the SDK, zod, the tools) is dist/chunks/server.mjs, imported
// right after the handshake; undici and the simulator are chunks of their own, loaded on first use. The two bundles
// share no module instance but stdin's reader (src/stdio-input.ts keeps it where both find it). @azure/identity stays
// an installed dependency, imported only when a credential is needed. The bundles also leave out what this server
// never runs (see startupDiet; `npm run bench` measures the effect). BUILD_MINIFY=false npm run build gives readable
// bundles, e.g. for a CPU profile.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const minify = process.env.BUILD_MINIFY !== 'false';

/** The handshake, read by dist/index.js (src/mcp/handshake.ts); the server chunk holds it inline. */
const HANDSHAKE_FILE = 'handshake.json';

/** The server, imported by dist/index.js once the handshake is answered (src/start.ts imports './index.js'). */
const SERVER_CHUNK = 'chunks/server.mjs';

/**
 * Imported lazily by the server, each built into its own file and imported by path from the server chunk, which is
 * in dist/chunks/ like them (checkLazyImports makes sure every such path resolves).
 */
const LAZY_MODULES = {
  undici: { entry: 'undici', file: 'chunks/undici.mjs' },
  simulator: {
    entry: 'src/simulator/graph-simulator.ts',
    file: 'chunks/graph-simulator.mjs',
    importedAs: './simulator/graph-simulator.js',
  },
  http: { entry: 'src/http/http-server.ts', file: 'chunks/http-server.mjs', importedAs: './http/http-server.js' },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  legalComments: 'none',
  logLevel: 'warning',
  minify,
  // Bundled CommonJS dependencies (undici) call require(); ESM has none, so give such a file one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
};

await rm('dist', { recursive: true, force: true });
const handshakeJson = JSON.stringify(await bakeHandshake());
const handshake = JSON.stringify(handshakeJson);
const [start, server] = await Promise.all([
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['src/start.ts'],
    outfile: 'dist/index.js',
    plugins: [serverChunk()],
    define: { __INTUNE_MCP_HANDSHAKE_FILE__: JSON.stringify(HANDSHAKE_FILE) },
    banner: { js: '#!/usr/bin/env node' },
    metafile: true,
  }),
  build({
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: `dist/${SERVER_CHUNK}`,
    external: ['@azure/identity'],
    plugins: [startupDiet(), lazyModules()],
    define: { __INTUNE_MCP_HANDSHAKE__: handshake },
    // Nothing bundled here calls require() (checkNoRequire), so no createRequire either.
    banner: {},
    metafile: true,
  }),
  ...Object.values(LAZY_MODULES).map(({ entry, file }) =>
    build({ ...common, entryPoints: [entry], outfile: `dist/${file}` }),
  ),
]);
await mkdir('dist', { recursive: true });
await writeFile('dist/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
await writeFile(`dist/${HANDSHAKE_FILE}`, handshakeJson);
warnAboutWholeZod(server.metafile);
checkStartUpPath(start.metafile);
await checkLazyImports(server.metafile);
await checkNoRequire(server.metafile);

/** src/start.ts's `import('./index.js')` is the server chunk, kept a separate file. */
function serverChunk() {
  return {
    name: 'server-chunk',
    setup(build) {
      build.onResolve({ filter: /^\.\/index\.js$/ }, (args) =>
        args.kind === 'dynamic-import' ? { path: `./${SERVER_CHUNK}`, external: true } : undefined,
      );
    },
  };
}

/** The start-up bundle holds neither the SDK nor zod: they are what it exists to avoid loading. */
function checkStartUpPath(metafile) {
  const inputs = Object.keys(metafile.inputs);
  const heavy = inputs.filter((input) => /node_modules[\\/](zod|@modelcontextprotocol)[\\/]/.test(input));
  if (heavy.length > 0) throw new Error(`build: dist/index.js bundles ${heavy.join(', ')}; keep src/start.ts light.`);
}

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

/** The server chunk has no require() (its banner does not define one). */
async function checkNoRequire(metafile) {
  for (const output of Object.keys(metafile.outputs)) {
    if (!/\.m?js$/.test(output)) continue;
    if (/\b__require\b|\brequire\(/.test(await readFile(output, 'utf8'))) {
      throw new Error(`build: ${output} calls require(); give that build the createRequire banner (common.banner).`);
    }
  }
}

/** Every lazy module a built file imports by path is where that path points. */
async function checkLazyImports(metafile) {
  for (const output of Object.keys(metafile.outputs)) {
    if (!/\.m?js$/.test(output)) continue;
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
      "build: the server chunk holds all of zod; in src/, write `import * as z from 'zod'`, not `import { z }`.",
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
