// npm run demo: the whole agent loop against the built-in Graph simulator, printed for a person to read.
// It spawns the built server (`node dist/index.js --simulate`) over stdio and drives it with the MCP SDK's client,
// exactly as an agent host would: list → get → dry run → update → a stale update refused → get.
// No tenant, no credentials. Exits non-zero when any step does not answer as expected.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const SERVER = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const REDACTED = '[redacted]';
const SIMULATED_PREFIX = 'Simulated:';
/** Generous: a loaded 2-core machine still finishes in a few seconds. */
const DEADLINE_MS = 60_000;

class DemoFailure extends Error {}

let stderr = '';
let step = 0;

function heading(title) {
  step += 1;
  console.log(`\n── ${step}. ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`);
}

function indent(text, prefix = '   ') {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** The text blocks after the JSON copy of structuredContent: the server's own words for a person or an agent. */
function notesOf(result) {
  const texts = result.content.filter((block) => block.type === 'text').map((block) => block.text);
  const notes = result.structuredContent === undefined ? texts : texts.slice(1);
  return notes.filter((text) => !text.startsWith(SIMULATED_PREFIX));
}

function check(condition, message) {
  if (!condition) throw new DemoFailure(message);
}

async function call(client, name, args, { expectError = false } = {}) {
  console.log(`   → ${name} ${JSON.stringify(args)}`);
  const result = await client.callTool({ name, arguments: args });
  if (Boolean(result.isError) !== expectError) {
    const texts = result.content.map((block) => block.text ?? '').join('\n');
    throw new DemoFailure(`${name} ${expectError ? 'succeeded but should have been refused' : 'failed'}:\n${texts}`);
  }
  const last = result.content.at(-1);
  check(
    last?.type === 'text' && last.text.startsWith(SIMULATED_PREFIX),
    `${name}: the result does not say it is simulated`,
  );
  return result;
}

function showProfile(profile, fields) {
  const width = Math.max(...fields.map((field) => field.length));
  for (const field of fields) {
    const value = field === 'qrCodeImage.value' ? profile.qrCodeImage?.value : profile[field];
    console.log(`     ${field.padEnd(width)}  ${JSON.stringify(value)}`);
  }
}

async function demo(client) {
  heading('Connect: node dist/index.js --simulate over stdio');
  const info = client.getServerVersion();
  console.log(`   server: ${info?.name} ${info?.version}`);
  console.log('   instructions (sent to the agent in the initialize result):');
  console.log(indent(client.getInstructions() ?? '(none)', '     | '));

  heading('tools/list');
  const { tools } = await client.listTools();
  for (const tool of tools) {
    const kind = tool.annotations?.readOnlyHint ? 'read-only' : 'changes the tenant';
    const params = Object.keys(tool.inputSchema.properties ?? {});
    console.log(`   ${tool.name.padEnd(26)} ${kind.padEnd(19)} (${params.join(', ')})`);
  }
  check(tools.length === 3, `expected 3 tools, got ${tools.length}`);

  heading('Find the profile: list-enrollment-profiles, filtered by displayName');
  const listed = await call(client, 'list-enrollment-profiles', { displayName: 'kiosk' });
  const { profiles } = listed.structuredContent;
  for (const profile of profiles) {
    console.log(
      `     ${profile.id}  ${JSON.stringify(profile.displayName)}  lastModified ${profile.lastModifiedDateTime}`,
    );
  }
  console.log(indent(notesOf(listed).join('\n')));
  check(profiles.length === 1, `expected one kiosk profile, got ${profiles.length}`);
  const { id } = profiles[0];

  heading('Read it: get-enrollment-profile');
  const read = await call(client, 'get-enrollment-profile', { id });
  const before = read.structuredContent;
  showProfile(before, [
    'displayName',
    'description',
    'enrolledDeviceCount',
    'tokenExpirationDateTime',
    'lastModifiedDateTime',
    'tokenValue',
    'qrCodeContent',
    'qrCodeImage.value',
  ]);
  console.log('   The enrollment token and its QR code are secrets: the server redacts them in every result.');
  check(
    before.tokenValue === REDACTED && before.qrCodeImage?.value === REDACTED,
    'the enrollment token was not redacted',
  );
  const readAt = before.lastModifiedDateTime;

  const change = {
    id,
    displayName: 'Corporate-owned kiosks (EU)',
    description: 'Dedicated devices in EU retail stores',
    tokenExpirationDateTime: '2027-06-30T17:00:00Z',
    tokenValue: 'demo-new-enrollment-token-0001',
  };

  heading('Preview: update-enrollment-profile with dryRun: true');
  const preview = await call(client, 'update-enrollment-profile', { ...change, dryRun: true });
  console.log(indent(notesOf(preview).join('\n')));
  check(preview.structuredContent.displayName === change.displayName, 'the preview does not show the new displayName');
  check(!JSON.stringify(preview).includes(change.tokenValue), 'the dry run echoed the new token');
  console.log('   The client sent the new tokenValue; the answer never echoes it.');

  heading('Apply: update-enrollment-profile with expectedLastModifiedDateTime');
  const applied = await call(client, 'update-enrollment-profile', { ...change, expectedLastModifiedDateTime: readAt });
  console.log(indent(notesOf(applied).join('\n')));
  check(applied.structuredContent.lastModifiedDateTime !== readAt, 'lastModifiedDateTime did not move');
  console.log(`   The guard accepted ${readAt}, read in step 4: the dry run had changed nothing.`);

  heading('A stale writer (it read the profile before step 6): refused');
  const stale = await call(
    client,
    'update-enrollment-profile',
    { id, description: 'Overwrite from a stale read', expectedLastModifiedDateTime: readAt },
    { expectError: true },
  );
  console.log(indent(notesOf(stale).join('\n')));

  heading('Read it again: get-enrollment-profile');
  const after = (await call(client, 'get-enrollment-profile', { id })).structuredContent;
  showProfile(after, ['displayName', 'description', 'tokenExpirationDateTime', 'lastModifiedDateTime', 'tokenValue']);
  check(after.displayName === change.displayName, 'the update did not stick');
  check(after.description === change.description, 'the stale write was not refused');
  check(after.tokenValue === REDACTED, 'the new enrollment token was not redacted');

  console.log(
    `\nDone: ${step} steps against the built-in simulator. Every result also carried the note "${SIMULATED_PREFIX} …",` +
      '\nso an agent cannot mistake it for a real tenant.',
  );
}

async function main() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER, '--simulate'],
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'intune-enrollment-mcp-demo', version: '1.0.0' });
  const deadline = setTimeout(() => {
    console.error(`\nDemo failed: no answer within ${DEADLINE_MS / 1000} s.\nServer stderr:\n${stderr}`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    await client.connect(transport);
    await demo(client);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nDemo failed at step ${step}: ${message}\nServer stderr:\n${stderr || '(empty)'}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(deadline);
    await client.close();
  }
}

await main();
