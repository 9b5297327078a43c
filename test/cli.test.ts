/**
 * The command line as a person meets it: --help prints the one list of settings and a client configuration,
 * --version the version, both exit 0 without starting a session; a server started by hand in a terminal says what it
 * waits for (checked under `script`, which gives it a pseudo-terminal), and one started by a client through pipes
 * does not.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { FLAGS, SETTING_NAMES, SETTINGS, type Setting } from '../src/settings.js';
import { runServerToExit, SERVER_BIN } from './helpers/mcp-harness.js';

const run = (args: string[], env: Record<string, string> = {}) => runServerToExit(env, args);

describe('--help', () => {
  it.each(['--help', '-h'])(
    '%s prints usage, flags, every setting and a client configuration; exit 0',
    async (flag) => {
      // Even with a configuration that would stop the server: help needs none.
      const { code, stdout, stderr } = await run([flag], { INTUNE_MCP_AUTH: 'nonsense' });
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^intune-enrollment-mcp \d+\.\d+\.\d+/);
      expect(stdout).toContain('Usage: intune-enrollment-mcp [--simulate] [--read-only]');
      expect(stdout).toMatch(/stdin\/stdout/);
      for (const { name } of FLAGS) expect(stdout).toContain(`  ${name}`);
      for (const name of SETTING_NAMES) {
        const setting: Setting = SETTINGS[name];
        expect(stdout).toContain(`  ${name}\n      ${setting.description}`);
        if (setting.secret) expect(stdout).toMatch(new RegExp(`  ${name}\\n.*\\n.*secret`));
      }
      // AZURE_CLIENT_SECRET
      expect(stdout).toContain(
        'used by: INTUNE_MCP_AUTH=default, client-secret; --http with INTUNE_MCP_HTTP_AUTH=entra)',
      );
      const snippet = stdout.split('\n').find((line) => line.trim().startsWith('{"mcpServers"'));
      expect(JSON.parse(snippet ?? '')).toEqual({
        mcpServers: { 'intune-enrollment': { command: 'npx', args: ['-y', 'intune-enrollment-mcp', '--simulate'] } },
      });
    },
  );
});

it('--version prints the version and exits 0', async () => {
  const { code, stdout, stderr } = await run(['--version']);
  expect(code).toBe(0);
  expect(stdout).toBe(`${packageJson.version}\n`);
  expect(stderr).toBe('');
});

it('an unknown argument still stops the server, listing the flags', async () => {
  const { code, stdout, stderr } = await run(['--frobnicate']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain(
    'Unknown argument "--frobnicate". Supported: --simulate, --read-only, --http [host:]port, --help, --version.',
  );
});

describe('started by hand in a terminal', () => {
  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(hasScript)('says on stderr that it speaks MCP on stdin/stdout and waits for a client', async () => {
    // script gives the server a pseudo-terminal as stdin/stdout/stderr and copies what it writes to our stdout.
    const child = spawn('script', ['-qec', `'${process.execPath}' '${SERVER_BIN}' --simulate`, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', TERM: 'dumb' },
    });
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString('utf8')));
    const exited = once(child, 'exit');
    await expect.poll(() => seen, { timeout: 10_000 }).toContain('waits for an MCP client');
    expect(seen).toMatch(/speaks MCP \(JSON-RPC\) on stdin\/stdout/);
    child.stdin.write('\u0004'); // Ctrl+D: end of input at the terminal
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const [code] = (await exited) as [number | null];
    clearTimeout(timer);
    expect(code).toBe(0);
  });

  it('says nothing of the kind when a client starts it through pipes', async () => {
    const child = spawn(process.execPath, [SERVER_BIN, '--simulate'], { env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await expect.poll(() => stderr, { timeout: 10_000 }).toContain('simulate mode');
    child.stdin.end();
    await once(child, 'exit');
    expect(stderr).not.toContain('waits for an MCP client');
  });
});
