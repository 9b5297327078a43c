/**
 * Last line of defence for credentials: every text that leaves the process (stderr, MCP log notifications, tool
 * results) passes through `scrubSecrets`. Libraries we call can put surprising things in their error messages; this
 * makes sure a client secret, access token or Authorization header is never among them.
 *
 * It removes what is a secret, and nothing else: results are written back into Intune by agents, so prose such as
 * "Bearer tokens rotate monthly" must come out as it went in. What counts:
 * - registered values (the secret variables, the tokens the server holds, a proxy password), also as they appear
 *   JSON-escaped, \u-escaped, percent-encoded or base64-encoded (alone or inside a longer base64 text);
 * - enrollment token values the server has seen (`registerEnrollmentSecret`), unless the operator reveals them;
 * - token-shaped text: JWTs, and `Bearer`/`Basic` followed by something that looks like a credential.
 *
 * It runs on every result, so the work is done when secrets are registered: every form of every secret is compiled
 * into one regular expression, and a scrub is two passes over the text (known values, then token shapes).
 */

export const SECRET_MARKER = '[secret]';
/** Enrollment token values, as the redaction of tokenValue shows them. */
export const ENROLLMENT_MARKER = '[redacted]';

/** Secrets shorter than this are too likely to match ordinary text; none of ours is that short. */
const MIN_SECRET_LENGTH = 6;
/** The enrollment token values kept: the most recent ones (a bounded set, however long the session). */
export const MAX_ENROLLMENT_SECRETS = 64;
/** Encoded forms are made for values up to this length; a longer value (a QR code image) is matched as it is. */
const MAX_ENCODED_LENGTH = 1024;

const knownSecrets = new Set<string>();
/** Insertion order is recency: re-registering moves a value to the end; the oldest is dropped beyond the bound. */
const enrollmentSecrets = new Map<string, true>();
let enrollmentSecretsRevealed = false;

interface Matcher {
  readonly pattern: RegExp | undefined;
  /** Each form of a secret → the marker that replaces it. */
  readonly markers: ReadonlyMap<string, string>;
  /** Finds, in JSON text, everything `pattern` and TOKEN_SHAPES could find in a string inside it: see mayHoldSecrets. */
  readonly inJson: RegExp;
}
let matcher: Matcher | undefined; // rebuilt lazily, on the first scrub after a change
/** For diagnostics when enrollment secrets are revealed in results: logs hide them all the same. */
let logMatcher: Matcher | undefined;

/** Every registered value changed: both matchers are rebuilt on their next use. */
function secretsChanged(): void {
  matcher = undefined;
  logMatcher = undefined;
}

export function registerSecret(value: string | undefined): void {
  const secret = value?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH || knownSecrets.has(secret)) return;
  knownSecrets.add(secret);
  secretsChanged();
}

export function forgetSecret(value: string | undefined): void {
  if (value && knownSecrets.delete(value.trim())) secretsChanged();
}

/**
 * An enrollment token value (tokenValue, qrCodeContent, …) the server saw: from now on it is scrubbed from every
 * output, wherever it turns up (a description, an error message), unless `revealEnrollmentSecrets(true)`.
 */
export function registerEnrollmentSecret(value: string | undefined): void {
  const secret = value?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH) return;
  if (enrollmentSecrets.has(secret)) {
    enrollmentSecrets.delete(secret); // most recent last; the set of values is unchanged, so is the matcher
    enrollmentSecrets.set(secret, true);
    return;
  }
  enrollmentSecrets.set(secret, true);
  if (enrollmentSecrets.size > MAX_ENROLLMENT_SECRETS) {
    const oldest = enrollmentSecrets.keys().next().value;
    if (oldest !== undefined) enrollmentSecrets.delete(oldest);
  }
  if (enrollmentSecretsRevealed) {
    logMatcher = undefined; // results show them: only the logs' matcher holds them
  } else {
    secretsChanged();
  }
}

/** INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: the operator wants enrollment token values shown. */
export function revealEnrollmentSecrets(reveal: boolean): void {
  if (reveal !== enrollmentSecretsRevealed) matcher = undefined;
  enrollmentSecretsRevealed = reveal;
}

/** Forgets everything registered (for tests). */
export function resetSecrets(): void {
  knownSecrets.clear();
  enrollmentSecrets.clear();
  enrollmentSecretsRevealed = false;
  secretsChanged();
}

export function scrubSecrets(text: string): string {
  matcher ??= buildMatcher(!enrollmentSecretsRevealed);
  return scrubWith(matcher, text);
}

/**
 * For diagnostics (stderr, log notifications): as scrubSecrets, except that enrollment token values stay hidden even
 * when the operator reveals them in results. Clients keep server logs in files, where a token has no business.
 */
export function scrubSecretsFromLog(text: string): string {
  if (!enrollmentSecretsRevealed) return scrubSecrets(text);
  logMatcher ??= buildMatcher(true);
  return scrubWith(logMatcher, text);
}

function scrubWith({ pattern, markers }: Matcher, text: string): string {
  const known = pattern ? text.replace(pattern, (found) => markers.get(found) ?? SECRET_MARKER) : text;
  return known.replace(TOKEN_SHAPES, scrubTokenShape);
}

/**
 * The same for a JSON value (a profile Graph returned): every string in it, at any depth, keys included. Graph
 * echoing a token back inside a description, or a secret used as a property name, must not carry it into a result.
 * (Two keys that scrub to the same text collapse into one: both were secrets.)
 */
export function scrubSecretsDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return value.map(scrubSecretsDeep) as T;
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[scrubSecrets(key)] = scrubSecretsDeep(item);
    return copy as T;
  }
  return value;
}

