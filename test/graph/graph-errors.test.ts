import { describe, expect, it } from 'vitest';
import {
  GraphHttpError,
  GraphNetworkError,
  GraphThrottledError,
  GraphTimeoutError,
  MAX_QUOTED_CHARACTERS,
} from '../../src/graph/graph-errors.js';
import { INTUNE_STATUS_HINTS } from '../../src/resources/intune-status-hints.js';

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
    [403, /admin consent[\s\S]*Intune role[\s\S]*scope tags/],
    [404, /no profile here/],
    [409, /changed at the same time/],
    [429, /100 writes and 1,000 requests per 20 seconds/],
    [503, /server-side problem/],
  ])("gives the caller's hint (Intune) for %i", (status, hint) => {
    const hints = { ...INTUNE_STATUS_HINTS, 404: 'no profile here' };
    expect(new GraphHttpError(status, body({ code: 'c', message: 'm' }), 'r', 'c', hints).describe()).toMatch(hint);
  });

  it('knows no resource: without hints it names no permission or tool', () => {
    const text = new GraphHttpError(403, body({ code: 'c', message: 'm' }), 'r', 'c').describe();
    expect(text).not.toMatch(/Intune|DeviceManagement|enrollment/);
  });

  it("shows Intune's JSON inside error.message as its Message and Activity ID, not escaped JSON", () => {
    const intune = JSON.stringify({
      _version: 3,
      Message:
        'Invalid patch, at least 1 property must be changed - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d - Url: https://fef.msua06.manage.microsoft.com/x',
      CustomApiErrorPhrase: '',
    });
    const text = new GraphHttpError(400, body({ code: 'BadRequest', message: intune }), 'r', 'c').describe();
    expect(text).toContain(
      'BadRequest: Invalid patch, at least 1 property must be changed (Intune Activity ID: 1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d)',
    );
    expect(text).not.toContain('_version');
  });

  it("caps Graph's quoted message, saying how much was cut", () => {
    const text = new GraphHttpError(400, body({ code: 'c', message: 'm'.repeat(10_000_000) }), 'r', 'c').describe();
    expect(text.length).toBeLessThan(MAX_QUOTED_CHARACTERS + 500);
    expect(text).toContain(`[${10_000_000 - MAX_QUOTED_CHARACTERS} more characters cut]`);
  });

  it('says whether a failed write may have taken effect', () => {
    const error = (status: number, method: string) =>
      new GraphHttpError(status, '', 'r', 'c', {}, undefined, false, method);
    expect(error(400, 'PATCH').writeEffect).toBe('none');
    expect(error(429, 'POST').writeEffect).toBe('none');
    expect(error(503, 'POST').writeEffect).toBe('unknown'); // a 5xx is no proof nothing happened behind it
    expect(error(504, 'POST').writeEffect).toBe('unknown');
    expect(error(500, 'PATCH').writeEffect).toBe('unknown');
    expect(error(500, 'GET').writeEffect).toBe('none');
    expect(new GraphNetworkError('ECONNREFUSED', 'c', 1, 'POST', true).writeEffect).toBe('none');
    expect(new GraphNetworkError('ECONNRESET', 'c', 1, 'POST', false).writeEffect).toBe('unknown');
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
    expect(new GraphThrottledError(429, 120_000, 60_000, 'c', 'r', 'PATCH', false).describe()).toMatch(
      /throttling \(HTTP 429\) and asked to retry after 120 s \(at .*\), longer than the 60 s .*Nothing was changed/,
    );
    expect(new GraphThrottledError(504, 120_000, 60_000, 'c', 'r', 'PATCH', true).describe()).toMatch(
      /unavailable \(HTTP 504\).*An earlier attempt may have been applied/,
    );
    // A 429 after earlier 429s: none of them was taken.
    expect(new GraphThrottledError(429, 120_000, 60_000, 'c', 'r', 'PATCH', false).writeEffect).toBe('none');
    expect(new GraphThrottledError(503, 120_000, 60_000, 'c', 'r', 'PATCH', false).writeEffect).toBe('unknown');
  });
});
