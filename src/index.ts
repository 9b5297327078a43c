/**
 * The bin: read the configuration (fail fast, naming the variable), wire tokens → Graph client → MCP server, serve it
 * over stdio, and exit promptly when the client goes away. stdout carries only JSON-RPC; everything else is stderr.
 * With --http the same tools are served over Streamable HTTP instead (http-mode.ts; the HTTP server itself is a chunk
 * loaded only then), and the process runs until SIGTERM; stdout stays unused and diagnostics stay on stderr.
 */
import { type AccessTokenProvider, staticTokenProvider } from './auth/access-token-provider.js';
import { azureIdentityTokenProvider, preloadAzureIdentity } from './auth/azure-identity-provider.js';
import { describeCloudMismatches } from './auth/cloud-mismatch.js';
import { answerInformationalFlags, greetTerminalUser } from './cli.js';
import { type Config, ConfigError, loadConfig, SECRET_VARIABLES } from './config.js';
import { GraphClient } from './graph/graph-client.js';
import { closeHttpTransport, preloadHttpTransport, useProxyEnvironment } from './graph/http-transport.js';
import { proxyCredentials } from './graph/proxy.js';
import { serveHttp } from './http-mode.js';
import { Logger, writeDiagnostic } from './logging.js';
import { createServer, type ServerOptions } from './mcp/server.js';
import { describeFailedCall } from './mcp/tool-call-log.js';
import { PACKAGE_NAME } from './package-info.js';
import { serverInstructions } from './resources/instructions.js';
import { INTUNE_STATUS_HINTS } from './resources/intune-status-hints.js';
import { buildTools, kindsIn, PROFILE_KINDS } from './resources/registry.js';
import {
  registerSecret,
  revealEnrollmentSecrets,
  scrubSecrets,
  scrubSecretsFromLog,
} from './security/secret-scrubber.js';
import type { GraphSimulator } from './simulator/graph-simulator.js';
import { createStdioTransport, describeOversized } from './stdio-transport.js';

const SHUTDOWN_GRACE_MS = 500;

/**
 * stdout is the JSON-RPC channel, but libraries print: @azure/identity's default device-code prompt, for one, is a
 * console.log. Route every console method to stderr so nothing a dependency prints can corrupt the protocol.
 */
function keepConsoleOffStdout(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.trace = toStderr;
  console.dir = toStderr;
  console.table = toStderr;
}

async function main(): Promise<void> {
  const informational = answerInformationalFlags(process.argv.slice(2));
  if (informational !== undefined) {
    process.exitCode = informational; // not exit(): stdout may still be flushing the text
    return;
  }
  keepConsoleOffStdout();
  // Known before anything can fail, so that even a configuration error cannot print one.
  for (const name of SECRET_VARIABLES) registerSecret(process.env[name]);
  for (const credential of proxyCredentials(process.env)) registerSecret(credential);
  const config = readConfigOrExit();
  revealEnrollmentSecrets(config.revealEnrollmentTokens);
  // Graph follows the proxy variables as the sign-in does; the built-in simulator is never reached through a proxy.
  if (!config.simulate) useProxyEnvironment(process.env);
  const logger = new Logger();
  const simulator = config.simulate ? await startSimulator() : undefined;
  if (config.http) {
    await serveHttp({
      config,
      http: config.http,
      logger,
      simulator,
      serverOptions: serverOptions(config, Boolean(simulator)),
      // With Entra ID every caller brings their own sign-in; the server's own is not made.
      tokens: config.http.entra ? undefined : createTokenProvider(config, logger),
    });
    return;
  }
  const tokens = createTokenProvider(config, logger);
  const graph = new GraphClient({
    baseUrl: simulator?.baseUrl ?? config.graphBaseUrl,
    tokens,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    statusHints: INTUNE_STATUS_HINTS,
  });
  const server = createServer(serverOptions(config, Boolean(simulator)), {
    graph,
    logger,
    // The agent sees a failure in the result; the admin reading the client's log of the server sees this line.
    onToolCall: (record) => {
      const failure = describeFailedCall(record);
      if (failure) void logger.warning(failure);
    },
  });
  server.oninitialized = () => {
    // Log notifications only after the handshake: before it, the client has not agreed to anything.
    logger.attachClient((level, data) => server.sendLoggingMessage({ level, logger: PACKAGE_NAME, data }));
    // Warm up what the first call needs once the handshake is done, off the start-up path.
    setTimeout(() => {
      preloadHttpTransport();
      if (config.auth !== 'token' && !simulator) preloadAzureIdentity();
    }, 250).unref();
  };

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const closing = Promise.allSettled([server.close(), simulator?.close(), closeHttpTransport()]);
    const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    void Promise.race([closing, grace]).then(() => process.exit(0));
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.on('error', shutdown); // a stdin that fails (EIO, ECONNRESET) has lost its client too
  process.stdout.on('error', shutdown); // the client closed its end of the pipe
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('unhandledRejection', (reason) => void logger.error(`Unhandled rejection: ${String(reason)}`));

  const transport = createStdioTransport(
    (message, maxBytes) => void logger.warning(describeOversized(message, maxBytes)),
  );
  // Whatever closes the transport ends the process: a server must never linger without its client (the simulator's
  // HTTP server would otherwise keep it alive). The SDK chains this with its own handler on connect.
  transport.onclose = shutdown;
  await server.connect(transport);
  await logger.info(startupMessage(config, simulator));
  if (!simulator && config.auth !== 'token') {
    for (const mismatch of describeCloudMismatches(config.cloud, config.graphBaseUrl, config.authorityHost)) {
      await logger.warning(mismatch);
    }
  }
  greetTerminalUser();
}

