// The bench's one table: metric | this server | plain peer | ratio | target | pass. Ratios are server / peer unless
// the row says otherwise. A row without a target is there to explain the others.
import { median, p99 } from './stats.mjs';

/** Issue 13's targets. */
export const TARGETS = {
  /** Server CPU per update call, as a fraction of the peer's (each way Graph answers). */
  cpuPerCallRatio: 0.75,
  /** Burst throughput, as a multiple of the peer's. */
  throughputRatio: 1.2,
  /** Start-up (median), as a fraction of the SDK floor's. */
  startupVsFloor: 0.45,
  /** Peak RSS at start-up, MiB above the SDK floor's. */
  rssOverFloorMiB: 3,
  /** tools/list JSON, bytes per tool on average. */
  listBytesPerTool: 3000,
  /** Graph connections one server opens at most (a bounded pool, not one per call in flight). */
  maxConnections: 64,
};

const MODE_LABEL = { 200: 'PATCH → 200', 204: 'PATCH → 204 + GET' };

/** Prints the table and the notes under it; returns false when a target is missed. */
export function report(results) {
  const rows = [
    ...(results.calls ? Object.entries(results.calls).flatMap(([mode, calls]) => callRows(mode, calls, results)) : []),
    ...(results.startup ? startupRows(results.startup, results.settings) : []),
    ...(results.context ? contextRows(results.context) : []),
    ...(results.signin ? signInRows(results.signin, results.settings) : []),
  ];
  const header = ['Metric', 'This server', 'Plain peer', 'Ratio', 'Target', 'Pass'];
  const cells = rows.map((row) => [
    row.metric,
    row.server ?? '',
    row.peer ?? '',
    row.ratio ?? '',
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const numeric = new Set([1, 2, 3]);
  const line = (row) =>
    `| ${row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`;
  const rule = widths.map((w, c) => (numeric.has(c) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  process.stdout.write(`${[line(header), line(rule), ...cells.map(line)].join('\n')}\n\n`);
  if (results.context) {
    const tools = results.context.server.perTool.map(({ name, bytes }) => `${name} ${bytes}`).join(', ');
    process.stdout.write(`tools/list bytes per tool (this server): ${tools}.\n`);
  }
  const missed = rows.filter((row) => row.pass === false).length;
  if (missed) process.stdout.write(`${missed} target(s) missed.\n`);
  return missed === 0;
}

const fixed = (digits) => (v) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
const int = (v) => (v === undefined ? '—' : Math.round(v).toLocaleString('en-US'));
const ms = (v) => v.toFixed(v < 10 ? 2 : 1);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

function callRows(mode, { bursts, graphStats, sequential, peakRssMiB }, { settings }) {
  const label = MODE_LABEL[mode];
  const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);
  const perCall = (side, key) => (sum(bursts[side], key) * 1000) / sum(bursts[side], 'calls');
  const rate = (side) => median(bursts[side].map((b) => b.calls / b.seconds));
  const cpu = { server: perCall('server', 'serverCpuMs'), peer: perCall('peer', 'serverCpuMs') };
  const client = { server: perCall('server', 'clientCpuMs'), peer: perCall('peer', 'clientCpuMs') };
  const throughput = { server: rate('server'), peer: rate('peer') };
  const overhead = {
    server: median(sequential.server) - median(sequential.raw),
    peer: median(sequential.peer) - median(sequential.raw),
  };
  const burstCalls = settings.ROUNDS * settings.BURST_CALLS;
  const failed = (side) => sum(bursts[side], 'failures');
  const patches = (side) => graphStats.patches[side] ?? 0;
  const gets = (side) => graphStats.gets[side] ?? 0;
  const graphWork = (side) =>
    `${failed(side)} / ${int(patches(side))}${mode === '204' ? ` + ${int(gets(side))} GET` : ''}`;
  const graphOk = (side) =>
    failed(side) === 0 && patches(side) === burstCalls && (mode !== '204' || gets(side) === burstCalls);
  const cpuRatio = cpu.server / cpu.peer;
  const share = (side) => `${Math.round((100 * (cpu[side] - perCall(side, 'serverMainCpuMs'))) / cpu[side])}%`;
  const byBurst = (side) => bursts[side].map((b) => Math.round((b.serverCpuMs * 1000) / b.calls)).join(', ');
  // Each round runs the two bursts back to back (alternating who goes first): the ratio of each pair is less moved by
  // the load of a shared machine drifting between rounds than the ratio of the two medians.
  const rateRatio = median(
    bursts.server.map((b, i) => b.calls / b.seconds / (bursts.peer[i].calls / bursts.peer[i].seconds)),
  );
  const seq = (side) => `${ms(median(sequential[side]))} / ${ms(p99(sequential[side]))}`;
  return [
    {
      metric: `[${label}] server CPU per update call (µs), ${settings.ROUNDS} × ${settings.BURST_CALLS} calls, ${settings.IN_FLIGHT} in flight`,
      server: fixed(0)(cpu.server),
      peer: fixed(0)(cpu.peer),
      ratio: ratio(cpu.server, cpu.peer),
      target: `≤ ${TARGETS.cpuPerCallRatio}×`,
      pass: cpuRatio <= TARGETS.cpuPerCallRatio,
    },
    {
      metric: `[${label}] of which threads other than the main one: V8's compiler and GC helpers (µs)`,
      server: `${fixed(0)(cpu.server - perCall('server', 'serverMainCpuMs'))} (${share('server')})`,
      peer: `${fixed(0)(cpu.peer - perCall('peer', 'serverMainCpuMs'))} (${share('peer')})`,
    },
    {
      metric: `[${label}] server CPU per call, burst by burst (µs): the JIT warming up`,
      server: byBurst('server'),
      peer: byBurst('peer'),
    },
    {
      metric: `[${label}] burst throughput (calls/s, median of ${settings.ROUNDS}; ratio: median of paired rounds)`,
      server: int(throughput.server),
      peer: int(throughput.peer),
      ratio: `${rateRatio.toFixed(2)}×`,
      target: `≥ ${TARGETS.throughputRatio}×`,
      pass: rateRatio >= TARGETS.throughputRatio,
    },
    {
      metric: `[${label}] client (SDK Client) CPU per call (µs)`,
      server: fixed(0)(client.server),
      peer: fixed(0)(client.peer),
      ratio: ratio(client.server, client.peer),
    },
    {
      metric: `[${label}] burst: failed / PATCHes reaching Graph`,
      server: graphWork('server'),
      peer: graphWork('peer'),
      target: `0 / ${int(burstCalls)}`,
      pass: graphOk('server') && graphOk('peer'),
    },
    {
      metric: `[${label}] burst: most Graph connections open at once`,
      server: String(graphStats.maxOpen.server ?? 0),
      peer: String(graphStats.maxOpen.peer ?? 0),
      target: `≤ ${TARGETS.maxConnections}`,
      pass: (graphStats.maxOpen.server ?? 0) <= TARGETS.maxConnections,
    },
    {
      metric: `[${label}] sequential p50 / p99 (ms), ${sequential.server.length} calls; raw undici ${seq('raw')}`,
      server: seq('server'),
      peer: seq('peer'),
    },
    {
      metric: `[${label}] sequential p50 overhead over raw undici (ms); failed calls ${sequential.failures.server} / ${sequential.failures.peer}`,
      server: fixed(3)(overhead.server),
      peer: fixed(3)(overhead.peer),
      ratio: ratio(overhead.server, overhead.peer),
      target: '≤ peer',
      pass: overhead.server <= overhead.peer && sequential.failures.server === 0 && sequential.failures.peer === 0,
    },
    {
      metric: `[${label}] peak RSS after all the calls, VmHWM (MiB)`,
      server: fixed(1)(peakRssMiB?.server),
      peer: fixed(1)(peakRssMiB?.peer),
    },
  ];
}

function startupRows({ server, peer, floor, firstCall }, settings) {
  const pick = (runs, key) => runs.map((run) => run[key]);
  const floorMs = median(pick(floor, 'ms'));
  const floorRss = median(pick(floor, 'peakRssMiB'));
  const serverMs = median(pick(server, 'ms'));
  const serverRss = median(pick(server, 'peakRssMiB'));
  const peerRss = median(pick(peer, 'peakRssMiB'));
  return [
    {
      metric: `Start-up: spawn → tools/list, median (ms), ${settings.RUNS} runs; SDK floor ${ms(floorMs)}`,
      server: ms(serverMs),
      peer: ms(median(pick(peer, 'ms'))),
      ratio: `${(serverMs / floorMs).toFixed(2)}× floor`,
      target: `≤ ${TARGETS.startupVsFloor}× floor`,
      pass: serverMs / floorMs <= TARGETS.startupVsFloor,
    },
    {
      metric: `Start-up p99 (ms); SDK floor ${ms(p99(pick(floor, 'ms')))}`,
      server: ms(p99(pick(server, 'ms'))),
      peer: ms(p99(pick(peer, 'ms'))),
    },
    {
      metric: `Peak RSS at start-up, VmHWM median (MiB); SDK floor ${floorRss.toFixed(1)}`,
      server: serverRss.toFixed(1),
      peer: peerRss.toFixed(1),
      ratio: `${serverRss - floorRss >= 0 ? '+' : ''}${(serverRss - floorRss).toFixed(1)} MiB vs floor`,
      target: `≤ floor + ${TARGETS.rssOverFloorMiB} MiB`,
      pass: serverRss <= floorRss + TARGETS.rssOverFloorMiB,
    },
    ...(firstCall
      ? [
          {
            metric: `First call: spawn → tools/list → an update answered, median (ms), ${firstCall.server.length} runs`,
            server: ms(median(pick(firstCall.server, 'ms'))),
            peer: ms(median(pick(firstCall.peer, 'ms'))),
            ratio: ratio(median(pick(firstCall.server, 'ms')), median(pick(firstCall.peer, 'ms'))),
          },
          {
            metric: 'First call: peak RSS once it is answered, VmHWM median (MiB)',
            server: median(pick(firstCall.server, 'peakRssMiB')).toFixed(1),
            peer: median(pick(firstCall.peer, 'peakRssMiB')).toFixed(1),
          },
        ]
      : []),
  ];
}

function contextRows({ server, peer }) {
  const perTool = (side) => side.listBytes / side.perTool.length;
  return [
    {
      metric: `Context: tools/list result (bytes), ${server.perTool.length} tools / ${peer.perTool.length}`,
      server: int(server.listBytes),
      peer: int(peer.listBytes),
      ratio: ratio(server.listBytes, peer.listBytes),
    },
    {
      metric: 'Context: tools/list bytes per tool (average)',
      server: int(perTool(server)),
      peer: int(perTool(peer)),
      ratio: ratio(perTool(server), perTool(peer)),
      target: `≤ ${int(TARGETS.listBytesPerTool)}`,
      pass: perTool(server) <= TARGETS.listBytesPerTool,
    },
    {
      metric: 'Context: get-enrollment-profile result message (bytes)',
      server: int(server.getBytes),
      peer: peer.getBytes === undefined ? 'n/a' : int(peer.getBytes),
    },
    {
      metric: 'Context: update-enrollment-profile result message (bytes)',
      server: int(server.updateBytes),
      peer: int(peer.updateBytes),
      ratio: ratio(server.updateBytes, peer.updateBytes),
    },
  ];
}

function signInRows(signin, settings) {
  const label = `[sign-in] cold burst, client-secret against a fake Entra ID, ${settings.BURST_CALLS} calls`;
  return [
    {
      metric: `${label}: token requests`,
      server: String(signin.tokenRequests),
      peer: 'n/a',
      target: '1',
      pass: signin.tokenRequests === 1,
    },
    {
      metric: `${label}: failed / PATCHes reaching Graph`,
      server: `${signin.failures} / ${int(signin.patches)}`,
      peer: 'n/a',
      target: `0 / ${int(settings.BURST_CALLS)}`,
      pass: signin.failures === 0 && signin.patches === settings.BURST_CALLS,
    },
    {
      metric: `${label}: most Graph connections open / calls/s`,
      server: `${signin.connections} / ${int(signin.calls / signin.seconds)}`,
      peer: 'n/a',
      target: `≤ ${TARGETS.maxConnections} conn.`,
      pass: signin.connections <= TARGETS.maxConnections,
    },
  ];
}
