/**
 * A PATCH body read the way Graph's OData reader reads it: unknown properties, values of the wrong JSON kind,
 * literals that do not convert (Int32, DateTimeOffset, Binary, enum members) and nulls for non-nullable properties
 * are refused with the messages OData gives; then Intune's own checks (an empty patch, the device name template's
 * length, token types a mode does not allow).
 */
import { type EdmType, type EntitySet, type PropertySpec, TOKEN_TYPE_MODES } from './entity-sets.js';
import { intuneMessage } from './graph-responses.js';

export type PatchCheck =
  | { readonly ok: true; readonly changes: Record<string, unknown> }
  | { readonly ok: false; readonly message: string };

const ANNOTATIONS = new Set(['@odata.type']);
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
/** ISO 8601 with an offset, up to 7 fractional digits (.NET's DateTimeOffset precision). */
const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function checkPatch(set: EntitySet, profile: Record<string, unknown>, body: string, url: string): PatchCheck {
  let patch: unknown;
  try {
    patch = JSON.parse(body);
  } catch {
    return refuse('Invalid JSON in the request body.');
  }
  if (!isObject(patch)) return refuse('The request body must be a JSON object.');
  const type = `microsoft.graph.${set.typeName}`;
  const changes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(patch)) {
    if (ANNOTATIONS.has(name)) continue;
    const spec = set.properties[name];
    if (!spec) return refuse(unknownProperty(name, type));
    const problem = valueProblem(name, spec, value);
    if (problem) return refuse(problem);
    if (!spec.ignoredOnPatch) changes[name] = value;
  }
  if (Object.keys(patch).every((name) => ANNOTATIONS.has(name))) {
    return refuse(intuneMessage('Invalid patch, at least 1 property must be changed', url));
  }
  for (const [name, spec] of Object.entries(set.properties)) {
    const value = changes[name];
    if (spec.maxLength !== undefined && typeof value === 'string' && value.length > spec.maxLength) {
      return refuse(
        intuneMessage(
          `Invalid ${name}: it is ${value.length} characters long, at most ${spec.maxLength} are allowed`,
          url,
        ),
      );
    }
  }
  const merged = { ...profile, ...changes };
  const modes = TOKEN_TYPE_MODES[String(merged.enrollmentTokenType)];
  if (set.properties.enrollmentTokenType && modes && !modes.includes(String(merged.enrollmentMode))) {
    return refuse(
      intuneMessage(
        `Invalid enrollmentTokenType: ${merged.enrollmentTokenType} is not supported for enrollmentMode ${merged.enrollmentMode}`,
        url,
      ),
    );
  }
  return { ok: true, changes };
}

/** What is wrong with `value` for this property, in OData's words; undefined when it is acceptable. */
export function valueProblem(name: string, spec: PropertySpec, value: unknown): string | undefined {
  const typeName = edmName(spec.type);
  if (value === null) {
    if (spec.nullable) return undefined;
    const full = `${typeName}[Nullable=False]`;
    return `A null value was found for the property named '${name}', which has the expected type '${full}'. The expected type '${full}' does not allow null values.`;
  }
  const kind = spec.type.kind;
  if (kind === 'StringCollection') {
    if (!Array.isArray(value)) return unexpectedNode(name, value, 'StartArray');
    const bad = value.find((item) => typeof item !== 'string');
    return bad === undefined ? undefined : cannotConvert(bad, 'Edm.String');
  }
  if (kind === 'mimeContent') {
    if (!isObject(value)) return unexpectedNode(name, value, 'StartObject');
    for (const [key, part] of Object.entries(value)) {
      if (ANNOTATIONS.has(key)) continue;
      if (key !== 'type' && key !== 'value') return unknownProperty(key, 'microsoft.graph.mimeContent');
      if (part === null) continue;
      if (typeof part !== 'string') return primitiveProblem(key, part, 'Edm.String');
      if (key === 'value' && !BASE64.test(part)) return cannotConvert(part, 'Edm.Binary');
    }
    return undefined;
  }
  if (isObject(value) || Array.isArray(value)) return unexpectedNode(name, value, 'PrimitiveValue');
  switch (kind) {
    case 'String':
      return typeof value === 'string' ? undefined : cannotConvertPrimitive(typeName);
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : cannotConvertPrimitive(typeName);
    case 'Int32':
      return Number.isInteger(value) && Number(value) >= INT32_MIN && Number(value) <= INT32_MAX
        ? undefined
        : cannotConvert(value, typeName);
    case 'DateTimeOffset':
      return typeof value === 'string' && isDateTimeOffset(value) ? undefined : cannotConvert(value, typeName);
    case 'enum':
      return typeof value === 'string' && spec.type.kind === 'enum' && spec.type.members.includes(value)
        ? undefined
        : cannotConvert(value, typeName);
  }
}

function isDateTimeOffset(text: string): boolean {
  const parts = DATE_TIME_OFFSET.exec(text);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts
    .slice(1)
    .map((p) => Number(p ?? 0));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  const within = (value: number | undefined, low: number, high: number) =>
    value !== undefined && value >= low && value <= high;
  return (
    within(month, 1, 12) &&
    within(day, 1, daysInMonth) &&
    within(hour, 0, 23) &&
    within(minute, 0, 59) &&
    within(second, 0, 59) &&
    within(offsetHours, 0, 14) &&
    within(offsetMinutes, 0, 59)
  );
}

function edmName(type: EdmType): string {
  switch (type.kind) {
    case 'enum':
      return type.name;
    case 'mimeContent':
      return 'microsoft.graph.mimeContent';
    case 'StringCollection':
      return 'Collection(Edm.String)';
    default:
      return `Edm.${type.kind}`;
  }
}

function unknownProperty(name: string, type: string): string {
  return `The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
}

function unexpectedNode(name: string, value: unknown, expected: string): string {
  const found = Array.isArray(value) ? 'StartArray' : isObject(value) ? 'StartObject' : 'PrimitiveValue';
  return `An unexpected '${found}' node was found for property named '${name}' when reading from the JSON reader. A '${expected}' node was expected.`;
}

function cannotConvert(value: unknown, typeName: string): string {
  const literal = typeof value === 'string' ? value : JSON.stringify(value);
  return `Cannot convert the literal '${literal}' to the expected type '${typeName}'.`;
}

function cannotConvertPrimitive(typeName: string): string {
  return `Cannot convert a primitive value to the expected type '${typeName}'. See the inner exception for more details.`;
}

function primitiveProblem(name: string, value: unknown, typeName: string): string {
  return isObject(value) || Array.isArray(value)
    ? unexpectedNode(name, value, 'PrimitiveValue')
    : cannotConvertPrimitive(typeName);
}

function refuse(message: string): PatchCheck {
  return { ok: false, message };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