/** The tools this deployment offers (toolsets, read-only mode) and why it withholds the others. */
function serverOptions(config: Config, simulated: boolean): ServerOptions {
  const kinds = kindsIn(config.toolsets);
  const enabled = buildTools(kinds);
  const offered = enabled.filter((tool) => !(config.readOnly && tool.mutates));
  const withheld = new Map<string, string>();
  for (const tool of buildTools(PROFILE_KINDS)) {
    if (offered.some((kept) => kept.name === tool.name)) continue;
    withheld.set(
      tool.name,
      config.readOnly && tool.mutates
        ? 'changes the tenant and this server runs in read-only mode (INTUNE_MCP_READ_ONLY / --read-only).'
        : `belongs to the ${tool.toolsets.join(' or ')} toolset, which this server does not enable (INTUNE_MCP_TOOLSETS is ${config.toolsets.join(',')}).`,
    );
  }
  return {
    title: 'Intune enrollment profiles',
    instructions: serverInstructions({
      kinds,
      readOnly: config.readOnly,
      revealSecrets: config.revealEnrollmentTokens,
      simulated,
    }),
    tools: offered,
    withheld,
    revealSecrets: config.revealEnrollmentTokens,
    simulated,
  };
}

function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeDiagnostic(`${PACKAGE_NAME}: configuration error: ${scrubSecrets(error.message)}\n`);
    process.exit(2);
  }
}

/** Imported only in simulate mode: it brings node:http and node:crypto, a few ms of start-up that other modes never need. */
async function startSimulator(): Promise<GraphSimulator> {
  const { startGraphSimulator } = await import('./simulator/graph-simulator.js');
  return startGraphSimulator({ recordRequests: false });
}

function createTokenProvider(config: Config, logger: Logger): AccessTokenProvider {
  if (config.simulate) return staticTokenProvider('simulator-token', 'the simulator (no credentials)');
  if (config.auth === 'token') return staticTokenProvider(config.accessToken ?? '');
  return azureIdentityTokenProvider({
    mode: config.auth,
    scope: config.cloud.graphScope,
    authorityHost: config.authorityHost,
    env: process.env,
    logger,
    timeoutMs: config.timeoutMs,
    sendCertificateChain: config.sendCertificateChain,
  });
}

function startupMessage(config: Config, simulator: GraphSimulator | undefined): string {
  const mode = config.readOnly ? ' (read-only)' : '';
  if (simulator) {
    return `simulate mode${mode}: serving the built-in Graph simulator at ${simulator.baseUrl}; no tenant is contacted and no credentials are used.`;
  }
  const signIn = config.auth === 'token' ? 'the given access token' : `${config.auth} at ${config.authorityHost}`;
  return `ready${mode}: Graph ${config.graphBaseUrl}, cloud ${config.cloud.name}, sign-in ${signIn}.`;
}

main().catch((error: unknown) => {
  writeDiagnostic(
    `${PACKAGE_NAME}: fatal: ${scrubSecretsFromLog(error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
});
