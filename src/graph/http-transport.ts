/**
 * The last step of every Graph call: one HTTP attempt over undici. One dispatcher per route (direct, or through the
 * proxy the environment names) serves the whole process, so calls share a bounded pool of keep-alive connections.
 * undici is imported on first use, not on the start-up path. An attempt uses undici's `dispatch` with a handler of its
 * own that collects the body into a string: `request()` would wrap each response in an AsyncResource and a Readable
 * stream, read here through an async iterator, which costs more CPU than the rest of the attempt (npm run bench).
 */
import type { Dispatcher } from 'undici';
import { USER_AGENT } from '../package-info.js';
import {
  GraphCancelledError,
  GraphNetworkError,
  GraphResponseTooLargeError,
  GraphTimeoutError,
} from './graph-errors.js';
import { errorCodes, failedBeforeSending } from './network-failures.js';
import type { GraphRequest, GraphResponse, SendRequest } from './pipeline.js';
import { describeProxy, proxyFor, proxyVariable } from './proxy.js';

/** An entity is a few KiB; a page of them well under 1 MiB. Anything near this is not Graph. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Keep-alive connections per origin. Intune allows ~100 writes / 20 s, so a few connections carry any real load. */
export const MAX_CONNECTIONS = 16;

type Env = Readonly<Record<string, string | undefined>>;

interface Route {
  readonly dispatcher: Dispatcher;
  /** The proxy, named in network errors, never with its credentials. */
  readonly via: { readonly proxy: string; readonly variable: string } | undefined;
}

interface Undici {
  routeTo(url: URL): Route;
  close(): Promise<void>;
}

const POOL = { connections: MAX_CONNECTIONS, keepAliveTimeout: 30_000, pipelining: 1 } as const;

let undiciLoading: Promise<Undici> | undefined;
/** Set once the import has finished: every later attempt uses it without waiting on a promise. */
let undiciLoaded: Undici | undefined;
/** The variables the proxy decision reads; empty (always direct) until index.ts hands over the environment. */
let proxyEnvironment: Env = {};

/**
 * Graph requests follow HTTPS_PROXY / ALL_PROXY / HTTP_PROXY / NO_PROXY from `env` from now on, as the Entra sign-in
 * does (see proxy.ts). Not called in --simulate mode: the built-in simulator is never reached through a proxy.
 */
export function useProxyEnvironment(env: Env): void {
  if (undiciLoading) throw new Error('useProxyEnvironment must be called before the first Graph request.');
  proxyEnvironment = env;
}

function loadUndici(): Promise<Undici> {
  undiciLoading ??= import('undici').then((loaded) => {
    // undici is CommonJS: bundled, its exports arrive on `default`.
    const { Agent, Pool, ProxyAgent } = loaded.Agent ? loaded : loaded.default;
    const env = proxyEnvironment;
    const direct: Route = { dispatcher: new Agent(POOL), via: undefined };
    const byOrigin = new Map<string, Route>(); // in practice one entry: Graph's origin
    const byProxy = new Map<string, Route>();
    const throughProxy = (proxy: URL): Route => {
      let route = byProxy.get(proxy.href);
      if (!route) {
        const dispatcher = new ProxyAgent({
          uri: proxy.href, // its user name and password become the Proxy-Authorization header
          ...POOL,
          // https targets are tunnelled (CONNECT); plain http ones (loopback only) are sent to the proxy in absolute
          // form, as core-rest-pipeline's HttpProxyAgent does. Both within the same connection bound.
          proxyTunnel: false,
          factory: (origin: string | URL, options: object) => new Pool(origin, { ...options, ...POOL }),
        });
        route = {
          dispatcher,
          via: { proxy: describeProxy(proxy), variable: proxyVariable(env)?.name ?? 'HTTPS_PROXY' },
        };
        byProxy.set(proxy.href, route);
      }
      return route;
    };
    return {
      routeTo(url) {
        let route = byOrigin.get(url.origin);
        if (!route) {
          const proxy = proxyFor(url, env);
          route = proxy ? throughProxy(proxy) : direct;
          byOrigin.set(url.origin, route);
        }
        return route;
      },
      async close() {
        const dispatchers = [direct, ...byProxy.values()].map((route) => route.dispatcher);
        await Promise.allSettled(dispatchers.map((dispatcher) => dispatcher.close()));
      },
    };
  });
  void undiciLoading.then((loaded) => {
    undiciLoaded = loaded;
  });
  return undiciLoading;
}

/** Starts loading undici in the background (after the MCP handshake), so the first call does not pay for it. */
export function preloadHttpTransport(): void {
  void loadUndici();
}

export async function closeHttpTransport(): Promise<void> {
  if (!undiciLoading) return;
  const undici = await undiciLoading;
  await undici.close();
}

