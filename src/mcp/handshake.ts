/**
 * The handshake as the build bakes it in (scripts/build.mjs defines __INTUNE_MCP_HANDSHAKE__): every tool's listing
 * as JSON text, with the toolsets that offer it and whether it changes the tenant, and the server's instructions for
 * every combination of toolsets, read-only mode and revealed secrets. The stdio front (src/stdio-front.ts) answers
 * initialize and tools/list from it before the SDK and the tools are loaded, and tools/list reads its listings from
 * it (src/mcp/tool-listing.ts). Light on purpose: no SDK, no zod.
 *
 * What the front answers must be what the SDK's Server answers, to the byte: test/start-up-front.test.ts compares them
 * for every combination. Two facts are stated here and in src/mcp/server.ts / src/index.ts alike, and that test is
 * what keeps them equal: the capabilities, and the title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-info.js';

export interface BakedTool {
  readonly name: string;
  readonly mutates: boolean;
  readonly toolsets: readonly string[];
  /** The tool as tools/list shows it, as JSON text. */
  readonly listing: string;
}

export interface BakedHandshake {
  /** The SDK's SUPPORTED_PROTOCOL_VERSIONS and LATEST_PROTOCOL_VERSION. */
  readonly protocolVersions: readonly string[];
  readonly latestProtocolVersion: string;
  /** Every tool, in the order the registry builds them (src/resources/registry.ts). */
  readonly tools: readonly BakedTool[];
  /** serverInstructions(…) for each `instructionsKey`. */
  readonly instructions: Readonly<Record<string, string>>;
}

/** The handshake as JSON text, in the server chunk (scripts/build.mjs defines it). */
declare const __INTUNE_MCP_HANDSHAKE__: string | undefined;
/**
 * In the start-up bundle, the file next to it that holds the same JSON: read and parsed, it costs a fraction of what
 * compiling a 60 KB string literal into the bundle costs Node at start-up (~3 ms, npm run bench).
 */
declare const __INTUNE_MCP_HANDSHAKE_FILE__: string | undefined;

/** Undefined when running from source (unit tests): then nothing is baked and tools are converted on first use. */
export const BAKED_HANDSHAKE: BakedHandshake | undefined = readBakedHandshake();

function readBakedHandshake(): BakedHandshake | undefined {
  if (typeof __INTUNE_MCP_HANDSHAKE__ !== 'undefined') return JSON.parse(__INTUNE_MCP_HANDSHAKE__) as BakedHandshake;
  if (typeof __INTUNE_MCP_HANDSHAKE_FILE__ === 'undefined') return undefined;
  try {
    return JSON.parse(readFileSync(join(__dirname, __INTUNE_MCP_HANDSHAKE_FILE__), 'utf8')) as BakedHandshake;
  } catch {
    return undefined; // no front then: the server starts as it would alone (src/start.ts)
  }
}

/** src/index.ts's serverOptions title and src/mcp/server.ts's capabilities (see the header). */
export const SERVER_TITLE = 'Intune enrollment profiles';
export const SERVER_CAPABILITIES = { tools: {}, logging: {} } as const;

export interface Deployment {
  /** The toolsets enabled, in the order of TOOLSET_NAMES (as the configuration gives them). */
  readonly toolsets: readonly string[];
  readonly readOnly: boolean;
  readonly revealSecrets: boolean;
}

export function instructionsKey(deployment: Deployment): string {
  return `${deployment.toolsets.join(',')}|${deployment.readOnly ? 'read-only' : 'read-write'}|${deployment.revealSecrets ? 'revealed' : 'redacted'}`;
}

/** The tools a deployment offers, as src/index.ts chooses them: those of its toolsets, minus writes when read-only. */
export function offeredTools(baked: BakedHandshake, deployment: Deployment): BakedTool[] {
  return baked.tools.filter(
    (tool) =>
      tool.toolsets.some((toolset) => deployment.toolsets.includes(toolset)) && !(deployment.readOnly && tool.mutates),
  );
}

/** The initialize result the SDK's Server gives (Server._oninitialize), for this deployment. */
export function initializeResult(
  baked: BakedHandshake,
  deployment: Deployment,
  requestedVersion: string,
): Record<string, unknown> | undefined {
  const instructions = baked.instructions[instructionsKey(deployment)];
  if (instructions === undefined) return undefined;
  return {
    protocolVersion: baked.protocolVersions.includes(requestedVersion) ? requestedVersion : baked.latestProtocolVersion,
    capabilities: SERVER_CAPABILITIES,
    serverInfo: { name: PACKAGE_NAME, title: SERVER_TITLE, version: PACKAGE_VERSION },
    instructions,
  };
}

/** The tools/list result, as JSON text: `{"tools":[…]}`. */
export function toolsListJson(baked: BakedHandshake, deployment: Deployment): string {
  return `{"tools":[${offeredTools(baked, deployment)
    .map((tool) => tool.listing)
    .join(',')}]}`;
}
