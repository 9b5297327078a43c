/**
 * An in-memory Microsoft Graph for Android for Work enrollment profiles, served over real HTTP on 127.0.0.1.
 * It is the product's tenant-less mode (--simulate) and the test double the tests drive the real server against.
 * It answers like Graph does: OData envelopes, Graph-shaped errors with request ids, 200-with-body or 204 on PATCH,
 * paging with @odata.nextLink, and scripted faults (status sequences, delays, hangs, dropped connections).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seedProfiles } from './seed-profiles.js';

const COLLECTION = '/deviceManagement/androidForWorkEnrollmentProfiles';
const ENTITY_TYPE = '#microsoft.graph.androidForWorkEnrollmentProfile';
// Graph's contract, stated here on its own rather than imported from the tools' schema: a fake that shared the
// code under test's list could never catch that list being wrong.
const WRITABLE = new Set([
  'accountId',
  'displayName',
  'description',
  'tokenValue',
  'tokenExpirationDateTime',
  'enrolledDeviceCount',
  'qrCodeContent',
  'qrCodeImage',
]);
const ANNOTATIONS = new Set(['@odata.type']);

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** One scripted answer, used for the next request that matches it. */
export interface Fault {
  readonly method?: string;
  /** Matches when the request path contains this text. */
  readonly pathIncludes?: string;
  /** Answer with this status (and Graph-shaped error body unless `body` is given). */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Wait this long before answering (or before the fault's own answer). */
  readonly delayMs?: number;
  /** Never answer (until the client gives up or the simulator closes). */
  readonly hang?: boolean;
  /** Close the connection without an answer. */
  readonly drop?: boolean;
  /** Send the status line, headers and the start of a body, then nothing more. */
  readonly stallBody?: boolean;
  /** Send `body` chunked, with no Content-Length: its size is known only by reading it. */
  readonly chunked?: boolean;
  /** Apply the fault and then still handle the request normally (with `delayMs`: a slow but real answer). */
  readonly passThrough?: boolean;
}

export interface GraphSimulatorOptions {
  readonly port?: number;
  /** How PATCH answers: 200 with the profile (as documented) or 204 No Content (as Intune often does). */
  readonly patchResponse?: 200 | 204;
  /** Profiles per page of the collection. */
  readonly pageSize?: number;
  /** Keep every request in `requests` (default true, for tests); the --simulate server turns it off to bound memory. */
  readonly recordRequests?: boolean;
  /** When set, only these bearer tokens are accepted; otherwise any non-empty bearer token is. */
  readonly acceptedTokens?: readonly string[];
  readonly profiles?: readonly Record<string, unknown>[];
}

export interface GraphSimulator {
  /** Graph base URL with the version segment, e.g. http://127.0.0.1:41234/beta */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  readonly profiles: Map<string, Record<string, unknown>>;
  patchResponse: 200 | 204;
  pageSize: number;
  acceptedTokens: readonly string[] | undefined;
  /** Queue scripted faults; each is used once, in order, by the first request it matches. */
  addFaults(...faults: Fault[]): void;
  /** Requests with this method (PATCH, GET). */
  requestsOf(method: string): RecordedRequest[];
  /** The most connections that were open at once. */
  readonly maxOpenConnections: number;
  /** Requests whose client went away before they were answered (a timeout or a cancellation). */
  readonly abandonedRequests: number;
  close(): Promise<void>;
}

export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulator> {
  const profiles = new Map<string, Record<string, unknown>>();
  for (const profile of options.profiles ?? seedProfiles()) {
    profiles.set(String(profile.id).toLowerCase(), { ...profile });
  }
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  let maxOpenConnections = 0;
  const recordRequests = options.recordRequests ?? true;
  let abandonedRequests = 0;
  let lastModified = 0;
  let baseUrl = '';

  const simulator: GraphSimulator = {
    get baseUrl() {
      return baseUrl;
    },
    requests: [],
    profiles,
    patchResponse: options.patchResponse ?? 200,
    pageSize: options.pageSize ?? 100,
    acceptedTokens: options.acceptedTokens,
    addFaults: (...added) => faults.push(...added),
    requestsOf: (method) => simulator.requests.filter((r) => r.method === method),
    get maxOpenConnections() {
      return maxOpenConnections;
    },
    get abandonedRequests() {
      return abandonedRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  /** Strictly increasing, with Graph's seven fractional digits. */
  const nextModifiedTime = () => {
    lastModified = Math.max(Date.now(), lastModified + 1);
    return new Date(lastModified).toISOString().replace('Z', '0000Z');
  };

  const server: Server = createServer((req, res) => {
    res.setHeader('request-id', randomUUID());
    res.on('close', () => {
      if (!res.writableFinished) abandonedRequests += 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (recordRequests) {
        simulator.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      }
      answer(req, res, body).catch((error: unknown) => {
        // A malformed path (a stray %) is the caller's fault; anything else is the simulator's.
        if (res.headersSent) res.destroy();
        else if (error instanceof URIError) sendError(req, res, 400, 'BadRequest', 'The request URL is malformed.');
        else sendError(req, res, 500, 'InternalServerError', 'The simulator failed to answer.');
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    maxOpenConnections = Math.max(maxOpenConnections, sockets.size);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const index = faults.findIndex(
      (f) => (!f.method || f.method === req.method) && (!f.pathIncludes || path.includes(f.pathIncludes)),
    );
    const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.hang) return; // the socket stays open, unanswered
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }
    if (fault?.chunked) {
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers });
      const body = fault.body ?? '';
      for (let at = 0; at < body.length; at += 65_536) res.write(body.slice(at, at + 65_536));
      res.end();
      return;
    }
    if (fault?.stallBody) {
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
      res.write('{"id":');
      return;
    }
    if (fault && !fault.passThrough) {
      const status = fault.status ?? 500;
      const text =
        fault.body ?? (status >= 400 ? errorBody(req, res, 'SimulatedFault', `Scripted fault ${status}.`) : '');
      send(req, res, status, text, fault.headers);
      return;
    }
    route(req, res, path, body);
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token) {
      sendError(req, res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      return;
    }
    if (simulator.acceptedTokens && !simulator.acceptedTokens.includes(token)) {
      sendError(req, res, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
      return;
    }
    const match = /^\/beta(\/deviceManagement\/androidForWorkEnrollmentProfiles)(?:\/([^/]+))?$/.exec(path);
    if (!match) {
      sendError(req, res, 400, 'BadRequest', `Resource not found for the segment '${path}'.`);
      return;
    }
    const id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (id === undefined) {
      if (req.method === 'GET') {
        listProfiles(req, res);
        return;
      }
      sendError(req, res, 405, 'BadRequest', `The method ${req.method} is not allowed on the collection.`);
      return;
    }
    const profile = profiles.get(id.toLowerCase());
    if (!profile) {
      sendError(
        req,
        res,
        404,
        'ResourceNotFound',
        intuneMessage(`Resource not found: no androidForWorkEnrollmentProfile with id '${id}'.`),
      );
      return;
    }
    if (req.method === 'GET') {
      send(req, res, 200, entityBody(profile));
      return;
    }
    if (req.method === 'PATCH') {
      patchProfile(req, res, profile, body);
      return;
    }
    sendError(req, res, 405, 'BadRequest', `The method ${req.method} is not allowed.`);
    return;
  }

  function listProfiles(req: IncomingMessage, res: ServerResponse): void {
    const query = new URL(req.url ?? '', 'http://simulator').searchParams;
    const skip = Number(query.get('$skiptoken') ?? '0') || 0;
    const all = [...profiles.values()];
    const page = all.slice(skip, skip + simulator.pageSize);
    const next = skip + simulator.pageSize < all.length ? skip + simulator.pageSize : undefined;
    const envelope: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/$metadata#deviceManagement/androidForWorkEnrollmentProfiles`,
      value: page.map((p) => ({ '@odata.type': ENTITY_TYPE, ...p })),
    };
    if (next !== undefined) envelope['@odata.nextLink'] = `${baseUrl}${COLLECTION}?$skiptoken=${next}`;
    send(req, res, 200, JSON.stringify(envelope));
  }

  function patchProfile(
    req: IncomingMessage,
    res: ServerResponse,
    profile: Record<string, unknown>,
    body: string,
  ): void {
    let patch: unknown;
    try {
      patch = JSON.parse(body);
    } catch {
      sendError(req, res, 400, 'BadRequest', 'Invalid JSON in the request body.');
      return;
    }
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      sendError(req, res, 400, 'BadRequest', 'The request body must be a JSON object.');
      return;
    }
    for (const key of Object.keys(patch)) {
      if (!WRITABLE.has(key) && !ANNOTATIONS.has(key)) {
        sendError(
          req,
          res,
          400,
          'BadRequest',
          `The property '${key}' does not exist on type 'microsoft.graph.androidForWorkEnrollmentProfile' or is not writable.`,
        );
        return;
      }
    }
    for (const [key, value] of Object.entries(patch)) {
      if (WRITABLE.has(key)) profile[key] = value;
    }
    profile.lastModifiedDateTime = nextModifiedTime();
    if (simulator.patchResponse === 204) {
      send(req, res, 204, '');
      return;
    }
    send(req, res, 200, entityBody(profile));
  }

  function entityBody(profile: Record<string, unknown>): string {
    return JSON.stringify({
      '@odata.context': `${baseUrl}/$metadata#deviceManagement/androidForWorkEnrollmentProfiles/$entity`,
      '@odata.type': ENTITY_TYPE,
      ...profile,
    });
  }

  function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
    send(req, res, status, errorBody(req, res, code, message));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`;
  return simulator;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const clientRequestId = req.headers['client-request-id'];
  if (typeof clientRequestId === 'string') res.setHeader('client-request-id', clientRequestId);
  res.setHeader('date', new Date().toUTCString());
  if (text)
    res.setHeader(
      'content-type',
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status);
  res.end(text);
}

/** Graph's error envelope; Intune puts its own JSON document inside `message`. */
function errorBody(req: IncomingMessage, res: ServerResponse, code: string, message: string): string {
  const innerError: Record<string, unknown> = {
    date: new Date().toISOString().slice(0, 19),
    'request-id': res.getHeader('request-id'),
    'client-request-id': req.headers['client-request-id'],
  };
  return JSON.stringify({ error: { code, message, innerError } });
}

function intuneMessage(text: string): string {
  return JSON.stringify({
    _version: 3,
    Message: `${text} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${randomUUID()} - Url: https://fef.msua06.manage.microsoft.com/DeviceEnrollmentFE/StatelessDeviceEnrollmentFEService/deviceManagement/androidForWorkEnrollmentProfiles`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
}
