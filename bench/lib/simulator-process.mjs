// The Graph simulator in a process of its own, as Graph is to the server: then a raw PATCH from the bench and one
// from the server both cross a process boundary. Spoken to over the IPC channel of child_process.fork.
import { SIMULATOR_MODULE } from './prepare.mjs';

const { startGraphSimulator } = await import(SIMULATOR_MODULE);
const sim = await startGraphSimulator();
process.on('message', async (message) => {
  if (message === 'stats') {
    process.send({
      patches: sim.requestsOf('PATCH').length,
      maxOpenConnections: sim.maxOpenConnections,
      profileIds: [...sim.profiles.keys()],
    });
  } else if (message === 'close') {
    await sim.close();
    process.disconnect();
  }
});
// If the bench dies without saying 'close', the IPC channel closes: go with it instead of lingering.
process.on('disconnect', () => process.exit(0));
process.send({ baseUrl: sim.baseUrl });
