/**
 * OData conventions of Graph answers: the entity (an object with an id), the collection page (`value` and
 * `@odata.nextLink`), and the control information that describes the payload rather than the data.
 */
import type { GraphResult } from './graph-client.js';
import { GraphInvalidResponseError } from './graph-errors.js';

export type GraphEntity = Record<string, unknown> & { id: string };

/**
 * OData control information describes the payload, not the entity: `@odata.context`, `@odata.type`, and property
 * annotations such as `displayName@odata.type`, at any depth (a mimeContent carries its own `@odata.type`). Iterative,
 * so a deeply nested answer cannot exhaust the stack.
 */
export function stripODataControl(body: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const pending: [Record<string, unknown>, Record<string, unknown>][] = [[body, root]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [source, target] = item;
    for (const key in source) {
      if (!Object.hasOwn(source, key) || key.includes('@odata.')) continue;
      const value = source[key];
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const copy: Record<string, unknown> = {};
        target[key] = copy;
        pending.push([value as Record<string, unknown>, copy]);
      } else {
        target[key] = value;
      }
    }
  }
  return root;
}

export function asEntity({ body, status, clientRequestId, requestId }: GraphResult, what: string): GraphEntity {
  if (!body || typeof body.id !== 'string') {
    throw new GraphInvalidResponseError(status, `expected ${what} with an id`, clientRequestId, requestId);
  }
  return stripODataControl(body) as GraphEntity;
}

export interface CollectionPage {
  readonly value: GraphEntity[];
  readonly nextLink?: string;
}

export function asPage({ body, status, clientRequestId, requestId }: GraphResult): CollectionPage {
  const value = body?.value;
  if (!Array.isArray(value)) {
    throw new GraphInvalidResponseError(
      status,
      'expected a collection with a "value" array',
      clientRequestId,
      requestId,
    );
  }
  const entities = value
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .map((item) => stripODataControl(item) as GraphEntity);
  const nextLink = body?.['@odata.nextLink'];
  return { value: entities, ...(typeof nextLink === 'string' && nextLink !== '' && { nextLink }) };
}
