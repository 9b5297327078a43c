// Bundles the server into dist/: one ESM file for the start-up path, with undici (and anything else imported lazily)
// in chunks loaded on first use. @azure/identity stays an installed dependency, imported only when a credential is
// needed. Reading one file instead of hundreds is most of what makes start-up fast; what is left is compiling and
// running that file, so the bundle also leaves out what this server never runs (see startupDiet; `npm run bench`
// measures the effect). BUILD_MINIFY=false npm run build gives a readable bundle, e.g. for a CPU profile.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const minify = process.env.BUILD_MINIFY !== 'false';

/** Imported lazily by the server, each built into its own file; the start-up bundle imports them by path. */
const LAZY_MODULES = {
  undici: { entry: 'undici', file: 'chunks/undici.js' },
  simulator: {
    entry: 'src/simulator/graph-simulator.ts',
    file: 'chunks/graph-simulator.js',
    importedAs: './simulator/graph-simulator.js',
  },
  http: { entry: 'src/http/http-server.ts', file: 'chunks/http-server.js', importedAs: './http/http-server.js' },
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
const toolListing = await convertToolListing();
const [server] = await Promise.all([
  build({
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: 'dist/index.js',
    external: ['@azure/identity'],
    plugins: [startupDiet(), lazyModules()],
    define: { __INTUNE_MCP_TOOL_LISTING__: JSON.stringify(toolListing) },
    metafile: true,
  }),
  ...Object.values(LAZY_MODULES).map(({ entry, file }) =>
    build({ ...common, entryPoints: [entry], outfile: `dist/${file}` }),
  ),
]);
warnAboutWholeZod(server.metafile);

/** `import('undici')` and the simulator stay separate files, loaded on first use; no shared chunk is read at start-up. */
function lazyModules() {
  return {
    name: 'lazy-modules',
    setup(build) {
      for (const { entry, file, importedAs = entry } of Object.values(LAZY_MODULES)) {
        const filter = new RegExp(`^${importedAs.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) =>
          args.kind === 'dynamic-import' ? { path: `./${file}`, external: true } : undefined,
        );
      }
    },
  };
}

/**
 * `import { z } from 'zod'` brings all of zod (JSON Schema import, compiled parsers, …: ~90 KB, 4–9 ms of start-up);
 * `import * as z from 'zod'` lets the bundler keep only what is used. One such import anywhere undoes it.
 */
function warnAboutWholeZod(metafile) {
  const inputs = Object.keys(metafile.outputs['dist/index.js']?.inputs ?? {});
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

/** tools/list's JSON Schemas, converted from the zod schemas by src/tools/tool-listing.ts, once per build. */
async function convertToolListing() {
  const dir = await mkdtemp(join(tmpdir(), 'intune-mcp-build-'));
  try {
    const file = join(dir, 'tool-listing.mjs');
    const { outputFiles } = await build({
      stdin: {
        contents: [
          "import { buildTools } from './src/resources/registry.js';",
          "import { convertTool } from './src/mcp/tool-listing.js';",
          'export default Object.fromEntries(buildTools().map((tool) => [tool.name, convertTool(tool)]));',
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
