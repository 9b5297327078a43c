/**
 * The command line as a person meets it: `--help` and `--version` answer and exit before anything else happens, and
 * a server started by hand in a terminal says what it is waiting for. The server itself is started by an MCP client
 * and speaks JSON-RPC on stdin/stdout; everything in this file is for the person at a terminal.
 */
import { writeDiagnostic } from './logging.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';
import { FLAGS, SETTING_NAMES, SETTINGS, type Setting, type UsedBy } from './settings.js';

const CLIENT_CONFIG = {
  mcpServers: { 'intune-enrollment': { command: 'npx', args: ['-y', PACKAGE_NAME, '--simulate'] } },
};

/**
 * Answers `--help`/`-h` and `--version` (written to stdout: no MCP session starts) and returns the exit code, or
 * undefined when the arguments are for the server.
 */
export function answerInformationalFlags(argv: readonly string[]): number | undefined {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText());
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  return undefined;
}

export function helpText(): string {
  const flagWidth = Math.max(...FLAGS.map((flag) => flag.name.length));
  const lines = [
    `${PACKAGE_NAME} ${PACKAGE_VERSION}: an MCP server for Microsoft Intune enrollment profiles (Microsoft Graph).`,
    '',
    `Usage: ${PACKAGE_NAME} [--simulate] [--read-only] [--http [host:]port]`,
    `       ${PACKAGE_NAME} --help | --version`,
    '',
    'The server speaks MCP (JSON-RPC) on stdin/stdout: an MCP client starts it, and diagnostics go to stderr.',
    'With --http it serves many clients over Streamable HTTP at POST /mcp instead (a shared deployment).',
    'It is configured by environment variables; a wrong value stops it at start-up naming the variable (exit 2).',
    '',
    'Flags:',
    ...FLAGS.map((flag) => `  ${flag.name.padEnd(flagWidth)}  ${flag.description}`),
    '',
    'Environment variables:',
  ];
  for (const name of SETTING_NAMES) {
    const setting: Setting = SETTINGS[name];
    const facts = [
      setting.default === undefined ? undefined : `default: ${setting.default}`,
      setting.secret ? 'secret: never shown' : undefined,
      `used by: ${usedBy(setting.usedBy)}`,
    ].filter(Boolean);
    lines.push(`  ${name}`, `      ${setting.description}`, `      (${facts.join('; ')})`);
  }
  lines.push(
    '',
    'An MCP client configuration (e.g. claude_desktop_config.json), to try the built-in simulator:',
    `  ${JSON.stringify(CLIENT_CONFIG)}`,
    '',
    'More: https://github.com/intune-enrollment-mcp/intune-enrollment-mcp#configuration',
    '',
  );
  return lines.join('\n');
}

function usedBy(modes: UsedBy): string {
  if (modes === 'all') return 'every mode';
  if (modes === 'network') return 'every mode but --simulate';
  if (modes === 'http') return '--http';
  const signIn = modes.filter((mode) => mode !== 'http-entra');
  const entra = modes.includes('http-entra') ? ['--http with INTUNE_MCP_HTTP_AUTH=entra'] : [];
  return [...(signIn.length > 0 ? [`INTUNE_MCP_AUTH=${signIn.join(', ')}`] : []), ...entra].join('; ');
}

/**
 * Someone ran the server in a terminal: it would sit there silently, which looks like a hang. Say what it is doing.
 * (A client always connects through pipes, never a terminal.)
 */
export function greetTerminalUser(): void {
  if (!process.stdin.isTTY) return;
  writeDiagnostic(
    `${PACKAGE_NAME}: this is an MCP server: it speaks MCP (JSON-RPC) on stdin/stdout and waits for an MCP client to connect. Configure it in your MCP client instead of running it here (see --help). Press Ctrl+C to stop.\n`,
  );
}
