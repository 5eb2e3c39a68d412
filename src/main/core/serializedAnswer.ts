import { appError, fail, ok, withoutStack, type AppError, type Result } from '../../shared/contracts/errors';
import type { ServerMessage } from '../../shared/contracts/protocol';
import { newErrorId } from '../platform/ids';

/**
 * An answer main already holds as JSON text of a `T` (a travel holds a session checkpoint and the
 * events after it as they were stored): its response carries the text as it is, so the answer is
 * neither parsed nor written again on its way to the window.
 */
export class SerializedAnswer<T> {
  /** Only says what the text holds, for the API table's types. */
  declare private readonly of: T;
  constructor(readonly json: string) {}
}

/** The response message for call `id`, with a serialized answer's text spliced in where its value goes. */
export function responseText(id: number, result: Result<unknown>): string {
  if (result.ok && result.value instanceof SerializedAnswer) return `{"type":"response","id":${id},"result":{"ok":true,"value":${result.value.json}}}`;
  return JSON.stringify({ type: 'response', id, result: result.ok ? result : fail(withoutStack(result.error)) } satisfies ServerMessage);
}

/**
 * `responseText`, or for an answer that cannot be written as text (past V8's ~512 MB string limit: a
 * chart's labels of megabytes each) a refusal under the same id, with the error to log: thrown, it
 * ended main and every window on it.
 */
export function sendableResponse(id: number, result: Result<unknown>): { text: string; unsendable?: AppError } {
  try {
    return { text: responseText(id, result) };
  } catch (e) {
    // V8's words when a string would pass its limit; any other throw (a cycle, a BigInt) is not about size
    const tooLarge = e instanceof RangeError && /invalid string length/i.test(e.message);
    const unsendable = appError(newErrorId(), tooLarge ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL', tooLarge ? 'This answer is too large to send to the window.' : 'The answer could not be sent.', {
      stack: e instanceof Error ? (e.stack ?? '') : String(e),
    });
    return { text: responseText(id, fail({ id: unsendable.id, code: unsendable.code, message: unsendable.message })), unsendable };
  }
}

/** A service's answer given as JSON text, as the API table's answer of the type it holds. */
export function serialized<T>(text: Result<string>): Result<SerializedAnswer<T>> {
  return text.ok ? ok(new SerializedAnswer<T>(text.value)) : text;
}
