/**
 * createServer: the SDK's low-level Server with the tools it is given, instructions and logging. It knows tools, never
 * a resource. Read-only mode and toolsets are properties of the registry (a withheld tool is neither listed nor
 * callable), not checks inside handlers. `serverFactory` prepares the listing once and makes a Server per connection:
 * the stateless HTTP transport needs one per request (an SDK Server serves one transport at a time).
 */
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type CallToolRequest,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { GraphClient } from '../graph/graph-client.js';
import type { RetryNotice } from '../graph/pipeline.js';
import type { Logger } from '../logging.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-info.js';
import { describeInputIssues, type ToolArguments } from './input-errors.js';
import type { ToolContext, ToolDefinition } from './tool.js';
import { describeTool } from './tool-listing.js';
import { answerToResult, errorResult, failureResult, type Presentation } from './tool-results.js';
import { ToolServer } from './tool-server.js';

/**
 * The SDK's Server validates JSON Schemas only for elicitation answers, and this server never elicits. Its default
 * (Ajv, compiled at construction) costs start-up time and memory with its code in the bundle (npm run bench), so the
 * build leaves Ajv out (scripts/build.mjs) and a validator must be given here.
 */
const NO_JSON_SCHEMA_VALIDATION: jsonSchemaValidator = {
  getValidator() {
    throw new Error(`${PACKAGE_NAME} sends no elicitation requests and carries no JSON Schema validator.`);
  },
};

/**
 * The Graph client of one tool call, chosen from the caller: in HTTP mode the verified token the transport hands over
 * (extra.authInfo), so each person reaches Graph as themselves. `sent` hears the client-request-id of each request.
 */
export type GraphForCall = (caller: AuthInfo | undefined, sent: (clientRequestId: string) => void) => GraphClient;

/** A finished tool call, for the one log line per call of a shared (HTTP) server. */
export interface ToolCallRecord {
  readonly tool: string;
  readonly caller: AuthInfo | undefined;
  readonly args: Record<string, unknown>;
  /** Undefined when the call was rejected as a JSON-RPC error (an unknown tool). */
  readonly result: CallToolResult | undefined;
  /** The client-request-id of every Graph request the call sent, in order. */
  readonly clientRequestIds: readonly string[];
}

export interface ServerDependencies {
  /** One client for every call (stdio: the server's own sign-in), or the caller's own, chosen per call. */
  readonly graph: GraphClient | GraphForCall;
  readonly logger: Logger;
  readonly onToolCall?: (record: ToolCallRecord) => void;
}

export interface ServerOptions {
  readonly title: string;
  readonly instructions: string;
  /** The tools offered. */
  readonly tools: readonly ToolDefinition[];
  /** Tools this deployment withholds, with why: a call to one is refused with that reason, not "unknown tool". */
  readonly withheld: ReadonlyMap<string, string>;
  readonly revealSecrets: boolean;
  readonly simulated: boolean;
}

export function createServer(options: ServerOptions, deps: ServerDependencies): Server {
  return serverFactory(options, deps)();
}

/** Prepares the tools once; each call of the result is a new Server offering them. */
export function serverFactory(options: ServerOptions, deps: ServerDependencies): () => Server {
  const byName = new Map(options.tools.map((tool) => [tool.name, tool]));
  const presentation: Presentation = { simulated: options.simulated };
  const listing = { tools: options.tools.map(describeTool) };
  /** For input error messages: what each tool takes, read off its listing. */
  const argumentsOf = new Map<string, ToolArguments>(
    listing.tools.map((listed) => [
      listed.name,
      {
        known: Object.keys(listed.inputSchema.properties ?? {}),
        readOnly: byName.get(listed.name)?.readOnlyArguments,
        retired: byName.get(listed.name)?.retiredArguments,
      },
    ]),
  );
  const available = () => [...byName.keys()].join(', ');

  const callTool = async (
    request: CallToolRequest,
    extra: ToolCallExtra,
    sent: (clientRequestId: string) => void,
  ): Promise<CallToolResult> => {
    const { name, arguments: args = {} } = request.params;
    const tool = byName.get(name);
    if (!tool) {
      const why = options.withheld.get(name);
      if (why) return errorResult(`Refused: ${name} ${why} Nothing was sent to Graph. Available: ${available()}.`);
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}. Tools: ${available()}.`);
    }
    const screened = tool.screenArguments?.(args);
    if (screened !== undefined) return errorResult(screened, presentation);
    const parsed = tool.inputSchema.safeParse(args);
    if (!parsed.success) {
      return errorResult(
        describeInputIssues(name, parsed.error.issues, argumentsOf.get(name) ?? { known: [] }),
        presentation,
      );
    }
    const progressToken = request.params._meta?.progressToken;
    let progress = 0;
    const context: ToolContext = {
      graph: typeof deps.graph === 'function' ? deps.graph(extra.authInfo, sent) : deps.graph,
      signal: extra.signal,
      revealSecrets: options.revealSecrets,
      onRetry: async (notice: RetryNotice) => {
        const message = `${notice.reason}; retrying in ${formatSeconds(notice.delayMs)} (attempt ${notice.nextAttempt} of ${notice.maxAttempts})`;
        await deps.logger.info(`${name}: ${message}`);
        if (progressToken === undefined) return;
        progress += 1;
        // Awaited, so the notification is written before the result: a progress notification that arrives after
        // the result is dropped by the client as belonging to an unknown request.
        await extra
          .sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress, total: notice.maxAttempts, message },
          })
          .catch(() => undefined); // a client that cannot hear progress must not fail the call
      },
    };
    return runTool(tool, parsed.data, context, presentation);
  };

  return () => {
    // ToolServer: tools/call past the SDK's per-message schema parsing on the stdio lane (see tool-server.ts); any
    // other transport (HTTP) takes the SDK's own path with the same handler.
    const server = new ToolServer(
      { name: PACKAGE_NAME, title: options.title, version: PACKAGE_VERSION },
      {
        capabilities: { tools: {}, logging: {} },
        instructions: options.instructions,
        jsonSchemaValidator: NO_JSON_SCHEMA_VALIDATION,
      },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => listing);
    const { onToolCall } = deps;
    if (!onToolCall) {
      server.handleToolCalls((request, extra) => callTool(request, extra, ignore));
      return server;
    }
    server.handleToolCalls(async (request, extra) => {
      const clientRequestIds: string[] = [];
      const record = (result: CallToolResult | undefined) =>
        onToolCall({
          tool: request.params.name,
          caller: extra.authInfo,
          args: request.params.arguments ?? {},
          result,
          clientRequestIds,
        });
      try {
        const result = await callTool(request, extra, (id) => void clientRequestIds.push(id));
        record(result);
        return result;
      } catch (error) {
        record(undefined);
        throw error;
      }
    });
    return server;
  };
}

type ToolCallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

function ignore(): void {}

async function runTool(
  tool: ToolDefinition,
  input: unknown,
  context: ToolContext,
  presentation: Presentation,
): Promise<CallToolResult> {
  try {
    return answerToResult(tool, await tool.run(input, context), presentation);
  } catch (error) {
    return failureResult(error, tool, presentation);
  }
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
