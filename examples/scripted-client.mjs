#!/usr/bin/env node
// A scripted MCP client: the way a program (not a chat app) drives intune-enrollment-mcp.
// It starts the server over stdio and, for each kind of profile the server offers (Android for Work, device-owner),
// finds a profile, reads it and previews a change to its description; then it finds the enrollment tokens that have
// already expired. Only with --apply does it change anything: each description, guarded by
// expectedLastModifiedDateTime, and a new 30-day token for the first expired one (createToken; it replaces a token
// that no longer works, so no enrolled-device flow breaks).
//
//   node examples/scripted-client.mjs                      # the built server (dist/) on the simulator, preview only
//   node examples/scripted-client.mjs --apply              # ... and apply the changes (to the simulator)
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
const TOKEN_VALIDITY_SECONDS = 30 * 86_400;

/** The tools of each profile kind, and the profileType find-expiring-enrollment-tokens reports for it. */
const KINDS = [
  {
    profileType: 'androidForWork',
    list: 'list-enrollment-profiles',
    get: 'get-enrollment-profile',
    preview: 'preview-enrollment-profile-update',
    update: 'update-enrollment-profile',
    createToken: 'create-enrollment-token',
  },
  {
    profileType: 'androidDeviceOwner',
    list: 'list-device-owner-enrollment-profiles',
    get: 'get-device-owner-enrollment-profile',
    preview: 'preview-device-owner-enrollment-profile-update',
    update: 'update-device-owner-enrollment-profile',
    createToken: 'create-device-owner-enrollment-token',
  },
];

function check(condition, message) {
  if (!condition) throw new Error(`Unexpected: ${message}`);
}

/** Calls a tool; a tool error (isError) is a failure of this script, with the server's explanation. */
async function call(client, name, toolArgs) {
  const result = await client.callTool({ name, arguments: toolArgs });
  const text = result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
  check(!result.isError, `${name} failed:\n${text}`);
  // After the JSON copy of structuredContent come the server's notes for a person (and, on the simulator, a
  // "Simulated: …" line).
  const texts = result.content.filter((block) => block.type === 'text').map((block) => block.text);
  const note = texts.slice(1).filter((line) => !line.startsWith('Simulated:'));
  return { structured: result.structuredContent, note: note.join('\n') };
}

/** One kind: list → get → preview → (with --apply) guarded update → read back. */
async function changeDescription(client, kind, offered) {
  const listed = await call(client, kind.list, { top: 10 });
  const profiles = listed.structured?.profiles ?? [];
  console.log(`\n${kind.list}: ${profiles.length} profile(s)`);
  for (const profile of profiles) console.log(`  ${profile.id}  ${profile.displayName}`);
  if (profiles.length === 0) return;

  const { structured: profile } = await call(client, kind.get, { id: profiles[0].id });
  console.log(`Read "${profile.displayName}", last modified ${profile.lastModifiedDateTime}`);
  const change = { id: profile.id, description: NEW_DESCRIPTION };
  const preview = await call(client, kind.preview, change);
  console.log(preview.note);
  if (!apply || !offered.has(kind.update)) return;

  await call(client, kind.update, { ...change, expectedLastModifiedDateTime: profile.lastModifiedDateTime });
  const { structured: after } = await call(client, kind.get, { id: profile.id });
  check(after.description === NEW_DESCRIPTION, `the description reads "${after.description}" after the update`);
  console.log(`Updated: description is now "${after.description}", last modified ${after.lastModifiedDateTime}`);
}

/** Expired tokens across both kinds; with --apply, a new token for the first one, checked with a second search. */
async function renewExpiredToken(client, offered) {
  const found = await call(client, 'find-expiring-enrollment-tokens', { withinDays: 0 });
  const expired = found.structured.tokens;
  console.log(`\nExpired enrollment tokens: ${expired.length}`);
  for (const token of expired)
    console.log(`  ${token.id}  ${token.displayName}, expired ${token.tokenExpirationDateTime}`);
  const [first] = expired;
  const kind = KINDS.find((candidate) => candidate.profileType === first?.profileType);
  if (!apply || !kind || !offered.has(kind.createToken)) return;

  // createToken is not idempotent: one call, never repeated; the result says whether a token was created.
  const created = await call(client, kind.createToken, {
    id: first.id,
    tokenValidityInSeconds: TOKEN_VALIDITY_SECONDS,
  });
  console.log(created.note);
  const again = await call(client, 'find-expiring-enrollment-tokens', { withinDays: 0 });
  check(
    again.structured.tokens.every((token) => token.id !== first.id),
    `${first.displayName} still has an expired token`,
  );
  console.log(`Renewed: "${first.displayName}" now expires ${created.structured.tokenExpirationDateTime}`);
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
    const offered = new Set(tools.map((tool) => tool.name));
    console.log(`Tools: ${[...offered].join(', ')}`);
    // Toolsets (INTUNE_MCP_TOOLSETS) may leave a kind out; read-only mode leaves out update and createToken.
    const kinds = KINDS.filter((kind) => offered.has(kind.list));
    check(kinds.length > 0, 'the server offers no profile tools');

    for (const kind of kinds) await changeDescription(client, kind, offered);
    await renewExpiredToken(client, offered);
    if (!apply) console.log('\nNothing was changed (run with --apply to make the changes).');
    else if (!kinds.some((kind) => offered.has(kind.update)))
      console.log('\nThe server is read-only: nothing was changed.');
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
