/**
 * The shared deployment: the same tools over the SDK's Streamable HTTP transport at POST /mcp, stateless, so any
 * number of replicas can sit behind any HTTP balancer without session affinity. Each request gets a fresh transport
 * and a fresh SDK Server (the SDK's stateless pattern: a Server serves one transport at a time) made from the tools
 * prepared once at start-up. Loaded only in HTTP mode (index.ts imports it on demand; scripts/build.mjs makes it a
 * chunk of its own).
 *
 * Before a request reaches MCP: the Origin check, the caller's token (INTUNE_MCP_HTTP_AUTH=entra), the body bound and
 * the bound on concurrent tool calls. A refused request never reaches a tool, so nothing reaches Graph.
 *
 * This module keeps no state shared with the rest of the server (the secret scrubber, the Graph transport, the
 * tools): what it needs of them comes in through HttpServerOptions, because a chunk of its own would hold copies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { HttpConfig } from '../config.js';
import { EntraTokenCheck, type FetchText } from './entra-token-check.js';
import {
  bearerChallenge,
  MCP_PATH,
  METADATA_PATH,
  type ProtectedResource,
  protectedResource,
  resourceMetadata,
} from './protected-resource.js';
import {
  CallGate,
  MAX_BODY_BYTES,
  messagesOf,
  originAllowed,
  readBody,
  toolCallsIn,
  wantsProgress,
} from './request-guards.js';

/** Longer than the idle timeout of common balancers (nginx 60 s, AWS ALB 60 s), so they close idle connections first. */
const KEEP_ALIVE_MS = 65_000;
/** A refused call may be retried this many seconds later (503). */
const RETRY_AFTER_S = 1;

export type LogLevel = 'info' | 'warning' | 'error';

export interface HttpServerOptions {
  readonly config: HttpConfig;
  /** AZURE_AUTHORITY_HOST or the cloud's: where the callers' tokens come from. */
  readonly authorityHost: string;
  /** A new MCP Server offering this deployment's tools; its tools/call picks the caller's Graph client. */
  readonly newServer: () => Server;
  /** A GET through the server's HTTP path (proxies, timeout): the OpenID configuration and the key set. */
  readonly fetchText: FetchText;
  readonly log: (level: LogLevel, message: string) => void;
}

