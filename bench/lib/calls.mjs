// Tool calls through the SDK's own client over stdio, as an MCP host makes them: a burst with many calls in flight
// (CPU of the server process and of the client, throughput) and sequential calls (latency).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readCpuMs, readMainThreadCpuMs } from './proc.mjs';

/**
 * Starts `node script` and connects the SDK client; lists the tools first, as a host does (the client then checks
 * each result against the tool's output schema, work a real client does on every call). `nodeArgs` e.g. --cpu-prof.
 */
export async function connect(script, env, nodeArgs = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...nodeArgs, script],
    env,
    stderr: 'pipe',
  });
  transport.stderr?.resume();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  return { client, pid: transport.pid, toolNames: tools.map((tool) => tool.name), close: () => client.close() };
}

/** One call; resolves with undefined on success, else why it failed (an isError result, or the client refused it). */
export async function callOnce(client, name, args) {
  try {
    const result = await client.callTool({ name, arguments: args });
    return result.isError ? `isError: ${JSON.stringify(result.content).slice(0, 500)}` : undefined;
  } catch (error) {
    return String(error).slice(0, 500);
  }
}

/**
 * `calls` calls, `inFlight` at a time, timed, with the server's CPU time from /proc and this process's own
 * (process.cpuUsage: the SDK client reading and checking results) around it.
 */
export async function burst({ client, pid }, { calls, inFlight, name, args }) {
  let next = 0;
  let failures = 0;
  let firstFailure;
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      const failure = await callOnce(client, name, args(i));
      if (failure === undefined) continue;
      failures += 1;
      firstFailure ??= failure;
    }
  };
  const serverBefore = readCpuMs(pid);
  const serverMainBefore = readMainThreadCpuMs(pid);
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const clientCpu = process.cpuUsage(clientBefore);
  return {
    calls,
    failures,
    firstFailure,
    seconds,
    serverCpuMs: readCpuMs(pid) - serverBefore,
    serverMainCpuMs: readMainThreadCpuMs(pid) - serverMainBefore,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
  };
}

/** Runs the functions one after another `rounds` times, rotating who goes first; returns each one's times (ms). */
export async function interleaved(fns, rounds) {
  const samples = fns.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < fns.length; k++) {
      const which = (i + k) % fns.length;
      const started = process.hrtime.bigint();
      await fns[which](i);
      samples[which].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return samples;
}
