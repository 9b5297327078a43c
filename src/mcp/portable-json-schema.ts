/**
 * JSON Schema that every client reads the same way. zod writes some constructs that strict or older clients (and the
 * MCP Inspector's portability check) warn about: `type: ["string", "null"]` arrays, and `additionalProperties: {}` for
 * a tolerant object. Here a nullable value becomes `anyOf` with `{ "type": "null" }`, and tolerance is expressed by
 * leaving `additionalProperties` out, which means the same.
 */
type Schema = Record<string, unknown>;

export function portableJsonSchema<T extends Schema>(schema: T): T {
  return rewrite(schema) as T;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const source = node as Schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'additionalProperties' && isEmptyObject(value)) continue;
    copy[key] = rewrite(value);
  }
  const { type } = copy;
  if (Array.isArray(type) && type.includes('null') && type.length > 1) {
    const others = type.filter((name) => name !== 'null');
    const { description, title, default: fallback, ...rest } = copy;
    return {
      ...(title !== undefined && { title }),
      ...(description !== undefined && { description }),
      ...(fallback !== undefined && { default: fallback }),
      anyOf: [{ ...rest, type: others.length === 1 ? others[0] : others }, { type: 'null' }],
    };
  }
  return copy;
}

function isEmptyObject(value: unknown): boolean {
  return (
    Boolean(value) && typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0
  );
}
