// Starts bench/lib/simulator-process.mjs and asks it for what the burst checks.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./simulator-process.mjs', import.meta.url));

export async function startSimulatorProcess() {
  const child = fork(SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ baseUrl }] = await once(child, 'message');
  return {
    baseUrl,
    /** { patches, maxOpenConnections, profileIds } */
    stats: async () => {
      child.send('stats');
      const [stats] = await once(child, 'message');
      return stats;
    },
    close: async () => {
      child.send('close');
      await once(child, 'exit');
    },
  };
}
