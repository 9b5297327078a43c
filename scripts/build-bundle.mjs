#!/usr/bin/env node
// `npm run bundle`: the MCP Bundle (.mcpb) that Claude Desktop installs with one click (double-click the file, or
// Settings → Extensions → Install Extension…). Claude Desktop runs no `npm install`, so the bundle carries the
// server exactly as npm would install it: the package tarball (`npm pack`, which builds dist/) unpacked into a
// staging folder, its runtime dependencies (@azure/identity and its tree) installed there from this clone's lockfile
// with `npm ci --omit=dev`, then mcpb/manifest.json with the version and the tool list filled in, validated and
// packed with the mcpb CLI (a pinned devDependency).
//
//   npm run bundle            → build/intune-enrollment-mcp-<version>.mcpb (and the .tgz it was made from)
//
// The tool list is read from the staged server itself (tools/list over stdio, in simulate mode), never written by
// hand, so the manifest names exactly the tools the bundled server serves.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'build');
const STAGING = join(OUT, 'mcpb-staging');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const require = createRequire(import.meta.url);
const MCPB_CLI = join(dirname(require.resolve('@anthropic-ai/mcpb')), 'cli/cli.js'); // its bin, run with this Node

const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const bundleFile = join(OUT, `${packageJson.name}-${packageJson.version}.mcpb`);

async function step(name, action) {
  const start = performance.now();
  const result = await action();
  console.log(`${name}: ${Math.round(performance.now() - start)} ms`);
  return result;
}

/** Runs a command, its output shown only when it fails. */
async function quiet(command, args, options) {
  try {
    return await run(command, args, { maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32', ...options });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw error;
  }
}

async function packTarball() {
  const { stdout } = await quiet(npm, ['pack', '--json', '--pack-destination', OUT], { cwd: ROOT });
  const [pack] = JSON.parse(stdout);
  return join(OUT, pack.filename);
}

async function stageInstalledPackage(tarball) {
  await rm(STAGING, { recursive: true, force: true });
  await mkdir(STAGING, { recursive: true });
  await quiet('tar', ['-xzf', tarball, '-C', STAGING, '--strip-components=1']);
  // The dependency versions this clone's tests ran against, not whatever the ranges resolve to today.
  await copyFile(join(ROOT, 'package-lock.json'), join(STAGING, 'package-lock.json'));
  await quiet(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: STAGING,
  });
  await rm(join(STAGING, 'package-lock.json'));
}

/** tools/list from the staged server: what Claude Desktop will be offered. */
async function listStagedTools() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(STAGING, 'dist/index.js'), '--simulate'],
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'intune-enrollment-mcp-bundler', version: packageJson.version });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    if (tools.length === 0) throw new Error('the staged server lists no tools');
    // The manifest's description is what the install dialog shows: the tool's title, else its first sentence.
    return tools.map((tool) => ({ name: tool.name, description: tool.title ?? firstSentence(tool.description) }));
  } finally {
    await client.close();
  }
}

function firstSentence(text = '') {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

async function writeManifest(tools) {
  const manifest = JSON.parse(await readFile(join(ROOT, 'mcpb/manifest.json'), 'utf8'));
  manifest.version = packageJson.version;
  manifest.tools = tools;
  manifest.tools_generated = false;
  await writeFile(join(STAGING, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await mkdir(OUT, { recursive: true });
const tarball = await step('npm pack (builds dist/)', packTarball);
await step('install the tarball and its runtime dependencies (npm ci --omit=dev)', () =>
  stageInstalledPackage(tarball),
);
const tools = await step('tools/list from the staged server', listStagedTools);
await writeManifest(tools);
await step('mcpb validate', () => quiet(process.execPath, [MCPB_CLI, 'validate', join(STAGING, 'manifest.json')]));
await rm(bundleFile, { force: true });
await step('mcpb pack', () => quiet(process.execPath, [MCPB_CLI, 'pack', STAGING, bundleFile]));

const { size } = await stat(bundleFile);
console.log(`tools (${tools.length}): ${tools.map((tool) => tool.name).join(', ')}`);
console.log(`${relative(ROOT, bundleFile)}: ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes)`);