/**
 * One attempt, bounded by `timeoutMs` from connect to the last byte of the body. One timer per attempt, no
 * AbortSignal: `AbortSignal.timeout` + `AbortSignal.any` cost ~30 µs a request on Node 20 and keep every signal alive
 * until its timer fires (npm run bench).
 */
export function createHttpTransport(timeoutMs: number): SendRequest {
  return async (request: GraphRequest): Promise<GraphResponse> => {
    const undici = undiciLoaded ?? (await loadUndici());
    let via: Route['via'];
    try {
      const url = new URL(request.url);
      const route = undici.routeTo(url);
      via = route.via;
      return await sendAttempt(route.dispatcher, url, request, timeoutMs);
    } catch (error) {
      if (request.signal?.aborted) throw new GraphCancelledError(request.clientRequestId, request.method);
      if (error instanceof GraphTimeoutError || error instanceof GraphResponseTooLargeError) throw error;
      throw new GraphNetworkError(
        describeFailure(error, via),
        request.clientRequestId,
        1,
        request.method,
        failedBeforeSending(error),
      );
    }
  };
}

/**
 * One request through the dispatcher, its answer collected as text: status, headers (lower-case names, repeated ones
 * joined with ", ") and body, bounded by MAX_RESPONSE_BYTES. The time limit and the caller's signal abort it, whether
 * it is still queued for a connection or under way.
 */
function sendAttempt(
  dispatcher: Dispatcher,
  url: URL,
  request: GraphRequest,
  timeoutMs: number,
): Promise<GraphResponse> {
  return new Promise((resolve, reject) => {
    const { signal, clientRequestId } = request;
    let controller: Dispatcher.DispatchController | undefined;
    let stopped: Error | undefined; // why the attempt ended early
    let status = 0;
    let headers: Record<string, string | undefined> = {};
    let chunks: Buffer[] = [];
    let received = 0;
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    };
    const stop = (error: Error) => {
      if (stopped) return;
      stopped = error;
      settle();
      controller?.abort(error); // still queued: aborted as soon as undici reaches it (onRequestStart)
      reject(error);
    };
    const onCancel = () => stop(new GraphCancelledError(clientRequestId, request.method));
    const timer = setTimeout(() => stop(new GraphTimeoutError(timeoutMs, clientRequestId, request.method)), timeoutMs);
    if (signal?.aborted) return onCancel();
    signal?.addEventListener('abort', onCancel);
    const tooLarge = () => stop(new GraphResponseTooLargeError(MAX_RESPONSE_BYTES, clientRequestId, status));
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: requestHeaders(request),
        body: request.body ?? null,
      },
      {
        onRequestStart(started) {
          controller = started;
          if (stopped) started.abort(stopped);
        },
        onResponseStart(_controller, statusCode, responseHeaders) {
          if (statusCode < 200) return; // 1xx: informational, the answer is still to come
          status = statusCode;
          headers = flattenHeaders(responseHeaders);
          chunks = [];
          received = 0;
          const declared = Number(headers['content-length']);
          if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) tooLarge();
        },
        onResponseData(_controller, chunk) {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) tooLarge();
          else chunks.push(chunk);
        },
        onResponseEnd() {
          if (stopped) return;
          stopped = DONE;
          settle();
          const bodyText =
            chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
          resolve({ status, clientRequestId, headers, bodyText });
        },
        onResponseError(_controller, error) {
          stop(error);
        },
      },
    );
  });
}

/** Marks an attempt that ended with its answer. */
const DONE = new Error('done');

function requestHeaders(request: GraphRequest): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'client-request-id': request.clientRequestId,
    'return-client-request-id': 'true',
    'user-agent': USER_AGENT,
  };
  if (request.authorization) headers.authorization = request.authorization;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

/** Lower-case names (as undici gives them); a repeated header's values joined, as HTTP allows. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  for (const name in headers) {
    if (Array.isArray(headers[name])) {
      const flat: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(headers)) flat[key] = Array.isArray(value) ? value.join(', ') : value;
      return flat;
    }
  }
  return headers as Record<string, string | undefined>;
}

function describeFailure(error: unknown, via: Route['via']): string {
  const detail = describeNetworkError(error);
  if (!via) return detail;
  const refused = /\(407\)/.test(detail)
    ? `; the proxy wants credentials it did not get or did not accept: check the user name and password in ${via.variable} (http://user:password@host:port)`
    : '';
  return `${detail} (through the proxy ${via.proxy} from ${via.variable}${refused})`;
}

/** A short, secret-free description: undici's codes and messages never contain headers or bodies. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown network error';
  const label = errorCodes(error, 2).join('/'); // the error's code and its cause's
  const text = label ? `${label}: ${error.message}` : error.message;
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1…@'); // a URL's user info may be a proxy password
}
