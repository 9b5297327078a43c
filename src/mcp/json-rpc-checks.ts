/**
 * JSON-RPC messages recognised without the SDK's zod schemas: a tools/call request (the lane, src/mcp/tool-server.ts)
 * and the handshake (initialize, notifications/initialized, tools/list: the front, src/stdio-front.ts, which answers
 * before the SDK is even loaded). Every message the SDK reads goes through six to eight
 * schema parses (JSONRPCMessageSchema in the transport, three `is…` checks in Protocol, CallToolRequestSchema twice,
 * the task check) before a handler runs, which costs more CPU than the whole Graph round trip of an update (npm run
 * bench). This check is conservative: whatever it accepts, those schemas accept too (test/mcp/json-rpc-checks.test.ts
 * proves it against them with generated messages); anything it does not accept (a task-augmented call, a related-task
 * id, an odd id) simply takes the SDK's own path. The same holds for each check here, with the schemas it names.
 */
import type { CallToolRequest, InitializeRequest } from '@modelcontextprotocol/sdk/types.js';

/** The SDK's RELATED_TASK_META_KEY; a request that carries it is left to the SDK. */
const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task';
/** JSONRPCRequestSchema is strict: these are the only members a request may have. */
const REQUEST_MEMBERS = 4;

export type ToolCallMessage = CallToolRequest & { readonly jsonrpc: '2.0'; readonly id: string | number };

/** A JSON object as JSON.parse makes it (zod's `isPlainObject` accepts every such object). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** RequestIdSchema and ProgressTokenSchema: a string or a safe integer (zod's `int()`). */
function isIdentifier(value: unknown): value is string | number {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

/**
 * True only for a JSON-RPC request `tools/call` that JSONRPCMessageSchema, JSONRPCRequestSchema and
 * CallToolRequestSchema all accept and that the SDK would hand to the tools/call handler as it is: no task, no related
 * task, arguments an object without an own `__proto__` (which zod's copy would drop).
 */
export function isPlainToolCall(message: unknown): message is ToolCallMessage {
  if (!isRequest(message, 'tools/call', true)) return false;
  const params = message.params as Record<string, unknown>;
  if (typeof params.name !== 'string') return false;
  const args = params.arguments;
  return args === undefined || (isJsonObject(args) && !Object.hasOwn(args, '__proto__'));
}

export type InitializeMessage = InitializeRequest & { readonly jsonrpc: '2.0'; readonly id: string | number };

/**
 * An `initialize` request that InitializeRequestSchema accepts, with the capabilities and client details clients send:
 * sampling, roots, elicitation, experimental and extensions (anything else there is ignored by the schema too) and
 * the client's name, version, title, website, description and icons. `tasks` is left to the SDK.
 */
export function isPlainInitialize(message: unknown): message is InitializeMessage {
  if (!isRequest(message, 'initialize', true)) return false;
  const params = message.params as Record<string, unknown>;
  return (
    typeof params.protocolVersion === 'string' &&
    isClientCapabilities(params.capabilities) &&
    isImplementation(params.clientInfo)
  );
}

/** A `tools/list` request that ListToolsRequestSchema accepts: no params, or a string cursor. */
export function isPlainToolsList(message: unknown): message is { readonly id: string | number } {
  if (!isRequest(message, 'tools/list', false)) return false;
  const params = message.params as Record<string, unknown> | undefined;
  return params === undefined || params.cursor === undefined || typeof params.cursor === 'string';
}

/** `notifications/initialized`, as JSONRPCNotificationSchema and InitializedNotificationSchema accept it. */
export function isPlainInitializedNotification(message: unknown): boolean {
  if (!isJsonObject(message) || message.jsonrpc !== '2.0' || message.method !== 'notifications/initialized') {
    return false;
  }
  for (const key in message) if (key !== 'jsonrpc' && key !== 'method' && key !== 'params') return false;
  return message.params === undefined || (isJsonObject(message.params) && isRequestMeta(message.params._meta));
}

/**
 * A strict JSON-RPC request (JSONRPCRequestSchema: exactly jsonrpc, id, method and params) for `method`, whose params
 * are an object (or absent, unless `needsParams`) with no task and a plain `_meta`.
 */
function isRequest(message: unknown, method: string, needsParams: boolean): message is Record<string, unknown> {
  if (!isJsonObject(message)) return false;
  if (message.jsonrpc !== '2.0' || message.method !== method || !isIdentifier(message.id)) return false;
  let members = 0;
  for (const key in message) {
    if (key !== 'jsonrpc' && key !== 'id' && key !== 'method' && key !== 'params') return false;
    members += 1;
  }
  const { params } = message;
  if (params === undefined) return !needsParams && members === REQUEST_MEMBERS - 1;
  if (members !== REQUEST_MEMBERS || !isJsonObject(params) || params.task !== undefined) return false;
  return isRequestMeta(params._meta);
}

/** RequestMetaSchema, without a related task: absent, or an object whose progressToken is a string or safe integer. */
function isRequestMeta(meta: unknown): boolean {
  if (meta === undefined) return true;
  if (!isJsonObject(meta) || meta[RELATED_TASK_META_KEY] !== undefined) return false;
  return meta.progressToken === undefined || isIdentifier(meta.progressToken);
}

/** AssertObjectSchema: an object (arrays included), not null. */
function isSomeObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isString = (value: unknown) => typeof value === 'string';

/** z.record(z.string(), AssertObjectSchema): an object of objects, without an own `__proto__`. */
function isRecordOfObjects(value: unknown): boolean {
  if (!isJsonObject(value) || Object.hasOwn(value, '__proto__')) return false;
  for (const key in value) if (!isSomeObject(value[key])) return false;
  return true;
}

/** An object with none of the keys zod treats specially when it copies (`__proto__`), at any depth. */
function isCopyableObject(value: unknown): value is Record<string, unknown> {
  return isJsonObject(value) && isCopyable(value);
}

function isCopyable(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isCopyable);
  if (!isSomeObject(value)) return true;
  if (!isJsonObject(value) || Object.hasOwn(value, '__proto__')) return false;
  for (const key in value) if (!isCopyable(value[key])) return false;
  return true;
}

