/**
 * One Graph entity set, generically: list (following @odata.nextLink), get, update (PATCH) and bound actions
 * (POST {collection}/{id}/{action}). It knows Graph's conventions and Intune's observed quirks, never a resource's
 * properties or a tool: the resource declarations in src/resources/ give it a path and the words for a 404.
 */
import type { GraphCallOptions, GraphClient } from './graph-client.js';
import {
  GraphCallError,
  GraphInvalidResponseError,
  GraphReadBackError,
  GraphResponseTooLargeError,
} from './graph-errors.js';
import { asEntity, asPage, type GraphEntity, stripODataControl } from './odata.js';

/** Pages read at most in one list call: a Graph that keeps sending nextLinks must not keep us reading forever. */
export const MAX_PAGES = 1000;
/**
 * What one list call keeps, in UTF-8 bytes of JSON: below the 4 MiB a result may carry (src/mcp/tool-results.ts), so
 * what was read can still be returned; and a Graph (or proxy) answering huge pages cannot grow the heap until the
 * process dies.
 */
export const MAX_LIST_BYTES = 3 * 1024 * 1024;

export interface EntityPage {
  readonly entities: GraphEntity[];
  readonly nextLink?: string;
  /**
   * Why the paging stopped: `top` entities were found, the pages ran out, the next page is on another origin (not
   * followed: the request would carry our token there), the page limit (MAX_PAGES, or a nextLink seen before), or
   * the size limit (MAX_LIST_BYTES).
   */
  readonly stoppedBy: 'top' | 'end' | 'foreign-origin' | 'page-limit' | 'size-limit';
}

export interface ListOptions extends GraphCallOptions {
  /** Stop once this many entities (that `keep` accepts) are collected. */
  readonly top: number;
  /** Filter applied by this server, page by page, so that only matches are kept. */
  readonly keep?: (entity: GraphEntity) => boolean;
  /** $select: properties Graph should return (some, such as enrollment tokens, come back empty otherwise). */
  readonly select?: readonly string[];
  /** $filter, as OData text, for filters Graph applies itself. */
  readonly filter?: string;
}

export interface GetOptions extends GraphCallOptions {
  readonly select?: readonly string[];
}

export class EntityCollection {
  /**
   * @param path the entity set's path under the Graph base URL, e.g. /deviceManagement/androidForWorkEnrollmentProfiles
   * @param notFound what a 404 means for an id, in words an operator can act on
   */
  constructor(
    private readonly graph: GraphClient,
    readonly path: string,
    private readonly notFound: (id: string) => string,
  ) {}

  async get(id: string, options: GetOptions = {}): Promise<GraphEntity> {
    const url = options.select ? `${this.itemPath(id)}${selectQuery(options.select)}` : this.itemPath(id);
    return asEntity(await this.graph.request('GET', url, undefined, this.withNotFound(id, options)), 'an entity');
  }

  /**
   * PATCH, then the whole updated entity. The docs promise 200 with the entity, but Intune endpoints are widely
   * observed answering 204 No Content (or 200 with an empty body, or one without the id): then it is read back (with
   * `select`). A read-back that fails is reported as such (GraphReadBackError): the change itself was applied.
   * `readBack` says which it was: an answer may leave out what only $select brings.
   */
  async update(
    id: string,
    patch: Readonly<Record<string, unknown>>,
    options: GetOptions = {},
  ): Promise<{ entity: GraphEntity; readBack: boolean }> {
    const { select: _select, ...call } = options;
    const { body, status } = await this.acceptingUnreadable('PATCH', this.itemPath(id), patch, id, call);
    if (body && typeof body.id === 'string') return { entity: stripODataControl(body) as GraphEntity, readBack: false };
    return { entity: await this.readBack(id, status, options), readBack: true };
  }

