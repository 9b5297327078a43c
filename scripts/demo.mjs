// npm run demo: an Intune admin's loop against the built-in Graph simulator, printed for a person to read.
// It spawns the built server (`node dist/index.js --simulate`) over stdio and drives it with the MCP SDK's client,
// exactly as an agent host would: find the tokens that expire soon → read the soonest → rotate its token → confirm;
// then a change previewed, applied under the lost-update guard, a stale update refused, and a redacted placeholder
// written back refused. No tenant, no credentials. Exits non-zero when any step does not answer as expected.
// The README's "Demo" section shows this output; test/packaging/demo-transcript.test.ts keeps the two in step.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const SERVER = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const REDACTED = '[redacted]';
const SIMULATED_PREFIX = 'Simulated:';
const DAY_MS = 86_400_000;
/** "What expires in the next two weeks?" */
const WITHIN_DAYS = 14;
/** The rotated token's lifetime: 30 days (device-owner tokens may live up to 65 years, AOSP ones 90 days). */
const TOKEN_VALIDITY_SECONDS = 30 * 86_400;
/** Generous: a loaded 2-core machine still finishes in a few seconds. */
const DEADLINE_MS = 60_000;

class DemoFailure extends Error {}

let stderr = '';
let step = 0;

function heading(title) {
  step += 1;
  const line = `── ${step}. ${title} `;
  console.log(`\n${line}${'─'.repeat(Math.max(3, 80 - line.length))}`);
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

function showTokens(tokens) {
  for (const token of tokens) {
    const left = `daysLeft ${token.daysLeft}${token.expired ? ' (expired)' : ''}`;
    console.log(
      `     ${left.padEnd(22)}  ${JSON.stringify(token.displayName)}, ${token.enrollmentMode ?? token.profileType}`,
    );
    console.log(`     ${''.padEnd(22)}  ${token.profileType} ${token.id}, expires ${token.tokenExpirationDateTime}`);
  }
}

function annotationsOf(tool) {
  const hints = tool.annotations ?? {};
  if (hints.readOnlyHint) return 'read-only';
  return [hints.destructiveHint ? 'destructive' : 'additive', hints.idempotentHint ? 'idempotent' : 'not idempotent']
    .filter(Boolean)
    .join(', ');
}

async function demo(client) {
  heading('Connect: node dist/index.js --simulate over stdio');
  const info = client.getServerVersion();
  console.log(`   server: ${info?.name} ${info?.version}`);
  console.log('   instructions (sent to the agent in the initialize result):');
  console.log(indent(client.getInstructions() ?? '(none)', '     | '));

  heading('tools/list');
  const { tools } = await client.listTools();
  const width = Math.max(...tools.map((tool) => tool.name.length));
  for (const tool of tools) console.log(`   ${tool.name.padEnd(width)}  ${annotationsOf(tool)}`);
  check(tools.length === 13, `expected 13 tools, got ${tools.length}`);
  check(
    tools.every((tool) => tool.annotations?.readOnlyHint === !/^(update|create|revoke)-/.test(tool.name)),
    'a tool is annotated read-only when it writes, or the other way round',
  );

  heading(`What expires within ${WITHIN_DAYS} days? find-expiring-enrollment-tokens`);
  const found = await call(client, 'find-expiring-enrollment-tokens', { withinDays: WITHIN_DAYS });
  const { tokens } = found.structuredContent;
  showTokens(tokens);
  console.log(indent(notesOf(found).join('\n')));
  check(tokens.length > 0, 'no token expires soon: the simulator seeds some that do');
  const soonest = tokens[0];
  check(soonest.profileType === 'androidDeviceOwner', `the soonest token is on a ${soonest.profileType} profile`);
  const { id } = soonest;

  heading('Read the soonest: get-device-owner-enrollment-profile');
  const read = await call(client, 'get-device-owner-enrollment-profile', { id });
  const before = read.structuredContent;
  showProfile(before, [
    'displayName',
    'enrollmentMode',
    'enrolledDeviceCount',
    'tokenCreationDateTime',
    'tokenExpirationDateTime',
    'lastModifiedDateTime',
    'deviceNameTemplate',
    'tokenValue',
    'qrCodeContent',
    'qrCodeImage.value',
  ]);
  console.log('   The enrollment token and its QR code are secrets: the server redacts them in every result.');
  check(
    before.tokenValue === REDACTED && before.qrCodeImage?.value === REDACTED,
    'the enrollment token was not redacted',
  );

  heading('Rotate its token: create-device-owner-enrollment-token, 30 days');
  const startedAt = Date.now();
  const created = await call(client, 'create-device-owner-enrollment-token', {
    id,
    tokenValidityInSeconds: TOKEN_VALIDITY_SECONDS,
  });
  console.log(indent(notesOf(created).join('\n')));
  const rotated = created.structuredContent;
  showProfile(rotated, ['tokenCreationDateTime', 'tokenExpirationDateTime', 'lastModifiedDateTime', 'tokenValue']);
  const expiresIn = Date.parse(rotated.tokenExpirationDateTime) - startedAt;
  check(
    Math.abs(expiresIn - TOKEN_VALIDITY_SECONDS * 1000) < DAY_MS,
    `the new token expires at ${rotated.tokenExpirationDateTime}, not in 30 days`,
  );
  check(rotated.tokenValue === REDACTED, 'the new enrollment token was not redacted');
  console.log('   Called once: createToken is not idempotent (each call invalidates the previous token), so it is');
  console.log('   never retried after an uncertain failure, and tokenValue is never written to rotate a token.');

  heading('Confirm: find-expiring-enrollment-tokens again');
  const again = await call(client, 'find-expiring-enrollment-tokens', { withinDays: WITHIN_DAYS });
  showTokens(again.structuredContent.tokens);
  console.log(indent(notesOf(again).join('\n')));
  check(
    again.structuredContent.tokens.every((token) => token.id !== id),
    'the rotated token still expires soon',
  );
  console.log(`   ${JSON.stringify(before.displayName)} is off the list: its token now lasts 30 days.`);

  const change = {
    id,
    description: 'Company phones with personal use allowed (EU field sales)',
    deviceNameTemplate: 'SALES-{{UPNPREFIX}}-{{SERIALLAST4DIGITS}}',
  };

  heading('Preview a change: preview-device-owner-enrollment-profile-update');
  const preview = await call(client, 'preview-device-owner-enrollment-profile-update', change);
  console.log(indent(notesOf(preview).join('\n')));
  const readAt = preview.structuredContent.lastModifiedDateTime;
  check(readAt === rotated.lastModifiedDateTime, 'the preview read another lastModifiedDateTime');
  check(preview.structuredContent.changes.length === 2, 'the preview does not list the two changes');

  heading('Apply it with the guard: update-device-owner-enrollment-profile');
  const applied = await call(client, 'update-device-owner-enrollment-profile', {
    ...change,
    expectedLastModifiedDateTime: readAt,
  });
  console.log(indent(notesOf(applied).join('\n')));
  const appliedAt = applied.structuredContent.lastModifiedDateTime;
  check(appliedAt !== readAt, 'lastModifiedDateTime did not move');
  console.log(`   The guard accepted ${readAt}, read by the preview: the preview had changed nothing.`);

  heading(`A stale writer (it read the profile before step ${step}): refused`);
  const stale = await call(
    client,
    'update-device-owner-enrollment-profile',
    { id, description: 'Overwrite from a stale read', expectedLastModifiedDateTime: readAt },
    { expectError: true },
  );
  console.log(indent(notesOf(stale).join('\n')));

  heading('A redacted placeholder written back: refused');
  const echoed = await call(
    client,
    'update-device-owner-enrollment-profile',
    { id, displayName: before.displayName, tokenValue: REDACTED, expectedLastModifiedDateTime: appliedAt },
    { expectError: true },
  );
  console.log(indent(notesOf(echoed).join('\n')));
  console.log('   An agent that copies a profile it read and sends it back would otherwise overwrite the token.');

  heading('Read it again: get-device-owner-enrollment-profile');
  const after = (await call(client, 'get-device-owner-enrollment-profile', { id })).structuredContent;
  showProfile(after, [
    'description',
    'deviceNameTemplate',
    'tokenExpirationDateTime',
    'lastModifiedDateTime',
    'tokenValue',
  ]);
  check(after.description === change.description, 'the update did not stick, or the stale write was not refused');
  check(after.deviceNameTemplate === change.deviceNameTemplate, 'the update did not stick');
  check(after.lastModifiedDateTime === appliedAt, 'the profile changed after the guarded update');
  check(after.tokenExpirationDateTime === rotated.tokenExpirationDateTime, 'the rotated token did not stay');
  check(after.tokenValue === REDACTED, 'the enrollment token was not redacted');

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