export interface RunningHttpServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  readonly listenUrl: string;
  /** The MCP endpoint as clients reach it: {public URL}/mcp. */
  readonly endpoint: string;
  /** Stops taking connections, lets requests in progress finish for up to `graceMs`, then closes the rest. */
  close(graceMs: number): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { config, log } = options;
  const gate = new CallGate(config.maxConcurrentCalls);
  let inFlight = 0;
  let idle: (() => void) | undefined;
  // Known once listening (the port may be 0); the routes read them only after that.
  let publicUrl = '';
  let resource: ProtectedResource | undefined;
  let tokenCheck: EntraTokenCheck | undefined;

  const http = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    route(req, res).catch((error: unknown) => {
      log(
        'error',
        `HTTP ${req.method} ${pathOf(req)} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) rpcError(res, 500, -32603, 'Internal error.');
      else res.destroy();
    });
  });
  http.keepAliveTimeout = KEEP_ALIVE_MS;
  http.headersTimeout = KEEP_ALIVE_MS + 1000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (path === '/healthz') return health(req, res);
    if (path === METADATA_PATH || path === `${METADATA_PATH}${MCP_PATH}`) return metadata(req, res);
    if (path === MCP_PATH) return mcp(req, res);
    sendJson(res, 404, {
      error: 'not_found',
      error_description: `Nothing at ${path}: the MCP endpoint is ${MCP_PATH}.`,
    });
  }

  function health(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') methodNotAllowed(res, 'GET, HEAD');
    else sendJson(res, 200, { status: 'ok' });
  }

  function metadata(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      methodNotAllowed(res, 'GET, HEAD');
      return;
    }
    if (!resource) {
      sendJson(res, 404, { error: 'not_found', error_description: 'This server does not take OAuth tokens.' });
      return;
    }
    // Public, the same for everyone: browsers may read it from any origin, caches may keep it.
    sendJson(res, 200, resourceMetadata(resource), {
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=3600',
    });
  }

  async function mcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, new URL(publicUrl).origin)) {
      return rpcError(res, 403, -32000, `Forbidden: requests from the origin ${origin} are not accepted.`);
    }
    if (req.method !== 'POST') {
      // Stateless: no session to resume, delete or listen to (GET's stream); every message is one POST.
      return methodNotAllowed(res, 'POST');
    }
    let caller: AuthInfo | undefined;
    if (config.entra) {
      // Fail closed: with Entra ID configured, no call goes on without a checked token.
      if (!tokenCheck || !resource) return rpcError(res, 503, -32000, 'Starting: retry shortly.');
      const checked = await tokenCheck.check(req.headers.authorization);
      if (!checked.ok) {
        const headers: Record<string, string> =
          checked.status === 503
            ? { 'retry-after': String(RETRY_AFTER_S) }
            : { 'www-authenticate': bearerChallenge(resource, checked.error, checked.description) };
        sendJson(
          res,
          checked.status,
          {
            error: checked.error ?? (checked.status === 503 ? 'temporarily_unavailable' : 'unauthorized'),
            error_description: checked.description,
          },
          headers,
        );
        return;
      }
      caller = checked.caller;
    }
    const body = await readBody(req);
    if (!body.ok) {
      return rpcError(res, 413, -32000, `Payload Too Large: a request body may have at most ${MAX_BODY_BYTES} bytes.`);
    }
    let parsed: unknown;
    if (isJson(req.headers['content-type'])) {
      try {
        parsed = JSON.parse(body.text);
      } catch {
        return rpcError(res, 400, -32700, 'Parse error: Invalid JSON');
      }
    } // otherwise the transport answers 415 without reading the (already read) body
    const messages = messagesOf(parsed);
    const calls = toolCallsIn(messages);
    if (calls > gate.max) {
      // Waiting would not help: this batch alone is over the limit.
      return rpcError(
        res,
        400,
        -32600,
        `Invalid Request: a batch of ${calls} tool calls is more than the ${gate.max} this server runs at once (INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS): send at most ${gate.max} per request.`,
      );
    }
    if (!gate.tryEnter(calls)) {
      return rpcError(
        res,
        503,
        -32000,
        `Server busy: ${gate.inProgress} tool calls in progress here (INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS=${gate.max}). Retry shortly.`,
        { 'retry-after': String(RETRY_AFTER_S) },
      );
    }
    let left = false;
    res.on('close', () => {
      if (left) return;
      left = true;
      gate.leave(calls);
    });
    const server = options.newServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: !wantsProgress(messages),
    });
    // When the answer is sent, or the client goes away: a call still running is aborted (its Graph request too).
    res.on('close', () => void server.close());
    await server.connect(transport);
    // The SDK's Node transport hands req.auth to every request handler as extra.authInfo.
    Object.assign(req, { auth: caller });
    await transport.handleRequest(req, res, parsed);
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const listenUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  publicUrl = config.publicUrl ?? listenUrl;
  if (config.entra) {
    const { tenantId, clientId, audience, scope } = config.entra;
    resource = protectedResource(publicUrl, options.authorityHost, tenantId, audience, scope);
    tokenCheck = new EntraTokenCheck({
      authority: resource.authorizationServer,
      clientId,
      audience,
      scope,
      resource: resource.resource,
      fetchText: options.fetchText,
    });
    tokenCheck
      .warmUp()
      .catch((error: unknown) =>
        log(
          'warning',
          `Entra ID's signing keys could not be read yet (${error instanceof Error ? error.message : String(error)}); callers get 503 until they can.`,
        ),
      );
  }
  http.on('error', (error) => log('error', `HTTP server: ${error.message}`));

  return {
    listenUrl,
    endpoint: `${publicUrl}${MCP_PATH}`,
    close: async (graceMs) => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      if (inFlight > 0) {
        const drained = new Promise<void>((resolve) => {
          idle = resolve;
        });
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
      http.closeAllConnections();
      await closed;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A JSON-RPC error envelope, as the SDK's transport words its own HTTP-level refusals. */
function rpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null }, headers);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  rpcError(res, 405, -32000, `Method not allowed: use ${allow}.`, { allow });
}
