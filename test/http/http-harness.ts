/**
 * The built server in HTTP mode as a separate process, and the SDK's Streamable HTTP client against it: what a hosted
 * agent or a shared deployment sees. The server listens on a free loopback port (--http 127.0.0.1:0) and says which
 * on stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FakeEntra } from '../helpers/fake-entra.js';
import { SERVER_BIN } from '../helpers/mcp-harness.js';

export const CLOCK_SKEW = fileURLToPath(new URL('./clock-skew.mjs', import.meta.url));

/**
 * The environment of an HTTP server in Entra mode: its app registration in the fake Entra ID (trusted through
 * NODE_EXTRA_CA_CERTS) for the On-Behalf-Of exchange, and Graph at `graphUrl`.
 */
export function entraModeEnv(
  entra: FakeEntra,
  app: { readonly clientId: string; readonly secret: string },
  graphUrl: string,
): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: entra.caCertPath,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: app.secret,
    INTUNE_MCP_GRAPH_URL: graphUrl,
  };
}

export interface HttpServerProcess {
  readonly child: ChildProcess;
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** {baseUrl}/mcp */
  readonly endpoint: string;
  stderr(): string;
  /** The one line per tool call the server writes. */
  toolCallLines(): ToolCallLine[];
  close(): Promise<void>;
}

export interface ToolCallLine {
  readonly user: string;
  readonly tool: string;
  readonly profile: string;
  readonly outcome: string;
  readonly clientRequestIds: string[];
}

export async function startHttpServerProcess(
  env: Record<string, string>,
  args: string[] = [],
  { listen = '127.0.0.1:0', nodeArgs = [] as string[] } = {},
): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, SERVER_BIN, '--http', listen, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stderr}`)), 15_000);
    const look = () => {
      const match = /listening on (http:\/\/\S+?);/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${stderr}`));
    });
  });
  return {
    child,
    baseUrl,
    endpoint: `${baseUrl}/mcp`,
    stderr: () => stderr,
    toolCallLines: () => parseToolCallLines(stderr),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      if (stdout !== '') throw new Error(`the server wrote to stdout in HTTP mode:\n${stdout}`);
    },
  };
}

export function parseToolCallLines(stderr: string): ToolCallLine[] {
  return [
    ...stderr.matchAll(/tool call: user=(\S+) tool=(\S+) profile=(\S+) outcome=(\S+) client-request-id=(\S+)/g),
  ].map(([, user = '', tool = '', profile = '', outcome = '', ids = '']) => ({
    user,
    tool,
    profile,
    outcome,
    clientRequestIds: ids === '-' ? [] : ids.split(','),
  }));
}

export interface HttpClient {
  readonly client: Client;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** The SDK's client over Streamable HTTP, sending `token` as a bearer token on every request when given. */
export async function connectHttpClient(endpoint: string, token?: string): Promise<HttpClient> {
  const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
  });
  const client = new Client({ name: 'intune-enrollment-mcp-http-tests', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

export const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
} as const;

/** One JSON-RPC message POSTed as is, for what the SDK client would not send. */
export async function postMcp(
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function toolCall(id: number, name: string, args: Record<string, unknown> = {}): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}
