// A fast fake of Graph's enrollment-profile item endpoint, in a process of its own (as Graph is to the server): raw
// node:http, a ~1 KB profile, nothing else. The full simulator (src/simulator/) checks every rule, and its CPU is not
// what the bench measures; here the fake's cost stays small and the same for every side.
//
// Paths: /<side>/<mode>/beta/deviceManagement/androidForWorkEnrollmentProfiles/<id>, where <side> names who is
// calling (server, peer, raw, signin: counted apart) and <mode> is how a PATCH is answered: 200 with the profile,
// or 204 No Content (then a GET reads it). Any GUID is a profile. Spoken to over the IPC channel of
// child_process.fork: 'stats' and 'reset'.
import { createServer } from 'node:http';
import { profileBody as profile } from './profile.mjs';

const ITEM = /^\/([a-z]+)\/(200|204)\/beta\/deviceManagement\/androidForWorkEnrollmentProfiles\/([0-9a-fA-F-]{36})$/;

const stored = new Map(); // id → changes PATCHed so far (so a GET after a 204 shows them)
let counts;
const open = {};
let maxOpen;
function reset() {
  counts = { patches: {}, gets: {}, rejected: 0 };
  maxOpen = { ...open };
}
reset();
const bump = (table, side) => {
  table[side] = (table[side] ?? 0) + 1;
};

function send(res, status, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': '00000000-0000-4000-8000-000000000000',
  });
  res.end(text);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    // The query ($select, which the server sends on every read of a whole profile) does not change the answer.
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const match = ITEM.exec(query === -1 ? url : url.slice(0, query));
    if (!match || !req.headers.authorization?.startsWith('Bearer ')) {
      counts.rejected += 1;
      return send(res, match ? 401 : 404, { error: { code: match ? 'Unauthorized' : 'NotFound', message: req.url } });
    }
    const [, side, mode, id] = match;
    const socket = req.socket;
    if (socket.side === undefined) {
      // Connections are counted per side, by the first request each one carries.
      socket.side = side;
      open[side] = (open[side] ?? 0) + 1;
      maxOpen[side] = Math.max(maxOpen[side] ?? 0, open[side]);
      socket.once('close', () => {
        open[side] -= 1;
      });
    }
    if (req.method === 'GET') {
      bump(counts.gets, side);
      return send(res, 200, profile(id, stored.get(id)));
    }
    if (req.method !== 'PATCH') return send(res, 405, { error: { code: 'BadRequest', message: req.method } });
    bump(counts.patches, side);
    let changes;
    try {
      changes = { ...stored.get(id), ...JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    } catch {
      return send(res, 400, { error: { code: 'BadRequest', message: 'body is not JSON' } });
    }
    changes.lastModifiedDateTime = new Date().toISOString();
    stored.set(id, changes);
    return mode === '204' ? send(res, 204) : send(res, 200, profile(id, changes));
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.send({
    origin: `http://127.0.0.1:${port}`,
    profileBytes: Buffer.byteLength(JSON.stringify(profile('8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f'))),
  });
});
process.on('message', (message) => {
  // Every message is answered, so that the bench knows a reset happened before its next request.
  if (message === 'reset') reset();
  process.send({ ...counts, maxOpen, open: { ...open } });
});
// If the bench dies, the IPC channel closes: go with it instead of lingering.
process.on('disconnect', () => process.exit(0));
