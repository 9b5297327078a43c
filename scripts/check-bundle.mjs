#!/usr/bin/env node
// CI: the MCP Bundle as Claude Desktop meets it. Unpacks the .mcpb with the mcpb library's own unpacker, turns the
// manifest's mcp_config into a command line with getMcpConfigForManifest (the function Claude Desktop uses to fill in
// ${__dirname} and ${user_config.*}), starts that command and speaks MCP to it with the SDK client:
//   - simulator switched on in the form: tools/list answers with exactly the tools the manifest declares, and a
//     reading tool answers;
//   - read-only switched on too: only reading tools are listed;
//   - nothing filled in: the server still starts (blank fields count as unset) and lists its tools.
// Also checks that the bundle carries its runtime dependencies and none of the development ones.
//
//   node scripts/check-bundle.mjs build/intune-enrollment-mcp-<version>.mcpb
//
// .ci/run starts it in a network namespace with only loopback (unshare -n), so a bundle that needed to download
// anything at start-up would fail here.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { getMcpConfigForManifest, unpackExtension } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const run = promisify(execFile);
const bundle = process.argv[2];
if (!bundle) throw new Error('usage: check-bundle.mjs <path to .mcpb>');

function expect(condition, message, detail) {
  if (!condition) throw new Error(`Bundle check failed: ${message}${detail === undefined ? '' : `\n${detail}`}`);
  console.log(`  ok  ${message}`);
}

const dir = await mkdtemp(join(tmpdir(), 'intune-mcpb-'));
try {
  expect(await unpackExtension({ mcpbPath: bundle, outputDir: dir, silent: true }), `unpacked ${bundle}`);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const declared = (manifest.tools ?? []).map((tool) => tool.name);
  expect(declared.length > 0, `the manifest declares ${declared.length} tools`, JSON.stringify(manifest.tools));
  expect(existsSync(join(dir, manifest.server.entry_point)), `the entry point ${manifest.server.entry_point} is there`);

  const { devDependencies } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const devInBundle = Object.keys(devDependencies ?? {}).filter((name) => existsSync(join(dir, 'node_modules', name)));
  expect(devInBundle.length === 0, 'no development dependency is in the bundle', devInBundle.join(', '));
  // @azure/identity is imported lazily (never in simulate mode): prove it resolves from inside the bundle.
  await run(process.execPath, ['--input-type=module', '-e', "await import('@azure/identity')"], { cwd: dir });
  expect(true, '@azure/identity resolves from the bundle');

  const simulator = await startFromManifest(manifest, dir, { simulate: true });
  try {
    const { tools } = await simulator.listTools();
    const names = tools.map((tool) => tool.name);
    expect(
      JSON.stringify(names) === JSON.stringify(declared),
      `simulator: tools/list serves the ${names.length} tools the manifest declares`,
      `served:   ${names.join(', ')}\ndeclared: ${declared.join(', ')}`,
    );
    const reader = tools.find((tool) => tool.annotations?.readOnlyHint && !tool.inputSchema.required?.length);
    expect(reader !== undefined, `simulator: a reading tool without required arguments is offered (${reader?.name})`);
    const result = await simulator.callTool({ name: reader.name, arguments: {} });
    expect(!result.isError, `simulator: ${reader.name} answers`, JSON.stringify(result.content));
  } finally {
    await simulator.close();
  }

  const readOnly = await startFromManifest(manifest, dir, { simulate: true, read_only: true });
  try {
    const { tools } = await readOnly.listTools();
    const writers = tools.filter((tool) => !tool.annotations?.readOnlyHint).map((tool) => tool.name);
    expect(
      tools.length > 0 && writers.length === 0,
      `read-only: ${tools.length} reading tools, no others`,
      writers.join(', '),
    );
  } finally {
    await readOnly.close();
  }

  const blank = await startFromManifest(manifest, dir, {});
  try {
    const { tools } = await blank.listTools();
    expect(tools.length === declared.length, `nothing filled in: the server starts and lists ${tools.length} tools`);
  } finally {
    await blank.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Starts the server the way Claude Desktop does for this form input, and connects the SDK client to it. */
async function startFromManifest(manifest, extensionPath, userConfig) {
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath,
    systemDirs: { HOME: tmpdir(), DESKTOP: tmpdir(), DOCUMENTS: tmpdir(), DOWNLOADS: tmpdir() },
    userConfig,
    pathSeparator: sep,
  });
  if (!config) throw new Error(`Bundle check failed: no server configuration for ${JSON.stringify(userConfig)}`);
  // A field left blank without a default would reach the server as the literal text "${user_config.x}".
  const unresolved = JSON.stringify(config).match(/\$\{[^}]*\}/g);
  if (unresolved)
    throw new Error(`Bundle check failed: unresolved ${unresolved.join(', ')} in ${JSON.stringify(config)}`);
  // "node" is Claude Desktop's built-in Node.js; here, the Node.js running this check.
  const command = config.command === 'node' ? process.execPath : config.command;
  const transport = new StdioClientTransport({
    command,
    args: config.args ?? [],
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...config.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const client = new Client({ name: 'intune-enrollment-mcp-bundle-check', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(
      `Bundle check failed: the server did not start for ${JSON.stringify(userConfig)}: ${error}\n${stderr}`,
    );
  }
  return client;
}
