/**
 * What a shared server checks before any MCP handling: where a browser request comes from (DNS rebinding), how much
 * a request may send, and how many tool calls one process runs at once.
 */
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../loopback.js';

/** A JSON-RPC message for these tools is a few KiB; an agent has no reason to send more. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The Origin a browser sends must be the server's own public origin or a loopback one. A page on another origin whose
 * name resolves to this machine (DNS rebinding) or to a reachable replica would otherwise drive it with the user's
 * network position. A request without Origin is not from a browser page and is let through (tokens still apply).
 */
export function originAllowed(origin: string, publicOrigin: string): boolean {
  if (origin === publicOrigin) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false; // "null" (a sandboxed page, a file) and anything else that is not an origin
  }
}

export type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly tooLarge: true };

/** The request body, refused as soon as it is known to be larger than `maxBytes` (declared or sent). */
export async function readBody(req: IncomingMessage, maxBytes: number = MAX_BODY_BYTES): Promise<BodyRead> {
  if (Number(req.headers['content-length']) > maxBytes) return { ok: false, tooLarge: true };
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) return { ok: false, tooLarge: true };
    chunks.push(chunk);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** The JSON-RPC messages of a request body (one, or a batch). */
export function messagesOf(body: unknown): readonly Record<string, unknown>[] {
  const list = Array.isArray(body) ? body : [body];
  return list.filter((message): message is Record<string, unknown> => typeof message === 'object' && message !== null);
}

/** tools/call requests in the body: what the concurrency bound counts. */
export function toolCallsIn(messages: readonly Record<string, unknown>[]): number {
  return messages.filter((message) => message.method === 'tools/call' && 'id' in message).length;
}

/**
 * Whether a request asks for progress notifications: those need an event stream (SSE) to travel on; every other
 * request is answered with plain JSON, which any balancer and client handles.
 */
export function wantsProgress(messages: readonly Record<string, unknown>[]): boolean {
  return messages.some((message) => {
    const params = message.params as { _meta?: { progressToken?: unknown } } | undefined;
    return params?._meta?.progressToken !== undefined;
  });
}

/** Counts tool calls in progress; one above the bound is refused rather than queued (the balancer can retry). */
export class CallGate {
  private active = 0;

  constructor(readonly max: number) {}

  get inProgress(): number {
    return this.active;
  }

  tryEnter(calls: number): boolean {
    if (calls === 0) return true;
    if (this.active + calls > this.max) return false;
    this.active += calls;
    return true;
  }

  leave(calls: number): void {
    this.active -= calls;
  }
}
