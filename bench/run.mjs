// npm run bench: start-up against a minimal one-tool SDK server (interleaved), per-call overhead against a raw undici
// PATCH to the same loopback Graph simulator, and a 1,000-call burst signing in against a fake Entra ID. Prints one
// table and exits 1 when a target is missed. Not part of `npm test`: timings on a shared machine are not assertions.
//   BENCH_RUNS (start-up spawns per server, default 15), BENCH_CALLS (sequential calls per side, default 2000),
//   BENCH_ONLY (comma-separated: startup, overhead, burst; default all)
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Agent, request } from 'undici';
import { FAKE_ENTRA_MODULE, MINIMAL_SERVER, prepare } from './lib/prepare.mjs';
import { startSimulatorProcess } from './lib/simulator.mjs';
import { measureStartup, readPeakRssMiB } from './lib/startup.mjs';
import { median, p99 } from './lib/stats.mjs';

const SERVER_BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const WARMUP_CALLS = 300;
const BURST_CALLS = 1000;
const BURST_IN_FLIGHT = 64;
const PROFILE_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const TOKEN = 'bench-access-token-0123456789';
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const measured = (part) => !ONLY || ONLY.includes(part);

const TARGETS = {
  startupRatio: 0.6,
  peakRssMiB: 55,
  overheadP50Ms: 0.5,
  burstConnections: 64,
};

await prepare();

const startup = measured('startup') ? await benchStartup() : undefined;
const overhead = measured('overhead') ? await benchOverhead() : undefined;
const burst = measured('burst') ? await benchBurst() : undefined;
const ok = report(startup, overhead, burst);
process.exit(ok ? 0 : 1);

async function benchStartup() {
  // Token mode: the configuration a client launches most; nothing is contacted before the first call.
  const ourEnv = { ...BASE_ENV, INTUNE_MCP_GRAPH_URL: 'http://127.0.0.1:9/beta', INTUNE_MCP_ACCESS_TOKEN: TOKEN };
  const sides = { ours: [], minimal: [] };
  const run = async (side) => {
    const result = await measureStartup(
      side === 'ours' ? SERVER_BIN : MINIMAL_SERVER,
      side === 'ours' ? ourEnv : BASE_ENV,
    );
    sides[side].push(result);
  };
  await run('ours'); // warm the file cache; not counted
  await run('minimal');
  sides.ours.length = 0;
  sides.minimal.length = 0;
  for (let i = 0; i < RUNS; i++) {
    // Alternate who goes first, so neither side always runs right after the other's exit.
    for (const side of i % 2 ? ['minimal', 'ours'] : ['ours', 'minimal']) await run(side);
  }
  return sides;
}

async function connect(env, script = SERVER_BIN) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [script], env, stderr: 'pipe' });
  transport.stderr?.resume();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  return { client, pid: transport.pid };
}

async function benchOverhead() {
  const sim = await startSimulatorProcess();
  const { client } = await connect({ ...BASE_ENV, INTUNE_MCP_GRAPH_URL: sim.baseUrl, INTUNE_MCP_ACCESS_TOKEN: TOKEN });
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
  const url = `${sim.baseUrl}/deviceManagement/androidForWorkEnrollmentProfiles/${PROFILE_ID}`;
  // For scale, not for the target: the SDK's own stdio round trip, a tool that does nothing on the minimal server.
  const { client: minimal } = await connect(BASE_ENV, MINIMAL_SERVER);

  const viaServer = async (i) => {
    const result = await client.callTool({
      name: 'update-enrollment-profile',
      arguments: { id: PROFILE_ID, enrolledDeviceCount: i },
    });
    if (result.isError) throw new Error(`update failed: ${JSON.stringify(result.content)}`);
  };
  const raw = async (i) => {
    const response = await request(url, {
      method: 'PATCH',
      dispatcher,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ enrolledDeviceCount: i }),
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`raw PATCH: ${response.statusCode} ${text}`);
  };
  const noop = async (i) => {
    await minimal.callTool({ name: 'echo', arguments: { text: String(i) } });
  };
  const timed = async (fn, i) => {
    const start = process.hrtime.bigint();
    await fn(i);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  const sides = [
    { fn: viaServer, samples: [] },
    { fn: raw, samples: [] },
    { fn: noop, samples: [] },
  ];
  for (let i = 0; i < WARMUP_CALLS; i++) for (const { fn } of sides) await fn(i);
  for (let i = 0; i < CALLS; i++) {
    // Interleaved call by call, rotating who goes first, so all sides see the same machine load.
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(i + k) % sides.length];
      side.samples.push(await timed(side.fn, i));
    }
  }
  await Promise.all([client.close(), minimal.close(), dispatcher.close()]);
  await sim.close();
  return { server: sides[0].samples, direct: sides[1].samples, noop: sides[2].samples };
}

