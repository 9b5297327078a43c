// Start-up as a client sees it: spawn → initialize result → tools/list result, over raw JSON-RPC (no client library
// in the timing), then the child's peak resident set (VmHWM) read before it is killed. And the first call: the same,
// then one tools/call answered; what a server leaves for after the handshake shows here.
import { readPeakRssMiB } from './proc.mjs';
import { spawnRpc } from './stdio-rpc.mjs';

/** One spawn; resolves with { ms, peakRssMiB, listing: { bytes, tools } }. */
export async function measureStartup(script, env) {
  const started = process.hrtime.bigint();
  const rpc = spawnRpc(script, env);
  try {
    await rpc.handshake();
    const listed = await rpc.request('tools/list');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      ms,
      peakRssMiB: readPeakRssMiB(rpc.pid),
      listing: { bytes: listed.bytes, tools: listed.message.result.tools },
    };
  } finally {
    await rpc.kill();
  }
}

/** One spawn; the handshake, then `call` (a tools/call's params); resolves with { ms, peakRssMiB } once answered. */
export async function measureFirstCall(script, env, call) {
  const started = process.hrtime.bigint();
  const rpc = spawnRpc(script, env);
  try {
    await rpc.handshake();
    await rpc.request('tools/list');
    const answer = await rpc.request('tools/call', call);
    if (answer.message.result?.isError)
      throw new Error(`${script}: the first call failed: ${JSON.stringify(answer.message.result)}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, peakRssMiB: readPeakRssMiB(rpc.pid) };
  } finally {
    await rpc.kill();
  }
}
