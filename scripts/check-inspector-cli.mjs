#!/usr/bin/env node
// CI: the MCP Inspector CLI (a client this project did not write) drives the built server in simulate mode:
// tools/list, then tools/call of each tool, including a refused call. Fails unless every answer is as expected.
//
//   node scripts/check-inspector-cli.mjs path/to/mcp-inspector
//
// The Inspector needs Node >= 22; .ci/run runs this with its Node 24.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const inspector = process.argv[2];
if (!inspector) throw new Error('usage: check-inspector-cli.mjs <path to mcp-inspector>');
const server = [process.execPath, fileURLToPath(new URL('../dist/index.js', import.meta.url)), '--simulate'];
const PROFILE_ID = 'e6742553-2553-e674-5325-74e6532574e6'; // seeded by the simulator

// The Inspector CLI exits 5 when a tool answers isError:true, still printing the result on stdout.
const TOOL_IS_ERROR_EXIT = 5;

async function inspect(...options) {
  try {
    const { stdout } = await run(inspector, ['--cli', ...server, ...options], { timeout: 60_000 });
    return JSON.parse(stdout);
  } catch (error) {
    if (error.code !== TOOL_IS_ERROR_EXIT) throw error;
    return JSON.parse(error.stdout);
  }
}

function expect(condition, message, detail) {
  if (!condition) throw new Error(`Inspector check failed: ${message}\n${JSON.stringify(detail, null, 2)}`);
  console.log(`  ok  ${message}`);
}

const textOf = (result) => (result.content ?? []).map((block) => block.text ?? '').join('\n');

const listed = await inspect('--method', 'tools/list');
const names = listed.tools?.map((tool) => tool.name) ?? [];
for (const name of ['list-enrollment-profiles', 'get-enrollment-profile', 'update-enrollment-profile']) {
  expect(names.includes(name), `tools/list offers ${name}`, names);
}

const list = await inspect('--method', 'tools/call', '--tool-name', 'list-enrollment-profiles', '--tool-arg', 'top=2');
expect(
  !list.isError && list.structuredContent?.profiles?.length === 2,
  'list-enrollment-profiles top=2 returns 2 profiles',
  list,
);

const get = await inspect(
  '--method',
  'tools/call',
  '--tool-name',
  'get-enrollment-profile',
  '--tool-arg',
  `id=${PROFILE_ID}`,
);
expect(
  !get.isError && get.structuredContent?.id === PROFILE_ID,
  'get-enrollment-profile returns the profile asked for',
  get,
);
expect(get.structuredContent?.tokenValue === '[redacted]', 'the enrollment token is redacted', get.structuredContent);

const description = 'Set through the MCP Inspector';
const preview = await inspect(
  ...['--method', 'tools/call', '--tool-name', 'update-enrollment-profile'],
  ...['--tool-arg', `id=${PROFILE_ID}`, `description=${description}`, 'dryRun=true'],
);
expect(
  !preview.isError && textOf(preview).includes(description),
  'update-enrollment-profile dryRun previews the change',
  preview,
);

const refused = await inspect(
  '--method',
  'tools/call',
  '--tool-name',
  'list-enrollment-profiles',
  '--tool-arg',
  'top=0',
);
expect(
  refused.isError === true && /top/.test(textOf(refused)),
  'an invalid argument is refused as a tool error naming it',
  refused,
);
