// Starts bench/lib/fake-graph-process.mjs and speaks to it.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./fake-graph-process.mjs', import.meta.url));

export async function startFakeGraph() {
  const child = fork(SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ origin, profileBytes }] = await once(child, 'message');
  const ask = async (message) => {
    child.send(message);
    const [answer] = await once(child, 'message');
    return answer;
  };
  return {
    pid: child.pid,
    profileBytes,
    /** The Graph base URL (with /beta) for one side and one way of answering a PATCH ('200' or '204'). */
    baseUrl: (side, mode) => `${origin}/${side}/${mode}/beta`,
    /** { patches: {side: n}, gets: {side: n}, rejected, maxOpen: {side: n}, open: {side: n} } since the last reset. */
    stats: () => ask('stats'),
    /** Zero the counts; the most connections open restarts from those open now. */
    reset: () => ask('reset'),
    close: async () => {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}