/** ClientCapabilitiesSchema, for the capabilities above (tasks left to the SDK). */
function isClientCapabilities(value: unknown): boolean {
  if (!isCopyableObject(value) || value.tasks !== undefined) return false;
  const { experimental, extensions, sampling, roots, elicitation } = value;
  return (
    optional(experimental, isRecordOfObjects) &&
    optional(extensions, isRecordOfObjects) &&
    optional(
      sampling,
      (it) => isJsonObject(it) && optional(it.context, isSomeObject) && optional(it.tools, isSomeObject),
    ) &&
    optional(roots, (it) => isJsonObject(it) && optional(it.listChanged, (flag) => typeof flag === 'boolean')) &&
    optional(
      elicitation,
      (it) =>
        isJsonObject(it) &&
        optional(
          it.form,
          (form) => isJsonObject(form) && optional(form.applyDefaults, (flag) => typeof flag === 'boolean'),
        ) &&
        optional(it.url, isSomeObject),
    )
  );
}

/** ImplementationSchema: name and version, optional title, website, description and icons. */
function isImplementation(value: unknown): boolean {
  return (
    isCopyableObject(value) &&
    isString(value.name) &&
    isString(value.version) &&
    optional(value.title, isString) &&
    optional(value.websiteUrl, isString) &&
    optional(value.description, isString) &&
    optional(value.icons, (icons) => Array.isArray(icons) && icons.every(isIcon))
  );
}

/** IconSchema: a src, an optional mimeType, sizes (strings) and theme (light or dark). */
function isIcon(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    isString(value.src) &&
    optional(value.mimeType, isString) &&
    optional(value.sizes, (sizes) => Array.isArray(sizes) && sizes.every(isString)) &&
    optional(value.theme, (theme) => theme === 'light' || theme === 'dark')
  );
}