/**
 * Whether scrubSecretsDeep could change anything in the value that `json` is JSON.stringify of. A value whose JSON
 * text has no match here holds no secret and no token shape in any string or key, so it goes out as it is, uncopied:
 * one search over text the result carries anyway, instead of two per string and a copy of the whole value.
 *
 * Why nothing is missed: JSON.stringify escapes a string character by character, so a string containing a secret's
 * form f shows, in the JSON text, f as JSON.stringify escapes it; and `inJson` looks for every form escaped that way.
 * (A form with a surrogate could be escaped differently inside a longer string, so then every value is scrubbed.)
 * The token shapes are found without their word boundary (an escaped newline before a JWT ends in a letter), and
 * `Bearer`/`Basic` by the word alone (JSON escapes the whitespace after it); their characters are never escaped.
 */
export function mayHoldSecrets(json: string): boolean {
  matcher ??= buildMatcher(!enrollmentSecretsRevealed);
  return matcher.inJson.test(json);
}

/** JWT-shaped text and the two auth schemes, as they appear in JSON text, word boundaries aside (see mayHoldSecrets). */
const TOKEN_SHAPES_IN_JSON = String.raw`eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.|[Bb][Ee][Aa][Rr][Ee][Rr]|[Bb][Aa][Ss][Ii][Cc]`;
const SURROGATE = /[\uD800-\uDFFF]/;
const ANY_TEXT = /(?:)/;

function buildMatcher(hideEnrollmentSecrets: boolean): Matcher {
  const markers = new Map<string, string>();
  const add = (secret: string, marker: string) => {
    for (const form of formsOf(secret)) if (!markers.has(form)) markers.set(form, marker);
  };
  for (const secret of knownSecrets) add(secret, SECRET_MARKER);
  if (hideEnrollmentSecrets) for (const secret of enrollmentSecrets.keys()) add(secret, ENROLLMENT_MARKER);
  // Longest first, so that a longer form (an escaped one) wins over a shorter one it contains.
  const forms = [...markers.keys()].sort((a, b) => b.length - a.length);
  const inJson = forms.some((form) => SURROGATE.test(form))
    ? ANY_TEXT
    : new RegExp(
        [...new Set(forms.map((form) => JSON.stringify(form).slice(1, -1)))]
          .map(escapeRegExp)
          .concat(TOKEN_SHAPES_IN_JSON)
          .join('|'),
      );
  if (markers.size === 0) return { pattern: undefined, markers, inJson };
  return { pattern: new RegExp(forms.map(escapeRegExp).join('|'), 'g'), markers, inJson };
}

/** A secret as it may appear in text: as is, escaped for JSON or a URL, or base64-encoded. */
export function formsOf(secret: string): Set<string> {
  const forms = new Set([secret]);
  if (secret.length > MAX_ENCODED_LENGTH) return forms;
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replaceAll('/', '\\/')); // JSON may escape the solidus
  forms.add(JSON.stringify(json).slice(1, -1)); // JSON inside a JSON string
  // .NET's System.Text.Json (Graph's) escapes HTML-sensitive and other punctuation as \u00XX.
  const unicode = secret.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  forms.add(unicode);
  forms.add(unicode.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`));
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  for (const encoded of [percent, form]) {
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  for (const core of base64Cores(Buffer.from(secret, 'utf8'))) {
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_')); // base64url
  }
  for (const candidate of forms) if (candidate.length < MIN_SECRET_LENGTH) forms.delete(candidate);
  return forms;
}

/**
 * The base64 characters that encode the secret's bytes and nothing else, for each of the three alignments it can
 * have inside a longer base64 text (a `Basic` credential is base64 of "user:password"). Character c covers bits
 * [6c, 6c + 6); the secret, after k bytes of something else, covers bits [8k, 8k + 8n).
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    cores.push(encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6)));
  }
  return cores;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A JWT (three or more base64url segments, the first starting with {" as eyJ), or `Bearer`/`Basic` in any case (auth
 * schemes are case-insensitive) and a credential in RFC 6750's token68 characters. No `i` flag: eyJ is case-sensitive.
 */
const TOKEN_SHAPES =
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)+|\b([Bb][Ee][Aa][Rr][Ee][Rr]|[Bb][Aa][Ss][Ii][Cc])(\s+)([A-Za-z0-9\-._~+/]+=*)/g;

function scrubTokenShape(found: string, scheme?: string, space?: string, credential?: string): string {
  if (scheme === undefined || credential === undefined) return SECRET_MARKER; // a JWT
  if (!looksLikeCredential(credential)) return found;
  const sentenceEnd = /\.+$/.exec(credential)?.[0] ?? ''; // "… Bearer abc123def." keeps its full stop
  return `${scheme}${space}${SECRET_MARKER}${sentenceEnd}`;
}

/**
 * Whether the word after "Bearer" or "Basic" is a credential rather than prose ("Bearer tokens rotate monthly",
 * "Basic settings", "Bearer token-based auth"). Credentials are random: they mix letters and digits, or carry
 * base64's own characters, or change case inside the word; words do none of that at length.
 */
export function looksLikeCredential(word: string): boolean {
  const text = word.replace(/[.]+$/, ''); // the end of a sentence is not part of it
  if (text.length >= 8 && /[0-9]/.test(text) && /[A-Za-z]/.test(text)) return true;
  if (text.length < 20) return false;
  if (/[_~+/=]/.test(text)) return true;
  return (text.match(/[a-z][A-Z]/g)?.length ?? 0) >= 4;
}
