/**
 * An in-memory Microsoft Graph for Android enrollment profiles, served over real HTTP on 127.0.0.1: both entity
 * sets (androidForWorkEnrollmentProfiles, androidDeviceOwnerEnrollmentProfiles) under /beta/deviceManagement.
 * It is the product's tenant-less mode (--simulate) and the test double the tests drive the real server against.
 * It answers like Graph does: OData envelopes, $select, paging with @odata.nextLink, PATCH validated as OData reads
 * it and answered 200-with-body or 204, the createToken and revokeToken actions, Graph-shaped errors with request
 * ids and Intune's JSON inside the message, and scripted faults (status sequences, delays, hangs, dropped
 * connections, and answers lost after the request was carried out).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { deviceOwnerSeedProfiles } from '../resources/android-device-owner/seed-profiles.js';
import { androidForWorkSeedProfiles } from '../resources/android-for-work/seed-profiles.js';
import { createToken, graphTime, type Instant, revokeToken } from './enrollment-tokens.js';
import { ANDROID_DEVICE_OWNER, ANDROID_FOR_WORK, ENTITY_SETS, type EntitySet, TOKEN_FIELDS } from './entity-sets.js';
import {
  type ErrorReply,
  errorBody,
  graphError,
  intuneMessage,
  type Reply,
  send,
  sendReply,
} from './graph-responses.js';
import { checkPatch } from './patch-validation.js';
import { parseFilter, parseSelect, project } from './query-options.js';

/** Graph refuses request bodies over 4 MB; the simulator does too, which also bounds its memory. */
const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;
const ACTIONS = new Set(['createToken', 'revokeToken']);

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** What happens to the answer of a request that was carried out (see `Fault.processThen`). */
export type LostAnswer =
  | 'drop'
  | 'hang'
  | {
      /** Answer with this status instead (Graph-shaped error body unless `body` is given). */
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    };

/** One scripted answer, used for the next request that matches it. */
export interface Fault {
  readonly method?: string;
  /** Matches when the request path contains this text (e.g. '/createToken', '/androidDeviceOwnerEnrollmentProfiles'). */
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
  /**
   * Carry the request out (a PATCH is applied, createToken mints its token), then lose the answer: send this
   * status instead (`{ status: 504 }`), close the connection (`'drop'`) or never answer (`'hang'`). The client
   * cannot tell it worked; this is how tests check that a non-idempotent call is not retried and that the client
   * reads the profile to learn what happened. `status`, `body`, `hang`, `drop`, `stallBody`, `chunked` and
   * `passThrough` are ignored on such a fault; `delayMs` delays the processing.
   */
  readonly processThen?: LostAnswer;
}

export interface GraphSimulatorOptions {
  readonly port?: number;
  /** How PATCH answers, on both sets: 200 with the profile (as documented) or 204 No Content (as Intune often does). */
  readonly patchResponse?: 200 | 204;
  /** Profiles per page of either collection. */
  readonly pageSize?: number;
  /** Keep every request in `requests` (default true, for tests); the --simulate server turns it off to bound memory. */
  readonly recordRequests?: boolean;
  /** When set, only these bearer tokens are accepted; otherwise any non-empty bearer token is. */
  readonly acceptedTokens?: readonly string[];
  /** The androidForWorkEnrollmentProfiles, instead of the seeds. */
  readonly profiles?: readonly Record<string, unknown>[];
  /** The androidDeviceOwnerEnrollmentProfiles, instead of the seeds. */
  readonly deviceOwnerProfiles?: readonly Record<string, unknown>[];
  /**
   * Graph's observed habit: without $select, list answers carry tokenValue, qrCodeContent and qrCodeImage as null
   * and a single GET carries qrCodeImage as null; with $select the selected fields come back as stored.
   * Default true, as Graph behaves; false serves every field whatever the query.
   */
  readonly hideTokenFieldsUnlessSelected?: boolean;
}

export interface GraphSimulator {
  /** Graph base URL with the version segment, e.g. http://127.0.0.1:41234/beta */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** androidForWorkEnrollmentProfiles, keyed by lower-case id. */
  readonly profiles: Map<string, Record<string, unknown>>;
  /** androidDeviceOwnerEnrollmentProfiles, keyed by lower-case id. */
  readonly deviceOwnerProfiles: Map<string, Record<string, unknown>>;
  patchResponse: 200 | 204;
  pageSize: number;
  acceptedTokens: readonly string[] | undefined;
  hideTokenFieldsUnlessSelected: boolean;
  /**
   * Whether a PATCH answered 200 shows the profile as a GET without $select does (qrCodeImage null). Intune mostly
   * answers 204, and what its 200 answer carries is not documented: false (the default) answers with every field.
   */
  patchAnswerLikeAGet: boolean;
  /** Queue scripted faults; each is used once, in order, by the first request it matches. */
  addFaults(...faults: Fault[]): void;
  /** Requests with this method (PATCH, GET, POST). */
  requestsOf(method: string): RecordedRequest[];
  /** The most connections that were open at once. */
  readonly maxOpenConnections: number;
  /** Requests whose client went away before they were answered (a timeout or a cancellation). */
  readonly abandonedRequests: number;
  close(): Promise<void>;
}

