/** Graph's answers on the wire: the OData content type, request ids, the error envelope and Intune's inner message. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An answer worked out before it is written, so a scripted fault can replace it after the request was processed. */
export interface Reply {
  readonly status: number;
  /** JSON text, or '' for no body. */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error answer; its body is made when it is sent, since it carries the request ids. */
export interface ErrorReply {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): ErrorReply {
  return headers ? { status, code, message, headers } : { status, code, message };
}

export function isErrorReply(reply: Reply | ErrorReply): reply is ErrorReply {
  return 'code' in reply;
}

export function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply | ErrorReply): void {
  const body = isErrorReply(reply) ? errorBody(req, res, reply.code, reply.message) : reply.body;
  send(req, res, reply.status, body, reply.headers);
}

export function send(
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
export function errorBody(req: IncomingMessage, res: ServerResponse, code: string, message: string): string {
  const innerError: Record<string, unknown> = {
    date: new Date().toISOString().slice(0, 19),
    'request-id': res.getHeader('request-id'),
    'client-request-id': req.headers['client-request-id'],
  };
  return JSON.stringify({ error: { code, message, innerError } });
}

/**
 * Intune's JSON document inside Graph's `error.message`. `path` is the request's path under /deviceManagement
 * (e.g. `androidDeviceOwnerEnrollmentProfiles('…')/createToken`), as Intune's front end names it in the Url.
 */
export function intuneMessage(text: string, path: string): string {
  return JSON.stringify({
    _version: 3,
    Message: `${text} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${randomUUID()} - Url: https://fef.msua06.manage.microsoft.com/DeviceEnrollmentFE/StatelessDeviceEnrollmentFEService/deviceManagement/${path}?api-version=5025-07-15`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
}
