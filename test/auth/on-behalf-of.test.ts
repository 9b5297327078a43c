/**
 * OnBehalfOfTokens on its own, with a stand-in credential: one Graph token per user (tenant and object id), one
 * exchange however many of that user's calls arrive at once, the user's newest token used for the next exchange, and a
 * bounded number of users. End to end against a fake Entra ID: test/http/entra-callers.test.ts.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { describe, expect, it } from 'vitest';
import { OnBehalfOfTokens } from '../../src/auth/on-behalf-of.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

function caller(oid: string, token = `assertion-of-${oid}`): AuthInfo {
  return { token, clientId: 'client', scopes: ['access_as_user'], extra: { oid, tid: TENANT } };
}

function tokens(options: { maxUsers?: number; fail?: string } = {}) {
  const exchanges: string[] = [];
  const obo = new OnBehalfOfTokens({
    tenantId: TENANT,
    clientId: 'api',
    credential: 'client-secret',
    env: {},
    sendCertificateChain: false,
    authorityHost: 'https://login.microsoftonline.com',
    scope: 'https://graph.microsoft.com/.default',
    timeoutMs: 5000,
    maxUsers: options.maxUsers,
    createCredential: async (assertion): Promise<TokenCredential> => ({
      getToken: async (): Promise<AccessToken> => {
        exchanges.push(assertion);
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (options.fail) throw new Error(options.fail);
        return {
          token: `graph-token-${exchanges.length}-for-${assertion}`,
          expiresOnTimestamp: Date.now() + 3_600_000,
        };
      },
    }),
  });
  return { obo, exchanges };
}

describe('OnBehalfOfTokens', () => {
  it("exchanges once per user, however many of the user's calls come at once", async () => {
    const { obo, exchanges } = tokens();
    const got = await Promise.all([
      ...Array.from({ length: 10 }, () => obo.forCaller(caller('alice')).getToken({})),
      ...Array.from({ length: 10 }, () => obo.forCaller(caller('bob')).getToken({})),
    ]);
    expect(exchanges.sort()).toEqual(['assertion-of-alice', 'assertion-of-bob']);
    expect(new Set(got.slice(0, 10)).size).toBe(1);
    expect(got[0]).toContain('for-assertion-of-alice');
    expect(got[10]).toContain('for-assertion-of-bob');
    expect(await obo.forCaller(caller('alice', 'a-newer-token')).getToken({})).toBe(got[0]);
    expect(exchanges).toHaveLength(2);
  });

  it("after Graph refused a token, exchanges again with the user's newest token", async () => {
    const { obo, exchanges } = tokens();
    const first = await obo.forCaller(caller('alice', 'first')).getToken({});
    const provider = obo.forCaller(caller('alice', 'second'));
    const fresh = await provider.getToken({ forceRefresh: true, rejectedToken: first });
    expect(fresh).not.toBe(first);
    expect(exchanges).toEqual(['first', 'second']);
  });

  it('keeps a bounded number of users, forgetting the one seen least recently', async () => {
    const { obo, exchanges } = tokens({ maxUsers: 2 });
    await obo.forCaller(caller('alice')).getToken({});
    await obo.forCaller(caller('bob')).getToken({});
    await obo.forCaller(caller('alice')).getToken({}); // alice is now the most recent
    await obo.forCaller(caller('carol')).getToken({}); // bob goes
    expect(obo.size).toBe(2);
    await obo.forCaller(caller('alice')).getToken({});
    await obo.forCaller(caller('bob')).getToken({});
    expect(exchanges).toEqual(['assertion-of-alice', 'assertion-of-bob', 'assertion-of-carol', 'assertion-of-bob']);
  });

  it('a token of another tenant with the same object id is another user', async () => {
    const { obo, exchanges } = tokens();
    await obo.forCaller(caller('alice')).getToken({});
    await obo.forCaller({ ...caller('alice'), extra: { oid: 'alice', tid: 'another-tenant' } }).getToken({});
    expect(exchanges).toHaveLength(2);
  });

  it('says which credential failed, with the AADSTS fix', async () => {
    const { obo } = tokens({ fail: 'AADSTS50013: Assertion failed signature validation.' });
    await expect(obo.forCaller(caller('alice')).getToken({})).rejects.toThrow(
      /on-behalf-of \(OnBehalfOfCredential\) failed \(AADSTS50013\)[\s\S]*Fix: AADSTS50013: the caller's token cannot be exchanged/,
    );
  });

  it('refuses a caller without a verified identity', () => {
    const { obo } = tokens();
    expect(() => obo.forCaller(undefined)).toThrow(/verified caller/);
    expect(() => obo.forCaller({ token: 't', clientId: 'c', scopes: [] })).toThrow(/oid and tid/);
  });
});
