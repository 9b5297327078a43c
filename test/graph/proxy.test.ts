/**
 * proxyFor: the same decision @azure/core-rest-pipeline's proxy policy makes for the sign-in (@typespec/ts-http-runtime
 * policies/proxyPolicy.js), case by case, and checked against that very code for random environments.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeProxy,
  isBypassed,
  proxyConfigProblem,
  proxyCredentials,
  proxyFor,
  proxyVariable,
} from '../../src/graph/proxy.js';

const GRAPH = 'https://graph.microsoft.com/beta/deviceManagement';
const P = 'http://proxy.contoso.example:3128';

describe('which variable', () => {
  it.each([
    [{}, undefined],
    [{ HTTPS_PROXY: P }, 'HTTPS_PROXY'],
    [{ https_proxy: P }, 'https_proxy'],
    [{ HTTPS_PROXY: P, https_proxy: 'http://lower:1' }, 'HTTPS_PROXY'],
    [{ HTTPS_PROXY: '', https_proxy: P }, 'https_proxy'],
    [{ ALL_PROXY: P, HTTP_PROXY: 'http://h:1' }, 'ALL_PROXY'],
    [{ all_proxy: P, HTTP_PROXY: 'http://h:1' }, 'all_proxy'],
    [{ HTTP_PROXY: P }, 'HTTP_PROXY'],
    [{ http_proxy: P }, 'http_proxy'],
    [{ http_proxy: P, ALL_PROXY: 'http://a:1', https_proxy: 'http://s:1' }, 'https_proxy'],
  ] as [Record<string, string>, string | undefined][])('%j → %s', (env, name) => {
    expect(proxyVariable(env)?.name).toBe(name);
  });

  it('HTTPS_PROXY serves plain-http targets too, as core-rest-pipeline does', () => {
    expect(proxyFor('http://127.0.0.1:8080/beta', { HTTPS_PROXY: P, HTTP_PROXY: 'http://other:1' })?.href).toBe(
      `${P}/`,
    );
  });
});

describe('NO_PROXY', () => {
  it.each([
    ['graph.microsoft.com', 'graph.microsoft.com', true],
    ['graph.microsoft.com', ' login.example , graph.microsoft.com ', true],
    ['graph.microsoft.com', '.microsoft.com', true],
    ['microsoft.com', '.microsoft.com', true], // the domain itself
    ['notmicrosoft.com', '.microsoft.com', false],
    ['graph.microsoft.com', 'microsoft.com', false], // no dot: exact only
    ['graph.microsoft.com', '*', false], // no wildcard
    ['graph.microsoft.com', '*.microsoft.com', false],
    ['graph.microsoft.com', 'graph.microsoft.com:443', false], // ports never match
    ['graph.microsoft.com', 'GRAPH.MICROSOFT.COM', false], // entries are not lower-cased
    ['127.0.0.1', '', false], // loopback is not bypassed by itself
    ['localhost', 'localhost', true],
    ['[::1]', '::1', false], // URL.hostname keeps the brackets
    ['[::1]', '[::1]', true],
  ])('%s with NO_PROXY=%j → bypassed: %s', (host, noProxy, bypassed) => {
    const entries = noProxy
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    expect(isBypassed(host, entries)).toBe(bypassed);
    expect(proxyFor(`https://${host}/beta`, { HTTPS_PROXY: P, NO_PROXY: noProxy }) === undefined).toBe(bypassed);
  });

  it('no_proxy counts when NO_PROXY is unset or empty; NO_PROXY wins when both are set', () => {
    expect(proxyFor(GRAPH, { HTTPS_PROXY: P, no_proxy: 'graph.microsoft.com' })).toBeUndefined();
    expect(proxyFor(GRAPH, { HTTPS_PROXY: P, NO_PROXY: '', no_proxy: 'graph.microsoft.com' })).toBeUndefined();
    expect(proxyFor(GRAPH, { HTTPS_PROXY: P, NO_PROXY: 'other', no_proxy: 'graph.microsoft.com' })).toBeDefined();
  });

  it('loopback goes through the proxy unless NO_PROXY names it', () => {
    expect(proxyFor('https://127.0.0.1:8443/beta', { HTTPS_PROXY: P })?.host).toBe('proxy.contoso.example:3128');
    expect(proxyFor('https://127.0.0.1:8443/beta', { HTTPS_PROXY: P, NO_PROXY: '127.0.0.1' })).toBeUndefined();
  });

  it('is the same decision core-rest-pipeline makes, for random environments', () => {
    const theirs = loadTheirDecision();
    // The oracle itself answers both ways (else the comparison below would prove nothing).
    expect(theirs(GRAPH, { https_proxy: P })).toBe(`${P}/`);
    expect(theirs(GRAPH, { https_proxy: P, NO_PROXY: '.microsoft.com' })).toBeUndefined();
    const host = fc.constantFrom('graph.microsoft.com', 'microsoft.com', 'a.b.microsoft.com', '127.0.0.1', 'localhost');
    const entry = fc.constantFrom(
      'graph.microsoft.com',
      '.microsoft.com',
      'microsoft.com',
      '*',
      '127.0.0.1',
      '.0.0.1',
      'localhost:443',
      'LOCALHOST',
      '',
      ' ',
    );
    const value = fc.option(fc.constantFrom(P, 'http://other.example:8080', ''), { nil: undefined });
    const env = fc.record(
      {
        HTTPS_PROXY: value,
        https_proxy: value,
        ALL_PROXY: value,
        all_proxy: value,
        HTTP_PROXY: value,
        http_proxy: value,
        NO_PROXY: fc.option(
          fc.array(entry, { maxLength: 4 }).map((entries) => entries.join(',')),
          { nil: undefined },
        ),
        no_proxy: fc.option(
          fc.array(entry, { maxLength: 4 }).map((entries) => entries.join(',')),
          { nil: undefined },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(env, host, fc.constantFrom('https:', 'http:'), (environment, target, scheme) => {
        const url = `${scheme}//${target}/beta`;
        expect(proxyFor(url, environment)?.href).toBe(theirs(url, environment));
      }),
      { numRuns: 200 },
    );
  });
});

describe('messages never show credentials', () => {
  it('describeProxy shows scheme, host and port only', () => {
    expect(describeProxy(new URL('http://alice:s3cr3t-pw@proxy.example:8080'))).toBe('http://proxy.example:8080');
  });

  it('proxyCredentials gives the password raw, decoded, and as the Basic pair', () => {
    expect(proxyCredentials({ HTTPS_PROXY: 'http://alice:p%40ss-w0rd@proxy:8080' })).toEqual([
      'p%40ss-w0rd',
      'p@ss-w0rd',
      'alice:p@ss-w0rd',
    ]);
    expect(proxyCredentials({ HTTPS_PROXY: 'http://proxy:8080' })).toEqual([]);
  });

  it('proxyConfigProblem accepts http and https proxies', () => {
    expect(proxyConfigProblem({ HTTPS_PROXY: 'https://alice:pw@proxy:8443' })).toBeUndefined();
    expect(proxyConfigProblem({ http_proxy: 'http://proxy' })).toBeUndefined();
    expect(proxyConfigProblem({})).toBeUndefined();
  });
});

/**
 * core-rest-pipeline's own decision, from the installed @typespec/ts-http-runtime: it reads process.env once, when its
 * first policy is made, so each environment gets a fresh copy of the module, loaded with process.env swapped in.
 */
function loadTheirDecision(): (url: string, env: Record<string, string | undefined>) => string | undefined {
  const require = createRequire(import.meta.url);
  const runtimePath = require.resolve('@typespec/ts-http-runtime/internal/policies', {
    paths: [require.resolve('@azure/core-rest-pipeline')],
  });
  return (url, env) => {
    const saved = process.env;
    process.env = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
    try {
      for (const key of Object.keys(require.cache)) {
        if (key.includes('ts-http-runtime')) delete require.cache[key];
      }
      const { proxyPolicy } = require(runtimePath) as {
        proxyPolicy: () => { sendRequest(request: object, next: (r: object) => Promise<unknown>): Promise<unknown> };
      };
      const request: { url: string; agent?: { proxy?: URL } } = { url };
      let agent: { proxy?: URL } | undefined;
      void proxyPolicy().sendRequest(request, async (sent) => {
        agent = (sent as typeof request).agent;
        return {};
      });
      return agent?.proxy?.href;
    } finally {
      process.env = saved;
    }
  };
}
