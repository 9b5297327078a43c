// CI: the official MCP conformance suite (@modelcontextprotocol/conformance; Node 22 or later) against this server's
// Streamable HTTP endpoint: the built server with --simulate --http on a free loopback port and
// INTUNE_MCP_HTTP_AUTH=none (the suite's scenarios send no token). Scenarios that do not apply to this server are
// listed, each with its reason, in test/http/conformance-baseline.yml; the suite fails on any other failure and on a
// listed scenario that passes. Usage: node scripts/check-conformance.mjs <path to the conformance bin> [results dir]
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const [bin, resultsDir = '.cache/conformance-results'] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node scripts/check-conformance.mjs <conformance bin> [results dir]');
  process.exit(2);
}

const server = spawn(process.execPath, ['dist/index.js', '--simulate', '--http', '127.0.0.1:0'], {
  env: { PATH: process.env.PATH ?? '', INTUNE_MCP_HTTP_AUTH: 'none' },
  stdio: ['ignore', 'inherit', 'pipe'],
});
let stderr = '';
server.stderr.on('data', (chunk) => {
  stderr += chunk.toString('utf8');
});
const endpoint = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stderr}`)), 15_000);
  server.stderr.on('data', () => {
    const match = /MCP endpoint (http:\/\/\S+?);/.exec(stderr);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
  server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`)));
});
console.log(`server: ${endpoint}`);

const suite = spawn(
  process.execPath,
  [
    bin,
    'server',
    '--url',
    endpoint,
    '--expected-failures',
    'test/http/conformance-baseline.yml',
    '--output-dir',
    resultsDir,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let output = '';
suite.stdout.on('data', (chunk) => {
  output += chunk.toString('utf8');
});
const [code] = await once(suite, 'exit');
// The per-scenario progress lines are long; the summary is what a reader of the CI log needs.
const summary = output.indexOf('=== SUMMARY ===');
console.log(summary >= 0 ? output.slice(summary).trim() : output.trim());
server.kill('SIGTERM');
await once(server, 'exit');
process.exit(code ?? 1);
