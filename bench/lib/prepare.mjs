// What the bench needs besides dist/, built into bench/.build/ (git-ignored) on every run so that nothing stale or
// tuned can creep in: the plain peer and the SDK floor (bench/peer/), bundled with the options scripts/build.mjs
// gives the server (one minified ESM file, node20.19), but without its start-up diet: they are written and built the
// obvious way. And the fake Entra ID the tests use (test/helpers/), for the sign-in burst.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUILD_DIR = fileURLToPath(new URL('../.build/', import.meta.url));
export const PEER_SERVER = `${BUILD_DIR}plain-peer.mjs`;
export const FLOOR_SERVER = `${BUILD_DIR}sdk-floor.mjs`;
export const FAKE_ENTRA_MODULE = `${BUILD_DIR}fake-entra.mjs`;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** scripts/build.mjs's `common`, minus what it leaves out of the server (zod locales, Ajv) and the lazy chunks. */
const LIKE_THE_SERVER = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  legalComments: 'none',
  logLevel: 'warning',
  minify: process.env.BUILD_MINIFY !== 'false',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
};

export async function prepare() {
  await mkdir(BUILD_DIR, { recursive: true });
  await Promise.all([
    build({ ...LIKE_THE_SERVER, entryPoints: [`${ROOT}bench/peer/plain-peer.mjs`], outfile: PEER_SERVER }),
    build({ ...LIKE_THE_SERVER, entryPoints: [`${ROOT}bench/peer/sdk-floor.mjs`], outfile: FLOOR_SERVER }),
    build({
      stdin: { contents: "export * from './test/helpers/fake-entra.ts';", resolveDir: ROOT, loader: 'ts' },
      outfile: FAKE_ENTRA_MODULE,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      logLevel: 'warning',
    }),
  ]);
}
