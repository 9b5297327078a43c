#!/usr/bin/env node
// A scripted MCP client: the way a program (not a chat app) drives intune-enrollment-mcp.
// It starts the server over stdio, lists the tools, finds a profile, reads it, previews a change with dryRun,
// and (only with --apply) makes the change guarded by expectedLastModifiedDateTime, then reads it back.
//
//   node examples/scripted-client.mjs                      # the built server (dist/) on the simulator, preview only
//   node examples/scripted-client.mjs --apply              # ... and apply the change (to the simulator)
//   node examples/scripted-client.mjs [--apply] -- npx -y intune-enrollment-mcp    # any server command
//
// Outside this repository: npm install @modelcontextprotocol/sdk, then run it the same way. Without a command after
// `--`, it runs `node dist/index.js --simulate`, so nothing reaches a tenant. With your own command, the server gets
// this process's environment (INTUNE_MCP_*, AZURE_*), exactly as an MCP client configuration would pass it.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const args = process.argv.slice(2);
const apply = args.includes('--apply');
const separator = args.indexOf('--');
const defaultServer = [process.execPath, fileURLToPath(new URL('../dist/index.js', import.meta.url)), '--simulate'];
const [command, ...commandArgs] = separator >= 0 ? args.slice(separator + 1) : defaultServer;
const NEW_DESCRIPTION = `Updated by the scripted client at ${new Date().toISOString()}`;

function check(condition, message) {
  if (!condition) throw new Error(`Unexpected: ${message}`);
}

/** Calls a tool; a tool error (isError) is a failure of this script, with the server's explanation. */
async function call(client, name, toolArgs) {
  const result = await client.callTool({ name, arguments: toolArgs });
  const text = result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
  check(!result.isError, `${name} failed:\n${text}`);
  return { structured: result.structuredContent, text };
}

async function main() {
  const transport = new StdioClientTransport({
    command,
    args: commandArgs,
    env: Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined)),
    stderr: 'inherit', // the server's diagnostics (never on stdout, which is the protocol)
  });
  const client = new Client({ name: 'intune-enrollment-scripted-client', version: '1.0.0' });
  await client.connect(transport);
  try {
    const server = client.getServerVersion();
    console.log(`Connected to ${server?.name} ${server?.version}`);

    const { tools } = await client.listTools();
    console.log(`Tools: ${tools.map((tool) => tool.name).join(', ')}`);
    check(
      tools.some((tool) => tool.name === 'list-enrollment-profiles'),
      'list-enrollment-profiles is not offered',
    );

    const listed = await call(client, 'list-enrollment-profiles', { top: 10 });
    const profiles = listed.structured?.profiles ?? [];
    console.log(`Found ${profiles.length} profile(s):`);
    for (const profile of profiles) console.log(`  ${profile.id}  ${profile.displayName}`);
    check(profiles.length > 0, 'the tenant has no Android for Work enrollment profiles');

    const { structured: profile } = await call(client, 'get-enrollment-profile', { id: profiles[0].id });
    console.log(`Read "${profile.displayName}", last modified ${profile.lastModifiedDateTime}`);

    if (!tools.some((tool) => tool.name === 'update-enrollment-profile')) {
      console.log('The server is read-only (update-enrollment-profile is not offered): done.');
      return;
    }
    const change = { id: profile.id, description: NEW_DESCRIPTION };
    const preview = await call(client, 'update-enrollment-profile', { ...change, dryRun: true });
    console.log(`Preview:\n${preview.text}`);

    if (!apply) {
      console.log('Nothing was changed (run with --apply to make the change).');
      return;
    }
    const guard = { expectedLastModifiedDateTime: profile.lastModifiedDateTime };
    await call(client, 'update-enrollment-profile', { ...change, ...guard });
    const { structured: after } = await call(client, 'get-enrollment-profile', { id: profile.id });
    check(after.description === NEW_DESCRIPTION, `the description reads "${after.description}" after the update`);
    console.log(`Updated: description is now "${after.description}", last modified ${after.lastModifiedDateTime}`);
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
