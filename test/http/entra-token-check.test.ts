/**
 * The key resolver's behaviour when Entra ID's key set cannot be fetched: the keys in hand still check tokens, a key
 * not in hand is "cannot check now", and the endpoint is not asked again for every request.
 */
import { errors, exportJWK, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolverAfterFailures } from '../../src/http/entra-token-check.js';

async function heldKey(kid: string) {
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
}

/** A remote key set whose fetch always fails, holding `keys` from an earlier fetch; counts the fetches. */
function failingRemote(keys: Awaited<ReturnType<typeof heldKey>>[]) {
  let fetches = 0;
  const remote = Object.assign(
    async () => {
      fetches += 1;
      throw new errors.JWKSTimeout();
    },
    { jwks: () => ({ keys }) },
  );
  return { remote, fetches: () => fetches };
}

const token = { payload: '', signature: '' };

describe('resolverAfterFailures', () => {
  it('a token whose key is in hand is checked with it even when the fetch fails (a cache past its age)', async () => {
    const { remote, fetches } = failingRemote([await heldKey('k1')]);
    const resolve = resolverAfterFailures(remote);
    await expect(resolve({ alg: 'RS256', kid: 'k1' }, token)).resolves.toBeDefined();
    expect(fetches()).toBe(1);
    // Within the next 5 s the keys in hand answer, and the endpoint is not asked again.
    await expect(resolve({ alg: 'RS256', kid: 'k1' }, token)).resolves.toBeDefined();
    expect(fetches()).toBe(1);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('5 s after the failure, the endpoint is asked again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { remote, fetches } = failingRemote([await heldKey('k1')]);
    const resolve = resolverAfterFailures(remote);
    await expect(resolve({ alg: 'RS256', kid: 'other' }, token)).rejects.toBeInstanceOf(errors.JWKSTimeout);
    vi.setSystemTime(Date.now() + 4_900);
    await expect(resolve({ alg: 'RS256', kid: 'other' }, token)).rejects.toThrow(/could not be fetched 5 s ago/);
    expect(fetches()).toBe(1);
    vi.setSystemTime(Date.now() + 200);
    await expect(resolve({ alg: 'RS256', kid: 'other' }, token)).rejects.toBeInstanceOf(errors.JWKSTimeout);
    expect(fetches()).toBe(2);
  });

  it('a key not in hand is "cannot check now", and a flood of them asks the endpoint once', async () => {
    const { remote, fetches } = failingRemote([await heldKey('k1')]);
    const resolve = resolverAfterFailures(remote);
    await expect(resolve({ alg: 'RS256', kid: 'made-up' }, token)).rejects.toBeInstanceOf(errors.JWKSTimeout);
    for (let i = 0; i < 20; i++) {
      await expect(resolve({ alg: 'RS256', kid: `made-up-${i}` }, token)).rejects.toThrow(
        /the key set could not be fetched 0 s ago; it is fetched again 5 s after a failure/,
      );
    }
    expect(fetches()).toBe(1);
  });
});