export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulator> {
  const byId = (list: readonly Record<string, unknown>[]) =>
    new Map(list.map((profile) => [String(profile.id).toLowerCase(), { ...profile }]));
  const profiles = byId(options.profiles ?? androidForWorkSeedProfiles());
  const deviceOwnerProfiles = byId(options.deviceOwnerProfiles ?? deviceOwnerSeedProfiles());
  const stores = new Map<EntitySet, Map<string, Record<string, unknown>>>([
    [ANDROID_FOR_WORK, profiles],
    [ANDROID_DEVICE_OWNER, deviceOwnerProfiles],
  ]);
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
    deviceOwnerProfiles,
    patchResponse: options.patchResponse ?? 200,
    pageSize: options.pageSize ?? 100,
    acceptedTokens: options.acceptedTokens,
    hideTokenFieldsUnlessSelected: options.hideTokenFieldsUnlessSelected ?? true,
    patchAnswerLikeAGet: false,
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
  const nextInstant = (): Instant => {
    lastModified = Math.max(Date.now(), lastModified + 1);
    return { text: graphTime(lastModified), ms: lastModified };
  };

  const server: Server = createServer((req, res) => {
    res.setHeader('request-id', randomUUID());
    res.on('close', () => {
      if (!res.writableFinished) abandonedRequests += 1;
    });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (recordRequests) {
        simulator.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      }
      if (size > MAX_REQUEST_BODY_BYTES) {
        sendReply(req, res, graphError(413, 'RequestEntityTooLarge', 'The request body is larger than 4 MB.'));
        return;
      }
      answer(req, res, body).catch((error: unknown) => {
        // A malformed path (a stray %) is the caller's fault; anything else is the simulator's.
        if (res.headersSent) res.destroy();
        else if (error instanceof URIError)
          sendReply(req, res, graphError(400, 'BadRequest', 'The request URL is malformed.'));
        else sendReply(req, res, graphError(500, 'InternalServerError', 'The simulator failed to answer.'));
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
    if (fault?.processThen) {
      route(req, path, body); // carried out; what it would have answered is lost
      const lost = fault.processThen;
      if (lost === 'hang') return;
      if (lost === 'drop') req.socket.destroy();
      else send(req, res, lost.status, lost.body ?? faultBody(req, res, lost.status), lost.headers);
      return;
    }
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
      send(req, res, status, fault.body ?? faultBody(req, res, status), fault.headers);
      return;
    }
    sendReply(req, res, route(req, path, body));
  }

  function route(req: IncomingMessage, path: string, body: string): Reply | ErrorReply {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (simulator.acceptedTokens && !simulator.acceptedTokens.includes(token)) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    const match = /^\/beta\/deviceManagement\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
    const set = ENTITY_SETS.find((s) => s.name === match?.[1]);
    const store = set && stores.get(set);
    if (!match || !set || !store) {
      return graphError(400, 'BadRequest', `Resource not found for the segment '${path}'.`);
    }
    const query = new URL(req.url ?? '', 'http://simulator').searchParams;
    const rawId = match[2];
    if (rawId === undefined) {
      if (req.method === 'GET') return listProfiles(set, store, query);
      return notAllowed(req, 'GET');
    }
    let id = decodeURIComponent(rawId);
    if (set.acceptsAospPrefix) id = id.replace(/^AOSP-/i, '');
    const action = match[3] === undefined ? undefined : decodeURIComponent(match[3]).replace(/^microsoft\.graph\./, '');
    if (action !== undefined && !ACTIONS.has(action)) {
      return graphError(400, 'BadRequest', `Resource not found for the segment '${action}'.`);
    }
    if (action !== undefined && req.method !== 'POST') return notAllowed(req, 'POST');
    if (action === undefined && req.method !== 'GET' && req.method !== 'PATCH') return notAllowed(req, 'GET, PATCH');
    const intunePath = `${set.name}('${id}')${action ? `/${action}` : ''}`;
    const profile = store.get(id.toLowerCase());
    if (!profile) {
      return graphError(
        404,
        'ResourceNotFound',
        intuneMessage(`Resource not found: no ${set.typeName} with id '${id}'.`, intunePath),
      );
    }
    if (action === 'createToken' || action === 'revokeToken') {
      const done =
        action === 'createToken'
          ? createToken(set, profile, body, nextInstant(), intunePath)
          : revokeToken(set, profile, body, nextInstant());
      return done.ok ? { status: 204, body: '' } : graphError(400, 'BadRequest', done.message);
    }
    if (req.method === 'PATCH') return patchProfile(set, profile, body, intunePath);
    const selection = parseSelect(set, query);
    if (!selection.ok) return graphError(400, 'BadRequest', selection.message);
    const hidden = simulator.hideTokenFieldsUnlessSelected && !selection.properties ? ['qrCodeImage'] : [];
    return { status: 200, body: entityBody(set, project(profile, selection.properties, hidden), selection.properties) };
  }

  function listProfiles(
    set: EntitySet,
    store: Map<string, Record<string, unknown>>,
    query: URLSearchParams,
  ): Reply | ErrorReply {
    const selection = parseSelect(set, query);
    if (!selection.ok) return graphError(400, 'BadRequest', selection.message);
    const filter = parseFilter(set, query);
    if (!filter.ok) return graphError(400, 'BadRequest', filter.message);
    const skip = Number(query.get('$skiptoken') ?? '0') || 0;
    const all = [...store.values()].filter(filter.matches);
    const page = all.slice(skip, skip + simulator.pageSize);
    const next = skip + simulator.pageSize < all.length ? skip + simulator.pageSize : undefined;
    const hidden = simulator.hideTokenFieldsUnlessSelected && !selection.properties ? TOKEN_FIELDS : [];
    const envelope: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/$metadata#deviceManagement/${set.name}${selectionSuffix(selection.properties)}`,
      value: page.map((p) => ({
        '@odata.type': `#microsoft.graph.${set.typeName}`,
        ...project(p, selection.properties, hidden),
      })),
    };
    if (next !== undefined) {
      // Graph's nextLink carries the query on; $skiptoken last, as the existing tests expect it alone.
      const kept = ['$select', '$filter'].flatMap((name) => {
        const value = query.get(name);
        return value === null ? [] : [`${name}=${encodeURIComponent(value)}`];
      });
      envelope['@odata.nextLink'] =
        `${baseUrl}/deviceManagement/${set.name}?${[...kept, `$skiptoken=${next}`].join('&')}`;
    }
    return { status: 200, body: JSON.stringify(envelope) };
  }

  function patchProfile(
    set: EntitySet,
    profile: Record<string, unknown>,
    body: string,
    intunePath: string,
  ): Reply | ErrorReply {
    const checked = checkPatch(set, profile, body, intunePath);
    if (!checked.ok) return graphError(400, 'BadRequest', checked.message);
    Object.assign(profile, checked.changes);
    // A body of only the properties Intune keeps for itself (id, createdDateTime, lastModifiedDateTime) changes
    // nothing, so nothing is stamped.
    if (Object.keys(checked.changes).length > 0) profile.lastModifiedDateTime = nextInstant().text;
    if (simulator.patchResponse === 204) return { status: 204, body: '' };
    const hidden = simulator.patchAnswerLikeAGet && simulator.hideTokenFieldsUnlessSelected ? ['qrCodeImage'] : [];
    return { status: 200, body: entityBody(set, project(profile, undefined, hidden), undefined) };
  }

  function entityBody(set: EntitySet, profile: Record<string, unknown>, selected: readonly string[] | undefined) {
    return JSON.stringify({
      '@odata.context': `${baseUrl}/$metadata#deviceManagement/${set.name}${selectionSuffix(selected)}/$entity`,
      '@odata.type': `#microsoft.graph.${set.typeName}`,
      ...profile,
    });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`;
  return simulator;
}

function notAllowed(req: IncomingMessage, allow: string): ErrorReply {
  return graphError(405, 'BadRequest', `The method ${req.method} is not allowed.`, { allow });
}

function faultBody(req: IncomingMessage, res: ServerResponse, status: number): string {
  return status >= 400 ? errorBody(req, res, 'SimulatedFault', `Scripted fault ${status}.`) : '';
}

/** OData names the selected properties in the context URL: `…/androidForWorkEnrollmentProfiles(id,displayName)`. */
function selectionSuffix(selected: readonly string[] | undefined): string {
  return selected ? `(${selected.join(',')})` : '';
}
