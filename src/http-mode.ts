/**
 * HTTP mode (--http): the wiring of a shared server. Each tool call gets a Graph client of its caller: with Entra ID
 * (INTUNE_MCP_HTTP_AUTH=entra) one whose tokens are exchanged from the caller's own token (On-Behalf-Of), with `none`
 * (loopback only) the server's own sign-in as in stdio mode. Every tool call is one line on stderr. The HTTP server
 * itself (node:http, jose, the SDK's Streamable HTTP transport) is a chunk loaded here, only in this mode; what it needs
 * of the rest of the process is handed to it, so that it keeps no copy of their state.
 */
import type { AccessTokenProvider } from './auth/access-token-provider.js';
import { preloadAzureIdentity } from './auth/azure-identity-provider.js';
import { callerIdentity, OnBehalfOfTokens } from './auth/on-behalf-of.js';
import type { Config, HttpConfig } from './config.js';
import { GraphClient } from './graph/graph-client.js';
import { closeHttpTransport, createHttpTransport, preloadHttpTransport } from './graph/http-transport.js';
import type { Logger } from './logging.js';
import { type GraphForCall, type ServerOptions, serverFactory } from './mcp/server.js';
import { describeToolCall } from './mcp/tool-call-log.js';
import { INTUNE_STATUS_HINTS } from './resources/intune-status-hints.js';
import type { GraphSimulator } from './simulator/graph-simulator.js';

/** After SIGTERM, calls in progress get this long to finish (Kubernetes waits 30 s before it kills). */
const SHUTDOWN_GRACE_MS = 10_000;

export interface HttpModeOptions {
  readonly config: Config;
  readonly http: HttpConfig;
  readonly logger: Logger;
  readonly simulator: GraphSimulator | undefined;
  readonly serverOptions: ServerOptions;
  /** The server's own sign-in; undefined with Entra ID, where every caller brings their own. */
  readonly tokens: AccessTokenProvider | undefined;
}

export async function serveHttp(options: HttpModeOptions): Promise<void> {
  const { config, http, logger, simulator } = options;
  const graph = graphForCalls(options);
  const newServer = serverFactory(options.serverOptions, {
    graph,
    logger,
    onToolCall: (record) => void logger.info(describeToolCall(record, (caller) => callerIdentity(caller)?.oid ?? '-')),
  });
  // The OpenID configuration and the key set travel the same path as Graph requests: same proxy rules, timeout, cap.
  const send = createHttpTransport(config.timeoutMs);
  const fetchText = async (url: string, signal: AbortSignal | undefined) => {
    const response = await send({ method: 'GET', url, idempotent: true, clientRequestId: crypto.randomUUID(), signal });
    return { status: response.status, bodyText: response.bodyText };
  };
  const { startHttpServer } = await import('./http/http-server.js');
  const running = await startHttpServer({
    config: http,
    authorityHost: config.authorityHost,
    newServer,
    fetchText,
    log: (level, message) => void logger.log(level, message),
  });
  preloadHttpTransport();
  if (http.entra || (config.auth !== 'token' && !simulator)) preloadAzureIdentity();

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void logger.info('stopping: no new requests; calls in progress may finish.');
    void Promise.allSettled([running.close(SHUTDOWN_GRACE_MS), simulator?.close()])
      .then(() => closeHttpTransport())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('unhandledRejection', (reason) => void logger.error(`Unhandled rejection: ${String(reason)}`));
  await logger.info(startupMessage(options, running.listenUrl, running.endpoint));
}

/** Per call: the caller's own Graph client (On-Behalf-Of), or one on the server's own sign-in. */
function graphForCalls({ config, http, simulator, tokens }: HttpModeOptions): GraphForCall {
  const clientWith = (provider: AccessTokenProvider, sent: (clientRequestId: string) => void) =>
    new GraphClient({
      baseUrl: simulator?.baseUrl ?? config.graphBaseUrl,
      tokens: provider,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      statusHints: INTUNE_STATUS_HINTS,
      onRequest: sent,
    });
  if (!http.entra) {
    if (!tokens) throw new Error('HTTP mode without Entra ID needs the server’s own sign-in.');
    return (_caller, sent) => clientWith(tokens, sent);
  }
  const obo = new OnBehalfOfTokens({
    tenantId: http.entra.tenantId,
    clientId: http.entra.clientId,
    credential: http.entra.credential,
    env: process.env,
    sendCertificateChain: config.sendCertificateChain,
    authorityHost: config.authorityHost,
    scope: config.cloud.graphScope,
    timeoutMs: config.timeoutMs,
  });
  return (caller, sent) => clientWith(obo.forCaller(caller), sent);
}

/**
 * One line per tool call, for the operator: who (the user's object id, as Intune's audit log shows it), what, on
 * which profile, how it ended, and the client-request-id of each Graph request (Graph and Intune support find a
 * request by it). Never a token: only these fields are written, and the logger scrubs the line too.
 */
function startupMessage({ config, http, simulator }: HttpModeOptions, listenUrl: string, endpoint: string): string {
  const mode = config.readOnly ? ' (read-only)' : '';
  const graph = simulator ? `the built-in Graph simulator at ${simulator.baseUrl}` : `Graph ${config.graphBaseUrl}`;
  const callers = http.entra
    ? `callers: Entra ID tokens of tenant ${http.entra.tenantId} for ${http.entra.audience} with the scope ${http.entra.scope}; Graph as each caller (On-Behalf-Of, ${http.entra.credential})`
    : `callers: not checked (INTUNE_MCP_HTTP_AUTH=none, loopback only); Graph with the server's own sign-in (${simulator ? 'none needed' : config.auth})`;
  return `HTTP mode${mode}: listening on ${listenUrl}; MCP endpoint ${endpoint}; ${callers}; ${graph}; at most ${http.maxConcurrentCalls} tool calls at once.`;
}
