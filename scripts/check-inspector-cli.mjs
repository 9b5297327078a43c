#!/usr/bin/env node
// CI: the MCP Inspector CLI (a client this project did not write) drives the built server in simulate mode:
// tools/list, then tools/call of the list, get and update tools, including a refused call. Then the gate on tool
// schema portability: the Inspector lints every tool's inputSchema and outputSchema on tools/list (the
// "Schema portability: N errors, M warnings across K tools" line); this check fails on any finding, warning or error,
// and prints them. (The Inspector's own --strict fails on errors only.) Fails unless every answer is as expected.
//
//   node scripts/check-inspector-cli.mjs path/to/mcp-inspector
//
// The Inspector needs Node >= 22; .ci/run runs this with its Node 24. Each Inspector --cli call starts a new server,
// so each call meets a fresh simulator: a change made in one call is not there in the next.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const inspector = process.argv[2];
if (!inspector) throw new Error('usage: check-inspector-cli.mjs <path to mcp-inspector>');
const server = [process.execPath, fileURLToPath(new URL('../dist/index.js', import.meta.url)), '--simulate'];
const PROFILE_ID = 'e6742553-2553-e674-5325-74e6532574e6'; // seeded by the simulator
// The tools this check calls; the server may offer more, and the gate covers every tool it lists.
const LIST = 'list-enrollment-profiles';
const GET = 'get-enrollment-profile';
const UPDATE = 'update-enrollment-profile';
const PREVIEW = 'preview-enrollment-profile-update';

// Exit codes of the Inspector CLI that still print the result on stdout: 5 when a tool answers isError:true,
// 6 when --strict finds an error-severity portability problem (the gate below reports those itself).
const TOOL_IS_ERROR_EXIT = 5;
const SCHEMA_UNPORTABLE_EXIT = 6;

async function inspect(...options) {
  try {
    const { stdout, stderr } = await run(inspector, ['--cli', ...server, ...options], { timeout: 60_000 });
    return { output: JSON.parse(stdout), stderr };
  } catch (error) {
    if (error.code !== TOOL_IS_ERROR_EXIT && error.code !== SCHEMA_UNPORTABLE_EXIT) throw error;
    return { output: JSON.parse(error.stdout), stderr: error.stderr };
  }
}

async function callTool(name, ...toolArgs) {
  const { output } = await inspect('--method', 'tools/call', '--tool-name', name, '--tool-arg', ...toolArgs);
  return output;
}

function expect(condition, message, detail) {
  if (!condition) throw new Error(`Inspector check failed: ${message}\n${JSON.stringify(detail, null, 2)}`);
  console.log(`  ok  ${message}`);
}

const textOf = (result) => (result.content ?? []).map((block) => block.text ?? '').join('\n');

// --strict --format json: the findings come back as data (schemaFindings beside the result) as well as in words on
// stderr, so they can be counted and printed here without parsing prose.
const listing = await inspect('--method', 'tools/list', '--strict', '--format', 'json');
const tools = listing.output.result?.tools ?? [];
const names = tools.map((tool) => tool.name);
expect(tools.length > 0, `tools/list offers ${tools.length} tools`, listing.output);
for (const name of [LIST, GET, UPDATE]) expect(names.includes(name), `tools/list offers ${name}`, names);
const malformed = tools.filter((tool) => tool.inputSchema?.type !== 'object' || !tool.description);
expect(
  malformed.length === 0,
  'every tool has a description and an object inputSchema',
  malformed.map((tool) => tool.name),
);

const list = await callTool(LIST, 'top=2');
expect(!list.isError && list.structuredContent?.profiles?.length === 2, `${LIST} top=2 returns 2 profiles`, list);

const get = await callTool(GET, `id=${PROFILE_ID}`);
expect(!get.isError && get.structuredContent?.id === PROFILE_ID, `${GET} returns the profile asked for`, get);
expect(get.structuredContent?.tokenValue === '[redacted]', 'the enrollment token is redacted', get.structuredContent);

const description = 'Set through the MCP Inspector';
const preview = await callTool(PREVIEW, `id=${PROFILE_ID}`, `description=${description}`);
expect(!preview.isError && textOf(preview).includes(description), `${PREVIEW} previews the change`, preview);
const retired = await callTool(UPDATE, `id=${PROFILE_ID}`, `description=${description}`, 'dryRun=true');
expect(
  retired.isError === true && textOf(retired).includes(PREVIEW),
  `${UPDATE} refuses dryRun, naming ${PREVIEW}`,
  retired,
);

const refused = await callTool(LIST, 'top=0');
expect(
  refused.isError === true && /top/.test(textOf(refused)),
  'an invalid argument is refused as a tool error naming it',
  refused,
);

// The portability gate, last, so that a failure here means every check above passed.
const findings = (listing.output.schemaFindings ?? []).flatMap(({ toolName, findings }) =>
  findings.map((finding) => ({ tool: toolName, ...finding })),
);
// The same run's summary in words; if the JSON ever stops carrying the findings, the words still fail the gate.
const summary = /(\d+) errors?, (\d+) warnings? across \d+ tools?/.exec(listing.stderr ?? '');
const counted = summary ? Number(summary[1]) + Number(summary[2]) : 0;
if (findings.length > 0 || counted > 0) {
  reportFindings(findings, summary?.[0]);
  process.exit(1);
}
console.log(`  ok  tool schema portability: no errors or warnings in the ${tools.length} tools' schemas`);

function reportFindings(all, summaryLine) {
  console.log(`\nTool schema portability (MCP Inspector): ${summaryLine ?? `${all.length} findings`}`);
  const byRule = Map.groupBy(all, (finding) => `${finding.severity} ${finding.rule}`);
  for (const [rule, ofRule] of byRule) {
    console.log(`\n${rule}: ${ofRule.length} (${new Set(ofRule.map((finding) => finding.tool)).size} tools)`);
    console.log(`  issue:      ${ofRule[0].issue}`);
    console.log(`  suggestion: ${ofRule[0].suggestion}`);
    for (const finding of ofRule)
      console.log(`  - ${finding.tool}  ${finding.schema}.${finding.path}${detailOf(finding)}`);
  }
  console.log(
    `\nInspector check failed: ${all.length || summaryLine} tool schema portability finding(s); every warning fails` +
      " this gate. The same report in the Inspector's words: mcp-inspector --cli node dist/index.js --simulate" +
      ' --method tools/list --strict',
  );
}

/** What differs between findings of one rule: the type union, for type-union. */
function detailOf(finding) {
  const union = /`type` is an array \((\[[^\]]*\])\)/.exec(finding.issue);
  return union ? `  ${union[1]}` : '';
}
