/**
 * What `npm pack` would publish: the built server and its documents, nothing of the sources or tests.
 * (.ci/run also installs the real tarball into an empty prefix and starts it: scripts/check-packed-install.sh.)
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageJson, ROOT, readText } from './project-files.js';

interface PackResult {
  /** Bytes of the .tgz: what npx downloads. */
  size: number;
  files: { path: string }[];
}

function dryRunPack(): PackResult {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(output) as PackResult[];
  if (!result) throw new Error(`npm pack --dry-run --json gave no result: ${output}`);
  return result;
}

describe('npm package', () => {
  const pack = dryRunPack();
  const files = pack.files.map((file) => file.path).sort();

  it('contains the built server, server.json, README and LICENSE', () => {
    expect(files).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'dist/index.js', 'package.json', 'server.json']),
    );
    expect(files.some((file) => file.startsWith('dist/chunks/'))).toBe(true);
  });

  it('contains nothing but those', () => {
    const unexpected = files.filter(
      // dist/package.json makes dist/index.js CommonJS and dist/handshake.json is what it answers the handshake with
      // (the faster start, scripts/build.mjs); the rest is .mjs.
      (file) =>
        !/^(dist\/.+\.m?js|dist\/(package|handshake)\.json|LICENSE|README\.md|package\.json|server\.json)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('starts from a bin that is in the package', () => {
    expect(packageJson.bin).toEqual({ 'intune-enrollment-mcp': 'dist/index.js' });
    expect(packageJson.license).toBe('MIT');
    expect(packageJson.engines.node).toBe('>=20.19');
  });

  it("is the size the README's troubleshooting says npx downloads", () => {
    const stated = /downloads the package \((\d+) kB\)/.exec(readText('README.md'))?.[1];
    expect(stated, 'README: "downloads the package (N kB)"').toBeDefined();
    // Rounded in the README; a quarter off means the sentence is stale.
    expect(Math.abs(Number(stated) * 1000 - pack.size) / pack.size).toBeLessThan(0.25);
  });
});
