/**
 * What `npm pack` would publish: the built server and its documents, nothing of the sources or tests.
 * (.ci/run also installs the real tarball into an empty prefix and starts it: scripts/check-packed-install.sh.)
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageJson, ROOT } from './project-files.js';

interface PackResult {
  files: { path: string }[];
}

function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(output) as PackResult[];
  return (result?.files ?? []).map((file) => file.path).sort();
}

describe('npm package', () => {
  const files = packedFiles();

  it('contains the built server, server.json, README and LICENSE', () => {
    expect(files).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'dist/index.js', 'package.json', 'server.json']),
    );
    expect(files.some((file) => file.startsWith('dist/chunks/'))).toBe(true);
  });

  it('contains nothing but those', () => {
    const unexpected = files.filter(
      (file) => !/^(dist\/.+\.js|LICENSE|README\.md|package\.json|server\.json)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('starts from a bin that is in the package', () => {
    expect(packageJson.bin).toEqual({ 'intune-enrollment-mcp': 'dist/index.js' });
    expect(packageJson.license).toBe('MIT');
    expect(packageJson.engines.node).toBe('>=20.19');
  });
});
