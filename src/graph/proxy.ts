/**
 * Which proxy a Graph request goes through, decided exactly as the Entra sign-in decides it. @azure/identity sends its
 * requests through @azure/core-rest-pipeline, whose proxy policy (@typespec/ts-http-runtime 0.3, policies/proxyPolicy.js)
 * reads the environment like this:
 *
 * - the proxy is HTTPS_PROXY, else ALL_PROXY, else HTTP_PROXY, whatever the target's scheme; each name upper case
 *   first, then lower case (an empty value counts as unset);
 * - NO_PROXY (else no_proxy) is split on commas and trimmed; an entry matches the target's host name (URL.hostname:
 *   lower case, IPv6 in brackets, no port) exactly, and an entry starting with a dot matches that domain and every
 *   host under it (`.contoso.com` matches `contoso.com` and `graph.contoso.com`);
 * - nothing else: no `*` wildcard, entries with a port never match, entries are not lower-cased, and loopback hosts
 *   are not bypassed (a proxy set for sign-in is used even for an authority on 127.0.0.1).
 *
 * undici's EnvHttpProxyAgent differs on several of these (it picks the variable by the target's scheme, knows `*`
 * and ports), so the decision is made here and undici is only told which proxy to use.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** In the order core-rest-pipeline tries them. */
export const PROXY_VARIABLES = ['HTTPS_PROXY', 'ALL_PROXY', 'HTTP_PROXY'] as const;

export interface ProxyVariable {
  /** The variable the value came from, as spelled in the environment (`https_proxy` when that is the one set). */
  readonly name: string;
  readonly value: string;
}

function environmentValue(env: Env, name: string): ProxyVariable | undefined {
  if (env[name]) return { name, value: env[name] };
  const lower = name.toLowerCase();
  if (env[lower]) return { name: lower, value: env[lower] };
  return undefined;
}

/** The proxy variable in force, if any. */
export function proxyVariable(env: Env): ProxyVariable | undefined {
  for (const name of PROXY_VARIABLES) {
    const found = environmentValue(env, name);
    if (found) return found;
  }
  return undefined;
}

export function noProxyEntries(env: Env): string[] {
  const value = environmentValue(env, 'NO_PROXY')?.value;
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Whether NO_PROXY sends requests to `hostname` (URL.hostname) directly. */
export function isBypassed(hostname: string, entries: readonly string[]): boolean {
  return entries.some((entry) =>
    entry.startsWith('.') ? hostname.endsWith(entry) || hostname === entry.slice(1) : hostname === entry,
  );
}

/**
 * The proxy for a request to `url`, or undefined to connect directly. Throws for a proxy value that is not a URL; the
 * configuration check at start-up (`proxyConfigProblem`) refuses those first.
 */
export function proxyFor(url: string | URL, env: Env): URL | undefined {
  const proxy = proxyVariable(env);
  if (!proxy) return undefined;
  const target = typeof url === 'string' ? new URL(url) : url;
  if (isBypassed(target.hostname, noProxyEntries(env))) return undefined;
  return new URL(proxy.value);
}

/** A proxy as messages may show it: scheme, host and port, never the user name or password. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/**
 * What is wrong with the proxy variable in force, naming it, or undefined. Only http and https proxies work (for
 * sign-in too: core-rest-pipeline speaks HTTP CONNECT); a value without a scheme ("proxy:3128") parses as a URL
 * with the scheme "proxy:", so it is refused here rather than failing on every request.
 */
export function proxyConfigProblem(env: Env): string | undefined {
  const proxy = proxyVariable(env);
  if (!proxy) return undefined;
  const example = 'such as http://proxy.example.com:8080';
  let url: URL;
  try {
    url = new URL(proxy.value);
  } catch {
    return `${proxy.name} is not a valid URL ${example}.`;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    // Without a scheme, "user:password@proxy:3128" parses with the scheme "user:": whatever holds an @ is not shown.
    const shown = proxy.value.includes('@') ? '' : `; got "${proxy.value}"`;
    return `${proxy.name} must be an http:// or https:// proxy URL ${example}${shown}.`;
  }
  return undefined;
}

/** The proxy's user name and password, decoded and as written, and as a Basic credential pair: all secrets. */
export function proxyCredentials(env: Env): string[] {
  const proxy = proxyVariable(env);
  if (!proxy) return [];
  try {
    const { username, password } = new URL(proxy.value);
    if (!password) return [];
    const decoded = safeDecode(password);
    return [password, decoded, `${safeDecode(username)}:${decoded}`];
  } catch {
    return [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
