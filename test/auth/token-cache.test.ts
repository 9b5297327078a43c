/**
 * TokenCache: one token shared by all calls, refreshed before it expires, replaced after Graph refuses it — with a
 * clock the test controls.
 */
import { describe, expect, it } from 'vitest';
import { type IssuedToken, TokenCache } from '../../src/auth/token-cache.js';

const MINUTE = 60_000;

/** Lets a background refresh finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function setup(lifetimeMs = 60 * MINUTE) {
  let now = 1_000_000;
  const fetches: boolean[] = [];
  let failNext: Error | undefined;
  const cache = new TokenCache(
    async (fresh): Promise<IssuedToken> => {
      fetches.push(fresh);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failNext) throw failNext;
      return { token: `token-${fetches.length}`, expiresOnTimestamp: now + lifetimeMs };
    },
    () => now,
  );
  return {
    cache,
    fetches,
    advance: (ms: number) => (now += ms),
    failWith: (error: Error | undefined) => (failNext = error),
  };
}

describe('sharing', () => {
  it('concurrent first callers share one token request', async () => {
    const { cache, fetches } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(fetches).toEqual([false]);
  });

  it('a caller that gives up does not cancel the shared request for the others', async () => {
    const { cache, fetches } = setup();
    const controller = new AbortController();
    const abandoned = cache.getToken({ signal: controller.signal });
    const patient = cache.getToken();
    controller.abort(new Error('cancelled by the client'));
    await expect(abandoned).rejects.toThrow('cancelled by the client');
    await expect(patient).resolves.toBe('token-1');
    expect(fetches).toHaveLength(1);
  });

  it('a failed request is not cached: the next call tries again', async () => {
    const { cache, fetches, failWith } = setup();
    failWith(new Error('AADSTS7000215'));
    await expect(cache.getToken()).rejects.toThrow('AADSTS7000215');
    failWith(undefined);
    await expect(cache.getToken()).resolves.toBe('token-2');
    expect(fetches).toHaveLength(2);
  });
});

describe('refresh before expiry', () => {
  it('reuses a one-hour token until five minutes before it expires', async () => {
    const { cache, fetches, advance } = setup(60 * MINUTE);
    expect(await cache.getToken()).toBe('token-1');
    advance(54 * MINUTE);
    expect(await cache.getToken()).toBe('token-1');
    advance(2 * MINUTE); // 56 minutes: inside the margin; still served, refreshed in the background
    expect(await cache.getToken()).toBe('token-1');
    await settle();
    expect(await cache.getToken()).toBe('token-2');
    expect(fetches).toEqual([false, false]);
  });

  it('refreshes a short-lived token halfway through its lifetime', async () => {
    const { cache, advance } = setup(4_000);
    expect(await cache.getToken()).toBe('token-1');
    advance(1_900);
    expect(await cache.getToken()).toBe('token-1');
    advance(200); // past half its life: refreshed in the background
    expect(await cache.getToken()).toBe('token-1');
    await settle();
    expect(await cache.getToken()).toBe('token-2');
    advance(3_500); // token-2 near its end with no refresh done: the call waits for a new one
    expect(await cache.getToken()).toBe('token-3');
  });

  it("honours the issuer's refresh hint when it comes earlier", async () => {
    let now = 0;
    let count = 0;
    const cache = new TokenCache(
      async () => ({
        token: `t${++count}`,
        expiresOnTimestamp: now + 24 * 60 * MINUTE,
        refreshAfterTimestamp: now + 60 * MINUTE,
      }),
      () => now,
    );
    expect(await cache.getToken()).toBe('t1');
    now += 61 * MINUTE;
    expect(await cache.getToken()).toBe('t1');
    await settle();
    expect(await cache.getToken()).toBe('t2');
  });

  it('a slow refresh delays no call while the current token is still good', async () => {
    let now = 0;
    let release: () => void = () => undefined;
    let count = 0;
    const cache = new TokenCache(
      async () => {
        count += 1;
        if (count > 1) await new Promise<void>((resolve) => (release = resolve));
        return { token: `t${count}`, expiresOnTimestamp: now + 60 * MINUTE };
      },
      () => now,
    );
    expect(await cache.getToken()).toBe('t1');
    now += 57 * MINUTE;
    const during = await Promise.all([cache.getToken(), cache.getToken(), cache.getToken()]);
    expect(during).toEqual(['t1', 't1', 't1']);
    expect(count).toBe(2); // one background refresh for all of them
    release();
    await settle();
    expect(await cache.getToken()).toBe('t2');
  });

  it('keeps serving the current token when its refresh fails before it expires', async () => {
    const { cache, advance, failWith } = setup(60 * MINUTE);
    await cache.getToken();
    advance(57 * MINUTE);
    failWith(new Error('Entra ID is unreachable'));
    expect(await cache.getToken()).toBe('token-1');
    advance(4 * MINUTE); // now expired
    await expect(cache.getToken()).rejects.toThrow('Entra ID is unreachable');
  });

  it('never reuses a token that arrived already expired (clock skew)', async () => {
    const { cache, fetches } = setup(-10_000);
    await cache.getToken();
    await cache.getToken();
    expect(fetches).toHaveLength(2);
  });
});

describe('forced refresh after Graph refused a token (401)', () => {
  it('does not settle for a refresh under way that brings back the refused token', async () => {
    let now = 0;
    const fetches: boolean[] = [];
    // Like MSAL: a normal request returns the cached token; only a fresh one asks the issuer anew.
    const cache = new TokenCache(
      async (fresh) => {
        fetches.push(fresh);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { token: fresh ? 'fresh' : 'cached', expiresOnTimestamp: now + 60 * MINUTE };
      },
      () => now,
    );
    expect(await cache.getToken()).toBe('cached');
    now += 57 * MINUTE;
    expect(await cache.getToken()).toBe('cached'); // starts a background refresh, which will return 'cached' again
    expect(await cache.getToken({ forceRefresh: true, rejectedToken: 'cached' })).toBe('fresh');
    expect(fetches).toEqual([false, false, true]);
  });

  it('asks for a fresh token when the refused token is the current one', async () => {
    const { cache, fetches } = setup();
    const refused = await cache.getToken();
    expect(await cache.getToken({ forceRefresh: true, rejectedToken: refused })).toBe('token-2');
    expect(fetches).toEqual([false, true]);
  });

  it('does not refresh again for a token that was already replaced', async () => {
    const { cache, fetches } = setup();
    const refused = await cache.getToken();
    await Promise.all([
      cache.getToken({ forceRefresh: true, rejectedToken: refused }),
      cache.getToken({ forceRefresh: true, rejectedToken: refused }),
    ]);
    expect(await cache.getToken({ forceRefresh: true, rejectedToken: refused })).toBe('token-2');
    expect(fetches).toEqual([false, true]);
  });
});