  /**
   * A bound action, POST {collection}/{id}/{name}. Intune's answer (204) has no body; the caller reads the entity
   * when it needs the effect. `idempotent` says whether the action may be resent after an uncertain failure.
   */
  async invoke(
    id: string,
    name: string,
    body: Readonly<Record<string, unknown>> | undefined,
    options: GraphCallOptions & { readonly idempotent: boolean },
  ): Promise<{ status: number }> {
    const { status } = await this.acceptingUnreadable(
      'POST',
      `${this.itemPath(id)}/${encodeURIComponent(name)}`,
      body, // an action without parameters is sent without a body, as the reference shows
      id,
      options,
    );
    return { status };
  }

  /** Reads the entity after a write Graph accepted; a failure says the write was applied. */
  async readBack(id: string, status: number, options: GetOptions = {}): Promise<GraphEntity> {
    try {
      return await this.get(id, options);
    } catch (error) {
      throw error instanceof GraphCallError ? new GraphReadBackError(status, error) : error;
    }
  }

  /** Follows @odata.nextLink until `top` entities are kept or the pages run out, within the bounds above. */
  async list(options: ListOptions): Promise<EntityPage> {
    const entities: GraphEntity[] = [];
    const seenLinks = new Set<number>(); // hashes: a loop is detected without keeping every link
    let bytes = 0;
    let next: string | undefined = withQuery(this.path, {
      $select: options.select?.join(','),
      $filter: options.filter,
    });
    const page = (stoppedBy: EntityPage['stoppedBy']): EntityPage => ({
      entities: entities.slice(0, options.top),
      stoppedBy,
      ...(next !== undefined && { nextLink: next }),
    });
    for (;;) {
      // Complete when the pages ran out and nothing read was cut off; `top` when more were (or may be) there.
      if (next === undefined && entities.length <= options.top) return page('end');
      if (entities.length >= options.top) return page('top');
      if (next === undefined) return page('end');
      if (!this.graph.canSendTo(next)) return page('foreign-origin');
      const linkHash = hashText(next);
      if (seenLinks.has(linkHash) || seenLinks.size >= MAX_PAGES) return page('page-limit');
      seenLinks.add(linkHash);
      const current = asPage(await this.graph.request('GET', next, undefined, options));
      next = current.nextLink;
      for (const entity of current.value) {
        if (options.keep && !options.keep(entity)) continue;
        bytes += Buffer.byteLength(JSON.stringify(entity), 'utf8');
        if (bytes > MAX_LIST_BYTES) return page('size-limit');
        entities.push(entity);
      }
    }
  }

  private itemPath(id: string): string {
    // Ids are validated by the tools' schemas; encoded regardless, so nothing can ever reach another path.
    return `${this.path}/${encodeURIComponent(id)}`;
  }

  private withNotFound(id: string, call: GraphCallOptions): GraphCallOptions {
    return { ...call, notFoundHint: this.notFound(id) };
  }

  /** A write. A 2xx whose body is unusable (not JSON, or oversized) still means Graph accepted it. */
  private async acceptingUnreadable(
    method: 'PATCH' | 'POST',
    path: string,
    body: unknown,
    id: string,
    call: GraphCallOptions & { readonly idempotent?: boolean },
  ): Promise<{ body?: Record<string, unknown>; status: number }> {
    try {
      return await this.graph.request(method, path, body, this.withNotFound(id, call));
    } catch (error) {
      const accepted =
        (error instanceof GraphInvalidResponseError || error instanceof GraphResponseTooLargeError) &&
        error.status >= 200 &&
        error.status < 300;
      if (accepted) return { status: error.status };
      throw error;
    }
  }
}

const selectQueries = new WeakMap<readonly string[], string>();

/** `?$select=…` for a list of properties, made once per list (a kind's list is a constant). */
function selectQuery(select: readonly string[]): string {
  let query = selectQueries.get(select);
  if (query === undefined) {
    query = withQuery('', { $select: select.join(',') });
    selectQueries.set(select, query);
  }
  return query;
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return params.length === 0 ? path : `${path}?${params.join('&')}`;
}

/** A 53-bit string hash (cyrb53): a repeated link is recognised among MAX_PAGES with no realistic collision. */
function hashText(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
