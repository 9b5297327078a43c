/**
 * createServer: the MCP server with its tools, instructions and logging. Read-only mode is a property of the
 * registry (the update tool is neither listed nor callable), not a check inside handlers.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { EnrollmentProfilesApi } from './graph/enrollment-profiles.js';
import type { RetryNotice } from './graph/pipeline.js';
import type { Logger } from './logging.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';
import { ALL_TOOLS } from './tools/index.js';
import { describeInputIssues } from './tools/input-errors.js';
import type { ToolContext, ToolDefinition } from './tools/tool.js';
import { describeTool } from './tools/tool-listing.js';
import { appliedNote, errorResult, failureResult } from './tools/tool-results.js';

/** The loop an agent should follow, told in the initialize result; it says what this server's mode leaves out. */
export function serverInstructions(options: ServerOptions): string {
  const lines = ['Manages Microsoft Intune Android for Work enrollment profiles through Microsoft Graph.'];
  if (options.readOnly) {
    lines.push(
      'This server is read-only (INTUNE_MCP_READ_ONLY / --read-only): use list-enrollment-profiles to find profiles (filter by displayName) and get-enrollment-profile to read one; it cannot change them.',
    );
  } else {
    lines.push(
      '1. list-enrollment-profiles to find the profile and its id (filter by displayName).',
      '2. get-enrollment-profile to read it; note its lastModifiedDateTime.',
      '3. update-enrollment-profile with dryRun: true and only the properties to change, to show the change (from → to) before making it.',
      '4. update-enrollment-profile without dryRun, passing that lastModifiedDateTime as expectedLastModifiedDateTime: if someone changed the profile since you read it, the update is refused (checked just before the PATCH).',
    );
  }
  lines.push(
    options.revealEnrollmentTokens
      ? 'Enrollment tokens (tokenValue, qrCodeContent, qrCodeImage.value) are shown, because the operator allowed it: they are secrets that let anyone enroll a device; do not repeat them needlessly.'
      : 'Enrollment tokens are secrets: tokenValue, qrCodeContent and qrCodeImage.value appear as "[redacted]".',
  );
  if (options.simulated) {
    lines.push('Simulate mode: every result comes from a built-in simulator; no real tenant is read or changed.');
  }
  return lines.join('\n');
}

/**
 * The SDK's Server validates JSON Schemas only for elicitation answers, and this server never elicits. Its default
 * (Ajv, compiled at construction) cost ~10 ms and ~1 MiB of start-up with its code in the bundle (npm run bench), so
 * the build leaves Ajv out (scripts/build.mjs) and a validator must be given here.
 */
const NO_JSON_SCHEMA_VALIDATION: jsonSchemaValidator = {
  getValidator() {
    throw new Error(`${PACKAGE_NAME} sends no elicitation requests and carries no JSON Schema validator.`);
  },
};

export interface ServerDependencies {
  readonly profiles: EnrollmentProfilesApi;
  readonly logger: Logger;
}

export interface ServerOptions {
  readonly readOnly: boolean;
  readonly revealEnrollmentTokens: boolean;
  readonly simulated: boolean;
}

export function createServer(options: ServerOptions, deps: ServerDependencies): Server {
  const tools = ALL_TOOLS.filter((tool) => !(options.readOnly && tool.mutates));
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const server = new Server(
    { name: PACKAGE_NAME, title: 'Intune enrollment profiles', version: PACKAGE_VERSION },
    {
      capabilities: { tools: {}, logging: {} },
      instructions: serverInstructions(options),
      jsonSchemaValidator: NO_JSON_SCHEMA_VALIDATION,
    },
  );

  const listing = { tools: tools.map(describeTool) };
  server.setRequestHandler(ListToolsRequestSchema, async () => listing);
  /** For input error messages: what each tool takes, read off its listing. */
  const argumentsOf = new Map(
    listing.tools.map((listed) => [listed.name, Object.keys(listed.inputSchema.properties ?? {})]),
  );

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args = {} } = request.params;
    const tool = byName.get(name);
    if (!tool) {
      if (options.readOnly && ALL_TOOLS.some((t) => t.name === name && t.mutates)) {
        return errorResult(
          `Refused: ${name} changes the tenant and this server runs in read-only mode (INTUNE_MCP_READ_ONLY / --read-only). Nothing was sent to Graph. Available: ${[...byName.keys()].join(', ')}.`,
        );
      }
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}. Tools: ${[...byName.keys()].join(', ')}.`);
    }
    const parsed = tool.inputSchema.safeParse(args);
    if (!parsed.success) {
      return errorResult(describeInputIssues(name, parsed.error.issues, argumentsOf.get(name) ?? []));
    }
    const progressToken = request.params._meta?.progressToken;
    let progress = 0;
    const context: ToolContext = {
      profiles: deps.profiles,
      signal: extra.signal,
      revealEnrollmentTokens: options.revealEnrollmentTokens,
      simulated: options.simulated,
      outcome: { changeApplied: false },
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
    return runTool(tool, parsed.data, context);
  });

  return server;
}

async function runTool(tool: ToolDefinition, input: unknown, context: ToolContext): Promise<CallToolResult> {
  let result: CallToolResult;
  try {
    result = await tool.run(input, context);
  } catch (error) {
    return failureResult(error, context);
  }
  // The client rejects structured content that does not match the declared output schema; say why here instead. The
  // content itself is not quoted: it came from Graph and may carry an enrollment token in a shape redaction missed.
  if (!result.isError) {
    const check = tool.outputSchema.safeParse(result.structuredContent);
    if (!check.success) {
      const problems = check.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
        .join('; ');
      return errorResult(
        `Graph answered with data this server cannot read (unexpected shape: ${problems}).${appliedNote(context)}`,
        context,
      );
    }
  }
  return result;
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
