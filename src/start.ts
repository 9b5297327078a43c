/**
 * The bin (dist/index.js). A client waits for initialize and tools/list before it can use the server, so a plain
 * stdio start answers those first from what the build baked in (src/stdio-front.ts) and loads the server itself,
 * src/index.ts (built into a chunk of its own), right after. Every other start goes straight to src/index.ts, which
 * then behaves exactly as it would alone: --help, --version, --simulate, --http or INTUNE_MCP_HTTP, an unknown flag, a
 * configuration error (it reports it and exits 2), a person at a terminal.
 */
import { loadConfig } from './config.js';
import { BAKED_HANDSHAKE, type Deployment } from './mcp/handshake.js';
import { startStdioFront } from './stdio-front.js';

/** The deployment the front answers for, or undefined when src/index.ts must handle this start itself. */
function frontDeployment(): Deployment | undefined {
  if (!BAKED_HANDSHAKE || process.stdin.isTTY) return undefined;
  if (process.argv.slice(2).some((arg) => arg !== '--read-only')) return undefined;
  try {
    const config = loadConfig();
    if (config.simulate || config.http) return undefined; // the simulator, or HTTP mode (INTUNE_MCP_HTTP): no stdio front
    return { toolsets: config.toolsets, readOnly: config.readOnly, revealSecrets: config.revealEnrollmentTokens };
  } catch {
    return undefined; // src/index.ts reads the configuration again and reports the problem
  }
}

function loadServer(): Promise<unknown> {
  return import('./index.js').catch((error: unknown) => {
    process.stderr.write(`intune-enrollment-mcp: fatal: the server could not be loaded: ${String(error)}\n`);
    process.exit(1);
  });
}

const deployment = frontDeployment();
if (BAKED_HANDSHAKE && deployment) {
  // Until src/index.ts installs its own handling: the client going away, or a signal, ends the process quietly.
  const quit = () => process.exit(0);
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  process.stdout.on('error', quit);
  startStdioFront(BAKED_HANDSHAKE, deployment, () => {
    void loadServer().then(() => {
      process.off('SIGINT', quit);
      process.off('SIGTERM', quit);
      process.stdout.off('error', quit);
    });
  });
} else {
  void loadServer();
}