async function benchBurst() {
  const sim = await startSimulatorProcess();
  const { startFakeEntra, signInEnv, CLIENT_ID, CLIENT_SECRET } = await import(FAKE_ENTRA_MODULE);
  const entra = await startFakeEntra();
  entra.registerApp({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
  const { client, pid } = await connect({ ...BASE_ENV, ...signInEnv(entra, sim) });
  const ids = (await sim.stats()).profileIds;
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < BURST_CALLS) {
      const i = next++;
      const result = await client.callTool({
        name: 'update-enrollment-profile',
        arguments: { id: ids[i % ids.length], enrolledDeviceCount: i },
      });
      if (result.isError) failures += 1;
    }
  };
  // Cold: the burst starts right after the handshake, so every call in the first wave waits for the same sign-in.
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: BURST_IN_FLIGHT }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const stats = await sim.stats();
  const result = {
    failures,
    patches: stats.patches,
    tokenRequests: entra.tokenRequests.length,
    connections: stats.maxOpenConnections,
    callsPerSecond: BURST_CALLS / seconds,
    seconds,
    peakRssMiB: readPeakRssMiB(pid),
  };
  await client.close();
  await sim.close();
  await entra.close();
  return result;
}

function report(startup, overhead, burst) {
  const rows = [
    ...(startup ? startupRows(startup) : []),
    ...(overhead ? overheadRows(overhead) : []),
    ...(burst ? burstRows(burst) : []),
  ];
  const header = ['Measure', 'Value', 'Target', ''];
  const cells = rows.map(({ name, value, target = '', pass = true }) => [name, value, target, pass ? 'ok' : 'MISSED']);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (row) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`);
  process.stdout.write(
    `Node ${process.version}, ${process.platform}/${process.arch}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const missed = rows.filter((row) => row.pass === false).length;
  if (missed) process.stdout.write(`${missed} target(s) missed.\n`);
  return missed === 0;
}

function ms(v) {
  return v.toFixed(v < 10 ? 2 : 0);
}
function mib(v) {
  return v.toFixed(1);
}

function startupRows(startup) {
  const oursMs = startup.ours.map((r) => r.ms);
  const minimalMs = startup.minimal.map((r) => r.ms);
  const oursRss = startup.ours.map((r) => r.peakRssMiB);
  const minimalRss = startup.minimal.map((r) => r.peakRssMiB);
  const ratio = median(oursMs) / median(minimalMs);
  return [
    { name: `Start-up, ours: median / p99 (ms), ${RUNS} runs`, value: `${ms(median(oursMs))} / ${ms(p99(oursMs))}` },
    {
      name: 'Start-up, minimal SDK + zod server: median / p99 (ms)',
      value: `${ms(median(minimalMs))} / ${ms(p99(minimalMs))}`,
    },
    {
      name: 'Start-up ratio (median ours / median minimal)',
      value: ratio.toFixed(2),
      target: `≤ ${TARGETS.startupRatio}`,
      pass: ratio <= TARGETS.startupRatio,
    },
    {
      name: 'Peak RSS, ours: median / max (MiB)',
      value: `${mib(median(oursRss))} / ${mib(Math.max(...oursRss))}`,
      target: `≤ ${TARGETS.peakRssMiB}`,
      pass: median(oursRss) <= TARGETS.peakRssMiB,
    },
    {
      name: 'Peak RSS, minimal: median / max (MiB)',
      value: `${mib(median(minimalRss))} / ${mib(Math.max(...minimalRss))}`,
    },
  ];
}

function overheadRows({ server, direct, noop }) {
  const p50 = median(server) - median(direct);
  return [
    { name: `Update via server: p50 / p99 (ms), ${CALLS} calls`, value: `${ms(median(server))} / ${ms(p99(server))}` },
    { name: `Raw undici PATCH: p50 / p99 (ms), ${CALLS} calls`, value: `${ms(median(direct))} / ${ms(p99(direct))}` },
    {
      name: 'Tool-call overhead: p50 (p99) difference (ms)',
      value: `${p50.toFixed(3)} (${(p99(server) - p99(direct)).toFixed(2)})`,
      target: `≤ ${TARGETS.overheadP50Ms} p50`,
      pass: p50 <= TARGETS.overheadP50Ms,
    },
    {
      name: 'For scale: no-op tool on the minimal server: p50 / p99 (ms)',
      value: `${ms(median(noop))} / ${ms(p99(noop))}`,
    },
  ];
}

function burstRows(burst) {
  return [
    {
      name: `Burst: ${BURST_CALLS} updates, ${BURST_IN_FLIGHT} in flight — failed / PATCHes`,
      value: `${burst.failures} / ${burst.patches}`,
      target: `0 / ${BURST_CALLS}`,
      pass: burst.failures === 0 && burst.patches === BURST_CALLS,
    },
    {
      name: 'Burst: token requests to Entra ID',
      value: String(burst.tokenRequests),
      target: '1',
      pass: burst.tokenRequests === 1,
    },
    {
      name: 'Burst: most Graph connections open at once',
      value: String(burst.connections),
      target: `≤ ${TARGETS.burstConnections}`,
      pass: burst.connections <= TARGETS.burstConnections,
    },
    {
      name: 'Burst: throughput (calls/s)',
      value: `${burst.callsPerSecond.toFixed(0)} (${burst.seconds.toFixed(2)} s)`,
    },
    { name: 'Burst: server peak RSS (MiB)', value: mib(burst.peakRssMiB) },
  ];
}
