import { describe, expect, it } from 'vitest';
import { GraphHttpError, GraphThrottledError, GraphTimeoutError } from '../../src/graph/graph-errors.js';

const body = (error: Record<string, unknown>) => JSON.stringify({ error });

describe('GraphHttpError.describe', () => {
  it('carries status, Graph code and message verbatim, both request ids and the date', () => {
    const text = new GraphHttpError(
      400,
      body({
        code: 'BadRequest',
        message: 'Property x is bad',
        innerError: { 'request-id': 'r-1', date: '2026-11-28T10:00:00' },
      }),
      undefined,
      'c-1',
    ).describe();
    expect(text).toContain('HTTP 400 Bad Request');
    expect(text).toContain('BadRequest: Property x is bad');
    expect(text).toContain('request-id: r-1, client-request-id: c-1, date: 2026-11-28T10:00:00');
  });

  it('prefers the request-id response header', () => {
    const text = new GraphHttpError(
      500,
      body({ code: 'x', message: 'y', innerError: { 'request-id': 'inner' } }),
      'header',
      'c',
    ).describe();
    expect(text).toContain('request-id: header');
  });

  it.each([
    [401, /DeviceManagementConfiguration\.ReadWrite\.All/],
    [403, /admin consent/],
    [404, /no profile here/],
    [409, /changed at the same time/],
    [429, /100 writes per 20 seconds/],
    [503, /server-side problem/],
  ])('gives a hint for %i', (status, hint) => {
    expect(
      new GraphHttpError(status, body({ code: 'c', message: 'm' }), 'r', 'c', 'no profile here').describe(),
    ).toMatch(hint);
  });

  it('reports a non-JSON body by a short snippet', () => {
    const text = new GraphHttpError(
      502,
      `<html><title>Bad gateway</title>${'z'.repeat(10_000)}</html>`,
      undefined,
      'c',
    ).describe();
    expect(text).toContain('<html><title>Bad gateway</title>');
    expect(text.length).toBeLessThan(600);
  });

  it('copes with an empty body and JSON that is not an envelope', () => {
    expect(new GraphHttpError(500, '', undefined, 'c').describe()).toContain('HTTP 500');
    expect(new GraphHttpError(500, '[1,2]', undefined, 'c').describe()).toContain('[1,2]');
    expect(new GraphHttpError(500, '{"error":"flat"}', undefined, 'c').describe()).toContain(
      '{\\"error\\":\\"flat\\"}',
    );
  });
});

describe('other failures', () => {
  it('a timed-out write may or may not have been applied; a timed-out read changed nothing', () => {
    expect(new GraphTimeoutError(500, 'c-9', 'PATCH').describe()).toMatch(
      /may or may not have been applied[\s\S]*client-request-id: c-9/,
    );
    expect(new GraphTimeoutError(500, 'c-9', 'GET').describe()).toMatch(/It was a read, which changes nothing/);
  });
  it('throttling beyond the cap says when to retry', () => {
    expect(new GraphThrottledError(429, 120_000, 60_000, 'c', 'r', 'PATCH', 1).describe()).toMatch(
      /throttling \(HTTP 429\) and asked to retry after 120 s \(at .*\), longer than the 60 s .*Nothing was changed/,
    );
    expect(new GraphThrottledError(504, 120_000, 60_000, 'c', 'r', 'PATCH', 2).describe()).toMatch(
      /unavailable \(HTTP 504\).*An earlier attempt may have been applied/,
    );
  });
});
