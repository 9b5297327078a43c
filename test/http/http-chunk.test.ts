/**
 * The HTTP server is a chunk of its own (scripts/build.mjs), loaded only in HTTP mode: the start-up bundle carries
 * none of it (not node:http handling, not jose, not the SDK's HTTP transport). And because a chunk bundles its own
 * copy of whatever it imports, it must import nothing of ours that keeps state (the secret scrubber, the Graph
 * transport and its proxy settings, the tools with their baked listing): those reach it through HttpServerOptions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));

describe('the HTTP chunk', () => {
  it('is imported by the server chunk only on demand, and neither the start file nor the server holds its code', () => {
    const startup = readFileSync(dist('index.js'), 'utf8');
    const server = readFileSync(dist('chunks/server.mjs'), 'utf8');
    const chunk = readFileSync(dist('chunks/http-server.mjs'), 'utf8');
    expect(server).toMatch(/import\(\s*["']\.\/http-server\.mjs["']\s*\)/);
    for (const marker of ['oauth-protected-resource', 'ERR_JWKS_NO_MATCHING_KEY', 'Stateless transport cannot']) {
      expect(chunk, marker).toContain(marker);
      expect(startup, marker).not.toContain(marker);
      expect(server, marker).not.toContain(marker);
    }
  });

  it('bundles only src/http/ and the pure loopback check of our own code', async () => {
    const result = await build({
      entryPoints: ['src/http/http-server.ts'],
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: 'http-server.js',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('src/'));
    expect(inputs.length).toBeGreaterThan(3);
    expect(inputs.filter((input) => !input.startsWith('src/http/') && input !== 'src/loopback.ts')).toEqual([]);
  });
});
