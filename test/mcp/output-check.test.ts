/**
 * The compiled output checks answer exactly what zod answers, for every tool's output schema, on generated values that
 * stay close to the schema (each slot valid, of another type, null, missing, or out of range), and on anything at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { compile, outputCheckOf } from '../../src/mcp/output-check.js';
import { buildTools } from '../../src/resources/registry.js';

const anything = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 1.5, -0, Number.NaN, Infinity),
);

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Values shaped by the schema, each slot sometimes replaced by anything. */
function near(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const valid = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'string':
        return fc.string();
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.oneof(fc.integer(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.double());
      case 'nullable':
      case 'optional':
        return fc.oneof(fc.constantFrom(null, undefined), near(def.innerType as z.ZodType, depth));
      case 'array':
        return fc.array(near(def.element as z.ZodType, depth + 1), { maxLength: 3 });
      case 'object': {
        const shape = def.shape ?? {};
        const slots = Object.fromEntries(
          Object.keys(shape).map((key) => [key, near(shape[key] as z.ZodType, depth + 1)]),
        );
        return fc
          .tuple(
            fc.record(slots, { requiredKeys: [] }),
            fc.dictionary(fc.constantFrom('extra', 'x', '@odata.type'), fc.jsonValue(), { maxKeys: 2 }),
          )
          .map(([declared, extra]) => ({ ...extra, ...declared }));
      }
      default:
        return anything;
    }
  })();
  return depth > 4 ? valid : fc.oneof({ weight: 20, arbitrary: valid }, { weight: 1, arbitrary: anything });
}

describe('compiled output checks', () => {
  const schemas = new Map(buildTools().map((tool) => [tool.name, tool.outputSchema]));

  it('every tool output schema is compiled, not left to zod', () => {
    for (const [name, schema] of schemas) expect(compile(schema), name).toBeTypeOf('function');
  });

  it.each([...schemas])('%s: the same answer as zod', (_name, schema) => {
    const check = outputCheckOf(schema);
    let accepted = 0;
    fc.assert(
      fc.property(near(schema), (value) => {
        const expected = schema.safeParse(value).success;
        if (expected) accepted += 1;
        expect(check(value)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('strict objects, catch-alls and integer formats the same as zod too', () => {
    for (const schema of [
      z.strictObject({ a: z.string().optional() }),
      z.object({ a: z.int() }).catchall(z.boolean()),
      z.object({ n: z.number(), i: z.int32().nullable() }),
      z.array(z.looseObject({ b: z.unknown() })),
    ]) {
      expect(compile(schema)).toBeTypeOf('function');
      const check = outputCheckOf(schema);
      fc.assert(
        fc.property(fc.oneof(near(schema), anything), (value) => {
          expect(check(value)).toBe(schema.safeParse(value).success);
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('leaves to zod what it does not mirror (checks, other types)', () => {
    expect(compile(z.string().max(3))).toBeUndefined();
    expect(compile(z.looseObject({ a: z.enum(['x']) }))).toBeUndefined();
    const schema = z.string().max(3);
    expect(outputCheckOf(schema)('abcd')).toBe(false);
    expect(outputCheckOf(schema)('abc')).toBe(true);
  });
});
