/**
 * Drives the real, built server the way a user's agent does: spawned over stdio, spoken to with the SDK's Client.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const SERVER_BIN = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface RunningServer {
  readonly client: Client;
  readonly transport: StdioClientTransport;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  call(
    name: string,
    args: Record<string, unknown>,
    options?: Parameters<Client['callTool']>[2],
  ): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}, args: string[] = []): Promise<RunningServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_BIN, ...args],
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'intune-enrollment-mcp-tests', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    transport,
    stderr: () => stderr,
    call: async (name, toolArgs, options) =>
      (await client.callTool({ name, arguments: toolArgs }, undefined, options)) as CallToolResult,
    close: () => client.close(),
  };
}

export interface ServerExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built server with exactly this environment (plus PATH) and waits for it to exit, for what a start that
 * fails (or a flag that answers and exits) prints. One that does not exit within 15 s, waiting on stdin, is stopped.
 */
export function runServerToExit(env: Record<string, string>, args: string[] = []): Promise<ServerExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill(), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The JSON-RPC message with this id among the lines `output()` holds so far, polled for until it comes: for tests that
 * speak raw JSON-RPC to a spawned server. `gaveUp()` says why waiting is over early (the process exited), if it is;
 * `context()` adds what helps read a failure (its stderr, or everything it wrote).
 */
export async function answerFrom(
  output: () => string,
  id: number | string,
  options: { timeoutMs?: number; gaveUp?: () => string | undefined; context?: () => string } = {},
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const found = output()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((message) => message.id === id);
    if (found) return found;
    const why = options.gaveUp?.() ?? (Date.now() > deadline ? 'timed out' : undefined);
    if (why) throw new Error(`no answer to ${id} (${why}):\n${options.context?.() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function textOf(result: CallToolResult): string {
  return result.content
    .filter((block): block is { type: 'text'; text: string } => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

/** The env for a server pointed at a simulator with a static token. */
export function graphEnv(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { INTUNE_MCP_GRAPH_URL: baseUrl, INTUNE_MCP_ACCESS_TOKEN: 'test-access-token-0123456789', ...extra };
}
