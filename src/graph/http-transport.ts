/**
 * The last step of every Graph call: one HTTP attempt over undici. One dispatcher serves the whole process, so calls
 * share a bounded pool of keep-alive connections. undici is imported on first use, not on the start-up path.
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

/** An enrollment profile is a few KiB; a page of them well under 1 MiB. Anything near this is not Graph. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Keep-alive connections per origin. Intune allows ~100 writes / 20 s, so a few connections carry any real load. */
export const MAX_CONNECTIONS = 16;

interface Undici {
  request: typeof import('undici').request;
  dispatcher: Dispatcher;
}

let undiciLoading: Promise<Undici> | undefined;

function loadUndici(): Promise<Undici> {
  undiciLoading ??= import('undici').then((loaded) => {
    // undici is CommonJS: bundled, its exports arrive on `default`.
    const { Agent, request } = loaded.Agent ? loaded : loaded.default;
    return {
      request,
      dispatcher: new Agent({ connections: MAX_CONNECTIONS, keepAliveTimeout: 30_000, pipelining: 1 }),
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
  const { dispatcher } = await undiciLoading;
  await dispatcher.close().catch(() => undefined);
}

/** One attempt, bounded by `timeoutMs` from connect to the last byte of the body. */
export function createHttpTransport(timeoutMs: number): SendRequest {
  return async (request: GraphRequest): Promise<GraphResponse> => {
    const { request: undiciRequest, dispatcher } = await loadUndici();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const response = await undiciRequest(request.url, {
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
        describeNetworkError(error),
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

/** A short, secret-free description: undici's codes and messages never contain headers or bodies. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown network error';
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
  const label = [typeof code === 'string' ? code : undefined, causeCode].filter(Boolean).join('/');
  return label ? `${label}: ${error.message}` : error.message;
}
