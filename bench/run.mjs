// npm run bench: this server side by side with a "plain peer" (bench/peer/plain-peer.mjs: the update tool written
// the obvious way on McpServer + zod + undici) in one run, both against the same fast fake Graph in a process of its
// own (bench/lib/fake-graph-process.mjs). Prints one table and exits 1 when a target is missed. Not part of `npm
// test`: timings on a shared machine are not assertions.
//   BENCH_RUNS     start-up spawns per server (default 15)
//   BENCH_ROUNDS   1,000-call bursts per side and per way Graph answers (default 5)
//   BENCH_CALLS    sequential calls per side and per way Graph answers (default 2000)
//   BENCH_ONLY     comma-separated parts: startup, context, calls, signin (default all)
//   BENCH_CPU_PROF a folder: run the server and the peer under `node --cpu-prof` during the call measurements (CPU
//                  figures then include the profiler); summarise with `node bench/profile-top.mjs <file>`
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { burst, callOnce, connect, interleaved } from './lib/calls.mjs';
import { startFakeGraph } from './lib/fake-graph.mjs';
import { FAKE_ENTRA_MODULE, FLOOR_SERVER, PEER_SERVER, prepare } from './lib/prepare.mjs';
import { CLK_TCK, readPeakRssMiB } from './lib/proc.mjs';
import { report } from './lib/report.mjs';
import { measureFirstCall, measureStartup } from './lib/startup.mjs';
import { spawnRpc } from './lib/stdio-rpc.mjs';

const SERVER_BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
const WARMUP_CALLS = 200;
const SEQUENTIAL_WARMUP = 100;
const BURST_CALLS = 1000;
const IN_FLIGHT = 64;
const MODES = ['200', '204'];

const UPDATE_TOOL = 'update-enrollment-profile';
const GET_TOOL = 'get-enrollment-profile';
/** Any GUID is a profile to the fake; this one is also an RFC 9562 UUID (v4), which the peer's z.uuid() requires. */
const PROFILE_ID = '8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f';
const FIRST_CALL_PROFILE_ID = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const TOKEN = 'bench-access-token-0123456789';
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const updateArgs = (i) => ({ id: PROFILE_ID, displayName: `Corporate-owned kiosks ${i}` });

const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const measured = (part) => !ONLY || ONLY.includes(part);

await prepare();
const graph = await startFakeGraph();
/** Token mode for both sides: the peer reads the same two variables. */
const tokenEnv = (side, mode) => ({
  ...BASE_ENV,
  INTUNE_MCP_GRAPH_URL: graph.baseUrl(side, mode),
  INTUNE_MCP_ACCESS_TOKEN: TOKEN,
});

const results = {
  settings: { RUNS, ROUNDS, CALLS, BURST_CALLS, IN_FLIGHT, profileBytes: graph.profileBytes },
};
try {
  if (measured('startup')) results.startup = await benchStartup();
  if (measured('context')) results.context = await benchContext();
  if (measured('calls')) {
    results.calls = {};
    for (const mode of MODES) results.calls[mode] = await benchCalls(mode);
  }
  if (measured('signin')) results.signin = await benchSignIn();
} finally {
  await graph.close();
}
const ok = report(results);
process.stdout.write(
  `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; CPU from /proc/<pid>/stat at ${CLK_TCK} ticks/s; fake Graph profile ${graph.profileBytes} bytes.\n`,
);
process.exit(ok ? 0 : 1);

/** Spawn → initialize → tools/list, interleaved run by run (rotating who goes first) so all see the same load. */
async function benchStartup() {
  const sides = {
    server: { script: SERVER_BIN, env: tokenEnv('server', '200'), runs: [] },
    peer: { script: PEER_SERVER, env: tokenEnv('peer', '200'), runs: [] },
    floor: { script: FLOOR_SERVER, env: BASE_ENV, runs: [] },
  };
  const order = Object.keys(sides);
  for (const side of order) await measureStartup(sides[side].script, sides[side].env); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < order.length; k++) {
      const side = sides[order[(i + k) % order.length]];
      side.runs.push(await measureStartup(side.script, side.env));
    }
  }
  // The first call, for the two servers that have the update tool: what the handshake left for later shows here.
  const firstCall = { server: [], peer: [] };
  // A profile of its own (any GUID is one to the fake), so the context sizes below see the profile as it was.
  const call = { name: UPDATE_TOOL, arguments: { ...updateArgs(0), id: FIRST_CALL_PROFILE_ID } };
  for (let i = 0; i < Math.max(5, Math.ceil(RUNS / 3)); i++) {
    for (const side of i % 2 ? ['peer', 'server'] : ['server', 'peer']) {
      firstCall[side].push(await measureFirstCall(sides[side].script, sides[side].env, call));
    }
  }
  return { ...Object.fromEntries(order.map((side) => [side, sides[side].runs])), firstCall };
}

