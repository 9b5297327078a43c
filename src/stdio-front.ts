/**
 * The handshake front. An MCP client starts the server and, before anything else, sends initialize and tools/list
 * and waits for both answers: that wait is the server's start-up as a user feels it. Loading the SDK, zod and every
 * tool's schemas is most of it (npm run bench), and none of it is needed for those two answers, which the build
 * bakes in (src/mcp/handshake.ts). So the front reads stdin first and answers them itself; the server proper
 * (src/index.ts) is loaded as soon as anything else arrives, or once the client has been quiet for a moment after
 * the handshake. Then everything read goes to the server's transport in order, initialize included (so the SDK knows
 * the session as if it had answered it; its second answer is dropped), and the front is done.
 *
 * It only answers what it recognises as the SDK would (src/mcp/json-rpc-checks.ts) and only with what the SDK would
 * say (test/start-up-front.test.ts compares the two for every deployment); anything else waits for the server.
 */
import { type BakedHandshake, type Deployment, initializeResult, toolsListJson } from './mcp/handshake.js';
import { isPlainInitialize, isPlainInitializedNotification, isPlainToolsList } from './mcp/json-rpc-checks.js';
import { type InputItem, type LineReader, stdinInput } from './stdio-input.js';

/** How long the client may be quiet after the handshake before the server loads anyway (off the start-up path). */
export const IDLE_BEFORE_LOADING_MS = 100;

/** Answers the handshake on stdin/stdout until `loadServer` is called (once), then hands stdin over. */
export function startStdioFront(baked: BakedHandshake, deployment: Deployment, loadServer: () => void): void {
  const input = stdinInput();
  const replay: InputItem[] = [];
  let initialized = false;
  let handedOver = false;
  let listJson: string | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const handOver = (current?: InputItem) => {
    if (handedOver) return;
    handedOver = true;
    clearTimeout(idle);
    input.detach(front);
    for (const item of replay) input.requeue(item);
    if (current) input.requeue(current);
    loadServer();
  };
  const quietFor = () => {
    clearTimeout(idle);
    idle = setTimeout(() => handOver(), IDLE_BEFORE_LOADING_MS);
    idle.unref(); // a client that closes stdin now ends the process: nothing else is running
  };
  // The SDK's Protocol writes { result, jsonrpc, id } in this order; so does the front.
  const answer = (id: string | number, resultJson: string) =>
    process.stdout.write(`{"result":${resultJson},"jsonrpc":"2.0","id":${JSON.stringify(id)}}\n`);

  const front: LineReader = {
    line(text) {
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return handOver({ line: text });
      }
      if (!initialized && isPlainInitialize(message)) {
        const result = initializeResult(baked, deployment, message.params.protocolVersion);
        if (!result) return handOver({ line: text });
        answer(message.id, JSON.stringify(result));
        initialized = true;
        replay.push({ line: text, answered: { id: message.id } });
        return quietFor();
      }
      if (isPlainInitializedNotification(message)) {
        replay.push({ line: text });
        return;
      }
      if (isPlainToolsList(message)) {
        listJson ??= toolsListJson(baked, deployment);
        answer(message.id, listJson);
        return quietFor();
      }
      handOver({ line: text });
    },
    oversized(message) {
      handOver({ oversized: message });
    },
  };
  input.attach(front);
}
