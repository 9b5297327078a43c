/**
 * The last step of every Graph call: one HTTP attempt over undici. One dispatcher per route (direct, or through the
 * proxy the environment names) serves the whole process, so calls share a bounded pool of keep-alive connections.
 * undici is imported on first use, not on the start-up path.
 */
import type { Dispatcher } from 'undici';
import { USER_AGENT } from '../package-info.js';
import {
  GraphCancelledError,
  GraphNetworkError,
  GraphResponseTooLargeError,
  GraphTimeoutError,
} from './graph-errors.js';
import { failedBeforeSending } from './network-failures.js';
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
  request: typeof import('undici').request;
  routeTo(url: URL): Route;
  close(): Promise<void>;
}

const POOL = { connections: MAX_CONNECTIONS, keepAliveTimeout: 30_000, pipelining: 1 } as const;

let undiciLoading: Promise<Undici> | undefined;
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
    const { Agent, Pool, ProxyAgent, request } = loaded.Agent ? loaded : loaded.default;
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
      request,
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

/** One attempt, bounded by `timeoutMs` from connect to the last byte of the body. */
export function createHttpTransport(timeoutMs: number): SendRequest {
  return async (request: GraphRequest): Promise<GraphResponse> => {
    const undici = await loadUndici();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let via: Route['via'];
    try {
      const url = new URL(request.url);
      const route = undici.routeTo(url);
      via = route.via;
      const { dispatcher } = route;
      const response = await undici.request(url, {
        method: request.method,
        dispatcher,
        signal,
        headers: requestHeaders(request),
        body: request.body,
      });
      const bodyText = await readCappedBody(response, request.clientRequestId, response.statusCode);
      return {
        status: response.statusCode,
        clientRequestId: request.clientRequestId,
        headers: flattenHeaders(response.headers),
        bodyText,
      };
    } catch (error) {
      if (request.signal?.aborted) throw new GraphCancelledError(request.clientRequestId);
      if (timeout.aborted) throw new GraphTimeoutError(timeoutMs, request.clientRequestId, request.method);
      if (error instanceof GraphResponseTooLargeError) throw error;
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

async function readCappedBody(
  response: Dispatcher.ResponseData,
  clientRequestId: string,
  status: number,
): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    response.body.destroy();
    throw new GraphResponseTooLargeError(MAX_RESPONSE_BYTES, clientRequestId, status);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > MAX_RESPONSE_BYTES) {
      response.body.destroy();
      throw new GraphResponseTooLargeError(MAX_RESPONSE_BYTES, clientRequestId, status);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
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
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
  const label = [typeof code === 'string' ? code : undefined, causeCode].filter(Boolean).join('/');
  const text = label ? `${label}: ${error.message}` : error.message;
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1…@'); // a URL's user info may be a proxy password
}