/** What lands in a model's context: tools/list, and the result message of a get and of an update, in bytes. */
async function benchContext() {
  const measure = async (side, script) => {
    const rpc = spawnRpc(script, tokenEnv(side, '200'));
    try {
      await rpc.handshake();
      const listed = await rpc.request('tools/list');
      const tools = listed.message.result.tools;
      const call = async (name, args) =>
        tools.some((tool) => tool.name === name)
          ? (await rpc.request('tools/call', { name, arguments: args })).bytes
          : undefined;
      return {
        listBytes: listed.bytes,
        perTool: tools.map((tool) => ({ name: tool.name, bytes: Buffer.byteLength(JSON.stringify(tool)) })),
        getBytes: await call(GET_TOOL, { id: PROFILE_ID }),
        updateBytes: await call(UPDATE_TOOL, updateArgs(0)),
      };
    } finally {
      await rpc.kill();
    }
  };
  return { server: await measure('server', SERVER_BIN), peer: await measure('peer', PEER_SERVER) };
}

/** Bursts (CPU, throughput) and sequential calls (latency) for both sides, Graph answering PATCH with `mode`. */
async function benchCalls(mode) {
  const profArgs = (side) =>
    CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, `--cpu-prof-name=${side}-${mode}.cpuprofile`] : [];
  const sides = {
    server: await connect(SERVER_BIN, tokenEnv('server', mode), profArgs('server')),
    peer: await connect(PEER_SERVER, tokenEnv('peer', mode), profArgs('peer')),
  };
  try {
    for (const [side, { toolNames }] of Object.entries(sides)) {
      if (!toolNames.includes(UPDATE_TOOL)) throw new Error(`${side} lists no ${UPDATE_TOOL}: ${toolNames.join(', ')}`);
    }
    const burstOf = (side, calls) =>
      burst(sides[side], { calls, inFlight: IN_FLIGHT, name: UPDATE_TOOL, args: updateArgs });
    for (const side of ['server', 'peer']) {
      // A side whose calls fail would be measured doing something else: stop and say why.
      const warmUp = await burstOf(side, WARMUP_CALLS);
      if (warmUp.failures) throw new Error(`${side}: ${warmUp.failures} warm-up calls failed: ${warmUp.firstFailure}`);
    }

    await graph.reset();
    const bursts = { server: [], peer: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 ? ['peer', 'server'] : ['server', 'peer']) {
        bursts[side].push(await burstOf(side, BURST_CALLS));
      }
    }
    const graphStats = await graph.stats();

    const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
    const url = `${graph.baseUrl('raw', mode)}/deviceManagement/androidForWorkEnrollmentProfiles/${PROFILE_ID}`;
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
    const raw = async (i) => {
      const patched = await request(url, {
        method: 'PATCH',
        dispatcher,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: updateArgs(i).displayName }),
      });
      await patched.body.text();
      if (patched.statusCode !== 204) return;
      const read = await request(url, { dispatcher, headers });
      await read.body.text();
    };
    const failures = { server: 0, peer: 0 };
    const via = (side) => async (i) => {
      if ((await callOnce(sides[side].client, UPDATE_TOOL, updateArgs(i))) !== undefined) failures[side] += 1;
    };
    const fns = [via('server'), via('peer'), raw];
    await interleaved(fns, SEQUENTIAL_WARMUP);
    failures.server = 0;
    failures.peer = 0;
    const [server, peer, direct] = await interleaved(fns, CALLS);
    await dispatcher.close();
    const peakRssMiB = { server: readPeakRssMiB(sides.server.pid), peer: readPeakRssMiB(sides.peer.pid) };
    return { bursts, graphStats, sequential: { server, peer, raw: direct, failures }, peakRssMiB };
  } finally {
    await Promise.all(Object.values(sides).map((side) => side.close()));
  }
}

/** Cold, in client-secret mode against a fake Entra ID: every call of the first wave waits for the same sign-in. */
async function benchSignIn() {
  const { startFakeEntra } = await import(FAKE_ENTRA_MODULE);
  const entra = await startFakeEntra();
  const clientId = '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90';
  const secret = 'Qx8~bench.s3cr3t-Value_0123456789abcd';
  entra.registerApp({ clientId, secret });
  const server = await connect(SERVER_BIN, {
    ...BASE_ENV,
    NODE_EXTRA_CA_CERTS: entra.caCertPath,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: clientId,
    AZURE_CLIENT_SECRET: secret,
    INTUNE_MCP_AUTH: 'client-secret',
    INTUNE_MCP_GRAPH_URL: graph.baseUrl('signin', '200'),
  });
  try {
    await graph.reset();
    const cold = await burst(server, { calls: BURST_CALLS, inFlight: IN_FLIGHT, name: UPDATE_TOOL, args: updateArgs });
    const stats = await graph.stats();
    return {
      ...cold,
      patches: stats.patches.signin ?? 0,
      connections: stats.maxOpen.signin ?? 0,
      tokenRequests: entra.tokenRequests.length,
    };
  } finally {
    await server.close();
    await entra.close();
  }
}
