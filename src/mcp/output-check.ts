/**
 * A tool's output schema as a predicate, compiled once per schema from its zod definition: every result is checked
 * before it goes out, and zod's safeParse (which copies the value and collects issues) costs more per call than the
 * check itself needs. The predicate answers exactly what `schema.safeParse(value).success` answers
 * (test/mcp/output-check.test.ts compares them on generated values for every tool); zod still runs to explain a
 * refusal. Only the kinds of schema the output schemas use are compiled (objects, strings, numbers and their integer
 * formats, booleans, null, arrays, unions, nullable, optional, unknown, all without further checks); any other schema
 * is left to zod.
 */
import type * as z from 'zod';

export type OutputCheck = (value: unknown) => boolean;

const compiled = new WeakMap<z.ZodType, OutputCheck>();

/** The predicate for `schema`, compiled on first use; zod's own answer when the schema uses anything else. */
export function outputCheckOf(schema: z.ZodType): OutputCheck {
  let check = compiled.get(schema);
  if (!check) {
    check = compile(schema) ?? ((value) => schema.safeParse(value).success);
    compiled.set(schema, check);
  }
  return check;
}

interface Definition {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly format?: string;
  readonly coerce?: boolean;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A predicate equivalent to the schema, or undefined when the schema has anything this does not mirror. */
export function compile(schema: z.ZodType): OutputCheck | undefined {
  const def = (schema as unknown as { _zod: { def: Definition } })._zod.def;
  if ((def.checks?.length ?? 0) > 0 || def.coerce) return undefined;
  switch (def.type) {
    case 'unknown':
    case 'any':
      return () => true;
    case 'string':
      return (value) => typeof value === 'string';
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'number':
      return numberCheck(def.format);
    case 'nullable': {
      const inner = def.innerType && compile(def.innerType);
      return inner && ((value) => value === null || inner(value));
    }
    case 'optional': {
      const inner = def.innerType && compile(def.innerType);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'array': {
      const element = def.element && compile(def.element);
      return element && ((value) => Array.isArray(value) && everyItem(value, element));
    }
    case 'object':
      return def.shape && objectCheck(def.shape, def.catchall);
    case 'null':
      return (value) => value === null;
    case 'union': {
      // zod takes the first option that accepts the value; for a predicate, any option will do.
      const options = def.options?.map(compile);
      if (!options || options.some((option) => option === undefined)) return undefined;
      const checks = options as OutputCheck[];
      return (value) => checks.some((check) => check(value));
    }
    default:
      return undefined;
  }
}

/** Every index, holes included (read as undefined), as zod reads an array. */
function everyItem(items: readonly unknown[], check: OutputCheck): boolean {
  for (let i = 0; i < items.length; i++) if (!check(items[i])) return false;
  return true;
}

function numberCheck(format: string | undefined): OutputCheck | undefined {
  switch (format) {
    case undefined:
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'int32':
      return (value) => Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX;
    case 'safeint':
      return (value) => Number.isSafeInteger(value);
    default:
      return undefined;
  }
}

/** What zod reads off a schema to decide about an absent key. */
function optionality(schema: z.ZodType): { optin?: string; optout?: string } {
  return (schema as unknown as { _zod: { optin?: string; optout?: string } })._zod;
}

/**
 * zod's object: any non-array object. A declared key that is absent (`key in value` is false) passes only when its
 * schema is optional; one that is present, whatever its value, is checked by its schema. Then the undeclared keys.
 */
function objectCheck(
  shape: Readonly<Record<string, z.ZodType>>,
  catchall: z.ZodType | undefined,
): OutputCheck | undefined {
  const keys = Object.keys(shape);
  const checks: OutputCheck[] = [];
  const mayBeAbsent: boolean[] = [];
  for (const key of keys) {
    const schema = shape[key] as z.ZodType;
    const check = compile(schema);
    if (!check) return undefined;
    const { optin, optout } = optionality(schema);
    if (optin === 'optional' && optout === 'optional') mayBeAbsent.push(true);
    else if (optin === undefined) mayBeAbsent.push(false);
    else return undefined; // a default, or another mix zod treats in its own way
    checks.push(check);
  }
  const declared = new Set(keys);
  const rest = restCheck(catchall);
  if (rest === undefined) return undefined;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (key in record) {
        if (!(checks[i] as OutputCheck)(record[key])) return false;
      } else if (!mayBeAbsent[i]) {
        return false;
      }
    }
    if (rest === true) return true;
    for (const key in record) {
      if (declared.has(key)) continue;
      if (key === '__proto__') {
        if (rest === REFUSE) return false; // zod never copies it, but a strict object still refuses it
        continue;
      }
      if (!rest(record[key])) return false;
    }
    return true;
  };
}

const REFUSE: OutputCheck = () => false;

/** What undeclared keys must be: anything (a plain or loose object), nothing (strict), or a schema; undefined if unknown. */
function restCheck(catchall: z.ZodType | undefined): true | OutputCheck | undefined {
  if (catchall === undefined) return true; // z.object strips unknown keys: they pass
  const type = (catchall as unknown as { _zod: { def: Definition } })._zod.def.type;
  if (type === 'unknown' || type === 'any') return true;
  if (type === 'never') return REFUSE;
  return compile(catchall);
}
