/**
 * The usual e2e setup, once: a Graph simulator in the test process and the built server spawned against it with a
 * static token, both for the whole file, with the simulator's request log emptied before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  type GraphSimulator,
  type GraphSimulatorOptions,
  startGraphSimulator,
} from '../../src/simulator/graph-simulator.js';
import { graphEnv, type RunningServer, startServer } from './mcp-harness.js';

export interface ServerOnSimulator {
  readonly sim: GraphSimulator;
  readonly server: RunningServer;
}

export function useServerOnSimulator(
  options: GraphSimulatorOptions = {},
  env: Record<string, string> = {},
  args: string[] = [],
): ServerOnSimulator {
  let sim: GraphSimulator | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    sim = await startGraphSimulator(options);
    server = await startServer(graphEnv(sim.baseUrl, env), args);
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });
  beforeEach(() => {
    if (sim) sim.requests.length = 0;
  });
  return {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
  };
}
