import fc from 'fast-check';
import { bytesOverLimit, MAX_MESSAGE_BYTES } from '../../src/shared/contracts/limits';
import type { ServerMessage } from '../../src/shared/contracts/protocol';

/**
 * A seeded corpus of what a hostile or broken client could send main, over IPC or the WebSocket:
 * not text, not JSON, JSON of the wrong shape, wrong types, unknown methods and commands (system
 * commands a client must never issue), oversized, deeply nested, prototype-polluting keys, and
 * well-formed requests that name nothing that exists. None of it may change the store.
 */
export interface HostileMessage {
  readonly kind: string;
  /** Text, or bytes (a binary WebSocket frame; over IPC, a payload that is not a string). */
  readonly payload: string | { readonly binary: Uint8Array };
  /** The response id main must answer with: the message's own id when it can still be read, -1 when not. */
  readonly answerId: number;
  /** A well-formed request that only reads (subscribe…): may be answered ok. Everything else must be refused with an error id. */
  readonly mayBeAccepted: boolean;
  /** Longer than main accepts at all: a WebSocket is closed (1009); IPC gets PAYLOAD_TOO_LARGE. */
  readonly oversized: boolean;
}

const UNKNOWN_ID = '0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee';

export function hostileMessages(seed: number, count: number): HostileMessage[] {
  let nextId = 1;
  const call = (kind: string, request: unknown, mayBeAccepted = false): HostileMessage => {
    const id = nextId++;
    return { kind, payload: JSON.stringify({ id, request }), answerId: id, mayBeAccepted, oversized: false };
  };
  const raw = (kind: string, text: string, answerId = -1): HostileMessage => ({
    kind,
    payload: text,
    answerId,
    mayBeAccepted: false,
    oversized: bytesOverLimit(text) !== undefined,
  });
  const deep = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  const rng = fc.sample(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { seed, numRuns: count * 4 });
  let r = 0;
  const pick = <T>(items: readonly T[]): T => items[(rng[r++ % rng.length] ?? 0) % items.length]!;
  const json = fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed, numRuns: count });
  const strings = fc.sample(fc.string({ unit: 'binary', maxLength: 64 }), { seed: seed + 1, numRuns: count });

  const generators: ((i: number) => HostileMessage)[] = [
    // Not JSON at all.
    (i) => raw('not JSON', `${strings[i % strings.length] ?? ''}{`), // the brace: never valid JSON by chance
    () => raw('truncated JSON', pick(['{', '{"id":1,"request":', '[', '{"id":', '"', '{"id":1,"request":{"method":"dispatch"'])),
    () => raw('NUL bytes and lone surrogates', pick(['\u0000\u0000', '{"id":1\u0000}', '\ud800', '\ufeff{}'])),
    () => call('lone surrogate inside a request', { method: 'dispatch', command: { type: 'RenameSession', sessionId: '\udfff', title: '\ud800' } }),
    () => raw('empty or blank', pick(['', ' ', '\n\t'])),
    // JSON, but not a message.
    (i) => raw('random JSON value', JSON.stringify(json[i % json.length] ?? null)),
    () => raw('wrong top-level shape', pick(['null', '1', '"dispatch"', '[]', '{}', 'true', '{"request":{}}', '{"id":null}'])),
    () => raw('id of the wrong type', JSON.stringify({ id: pick(['1', -1, 1.5, 1e300, true, [], {}, null]), request: { method: 'unsubscribe', subscriptionId: 'x' } })),
    () => raw('extra top-level field', JSON.stringify({ id: 5, request: { method: 'unsubscribe', subscriptionId: 'x' }, admin: true }), 5),
    // A readable id, a bad request.
    () => call('unknown method', { method: pick(['exec', 'shutdown', 'readFile', 'eval', '__proto__', 'constructor', 'ack', '']) }),
    () => call('request of the wrong type', pick([null, 1, 'dispatch', [], true])),
    () =>
      call('system command from a client', {
        method: 'dispatch',
        command: pick([
          { type: 'FailQuery', sessionId: 'a', queryId: 'b', error: { id: 'x', code: 'X', message: 'forged' } },
          { type: 'CompleteQuery', sessionId: 'a', queryId: 'b', rowCount: 1, columns: [], durationMs: 1 },
          { type: 'BeginExecution', sessionId: 'a', queryId: 'b' },
          { type: 'RegisterDataset', datasetId: 'd', name: 'x', source: '/etc/passwd', format: 'csv', columns: [] },
          { type: 'RequestDataset', datasetId: 'd', source: '/etc/passwd' },
        ]),
      }),
    () => call('unknown command', { method: 'dispatch', command: { type: pick(['DropTable', 'DeleteEvents', 'Shutdown', 'OpenSessionX', '']) } }),
    () =>
      call('command with wrong types', {
        method: 'dispatch',
        command: pick<Record<string, unknown>>([
          { type: 'RenameSession', sessionId: 1, title: 'x' },
          { type: 'RenameSession', sessionId: 'a/b', title: 'x' },
          { type: 'RenameSession', sessionId: 'x'.repeat(65), title: 'x' },
          { type: 'RenameSession', sessionId: 'ok', title: '' },
          { type: 'RenameSession', sessionId: 'ok', title: 'x'.repeat(201) },
          { type: 'RenameSession', sessionId: 'ok', title: { toString: 'x' } },
          { type: 'StartQuery', sessionId: 'ok', sql: '   ' },
          { type: 'StartQuery', sessionId: 'ok', sql: ['select 1'] },
          { type: 'OpenSession', title: 42 },
          { type: 'AddDataset', source: '' },
          { type: 'AddDataset', source: 'x'.repeat(5000) },
          { type: 'AddDataset' },
          { type: 'CancelQuery' },
        ]),
      }),
    () => call('extra field (strict schemas)', { method: 'dispatch', command: { type: 'OpenSession', title: 'x', queryId: 'mine' } }),
    () => call('prototype pollution', JSON.parse(pick(['{"method":"dispatch","command":{"type":"OpenSession","__proto__":{"polluted":true}}}', '{"method":"dispatch","__proto__":{"polluted":true},"command":{"type":"OpenSession"}}', '{"method":"dispatch","command":{"type":"OpenSession","constructor":{"prototype":{"polluted":true}}}}', '{"method":"subscribe","subscriptionId":"p","pattern":"catalog","__proto__":{"polluted":true}}'])) as unknown),
    () =>
      call('bad subscription', {
        method: 'subscribe',
        ...pick<Record<string, unknown>>([
          { subscriptionId: 's', pattern: 'session/%' },
          { subscriptionId: 's', pattern: '**/x' },
          { subscriptionId: 's', pattern: '' },
          { subscriptionId: 's', pattern: 'a/'.repeat(5000) },
          { subscriptionId: 's', pattern: 'catalog', afterSeq: -1 },
          { subscriptionId: 's', pattern: 'catalog', afterSeq: 1.5 },
          { subscriptionId: 's', pattern: 'catalog', afterSeq: '0' },
          { subscriptionId: '', pattern: 'catalog' },
          { subscriptionId: 'x'.repeat(65), pattern: 'catalog' },
          { subscriptionId: 's', pattern: 'catalog', storeId: 'x'.repeat(65) },
        ]),
      }),
    () =>
      call('bad page request', {
        method: 'fetchPage',
        ...pick<Record<string, unknown>>([
          { queryId: 'q', offset: -1, limit: 10 },
          { queryId: 'q', offset: 0, limit: 0 },
          { queryId: 'q', offset: 0, limit: 1001 },
          { queryId: 'q', offset: 0, limit: '10' },
          { queryId: '', offset: 0, limit: 10 },
          { queryId: 'q', offset: 0, limit: 10, orderBy: Array.from({ length: 9 }, () => ({ column: 0 })) },
          { queryId: 'q', offset: 0, limit: 10, filter: Array.from({ length: 17 }, () => ({ column: 0, op: 'isNull' })) },
          { queryId: 'q', offset: 0, limit: 10, filter: [{ column: 0, op: 'eq', value: "'; DROP TABLE events; --" }], orderBy: [{ column: -1 }] },
          { queryId: 'q', offset: 0, limit: 10, filter: [{ column: 0, op: 'sql', value: '1=1' }] },
        ]),
      }),
    // Well-formed, but naming nothing that exists: refused by the domain, nothing written.
    () =>
      call('unknown target', {
        method: 'dispatch',
        command: pick<Record<string, unknown>>([
          { type: 'RenameSession', sessionId: UNKNOWN_ID, title: 'x' },
          { type: 'CloseSession', sessionId: UNKNOWN_ID },
          { type: 'ReopenSession', sessionId: UNKNOWN_ID },
          { type: 'ActivateSession', sessionId: UNKNOWN_ID },
          { type: 'SaveDraft', sessionId: UNKNOWN_ID, sql: 'select 1' },
          { type: 'StartQuery', sessionId: UNKNOWN_ID, sql: 'select 1' },
          { type: 'CancelQuery', sessionId: UNKNOWN_ID },
          { type: 'AttachDataset', sessionId: UNKNOWN_ID, datasetId: UNKNOWN_ID },
          { type: 'RemoveDataset', datasetId: UNKNOWN_ID },
        ]),
      }),
    () => call('page of no query', { method: 'fetchPage', queryId: UNKNOWN_ID, offset: 0, limit: 10 }),
    () => call('read-only request', pick([{ method: 'subscribe', subscriptionId: `s${r}`, pattern: pick(['catalog', 'session/*', `session/${UNKNOWN_ID}`]) }, { method: 'unsubscribe', subscriptionId: 'nope' }]), true),
    // Flow control lies: acknowledging frames never sent.
    () => raw('impossible ack', JSON.stringify({ request: { method: 'ack', received: pick([1e9, 2 ** 40, 123456]) } })),
    () => raw('malformed ack', JSON.stringify({ request: { method: 'ack', received: pick([-1, 1.5, '1', null]) } })),
    // Structure and size.
    () => raw('deeply nested array', JSON.stringify({ id: 7 }).slice(0, -1) + `,"request":${deep(pick([1000, 50_000, 200_000]))}}`, 7),
    () => ({ ...call('x', null), kind: 'deeply nested command', payload: `{"id":${nextId - 1},"request":{"method":"dispatch","command":{"type":"RenameSession","sessionId":"a","title":${deep(100_000, '"x"')}}}}` }),
    () => raw('deeply nested object', deepObject(pick([1000, 100_000]))),
    () => ({ ...call('x', null), kind: 'near the limit', payload: JSON.stringify({ id: nextId - 1, request: { method: 'dispatch', command: { type: 'SaveDraft', sessionId: UNKNOWN_ID, sql: 'x'.repeat(MAX_MESSAGE_BYTES - 200) } } }) }),
    () => raw('oversized', JSON.stringify({ id: 1, request: { method: 'dispatch', command: { type: 'OpenSession', title: 'x'.repeat(MAX_MESSAGE_BYTES) } } })),
    () => ({ kind: 'binary', payload: { binary: new Uint8Array([123, 34, 105, 100, 34, 58, 49, 125]) }, answerId: -1, mayBeAccepted: false, oversized: false }),
  ];

  // Every kind at least once, then a seeded mix; the few multi-megabyte ones kept rare.
  const heavy = new Set(['oversized', 'near the limit', 'deeply nested array', 'deeply nested command', 'deeply nested object']);
  const messages = generators.map((g, i) => g(i));
  for (let i = messages.length; i < count; i++) {
    let m = pick(generators)(i);
    if (heavy.has(m.kind) && i % 50 !== 0) m = generators[i % 20]!(i);
    messages.push(m);
  }
  return messages;
}

/** How many messages, from which seed: `HOSTILE_COUNT=20000 HOSTILE_SEED=3 npx vitest run test/faults` to widen a run. */
export const HOSTILE_COUNT = Number(process.env['HOSTILE_COUNT'] ?? 3000);
export const HOSTILE_SEED = Number(process.env['HOSTILE_SEED'] ?? 7);

export type Response = Extract<ServerMessage, { type: 'response' }>;

export const responsesIn = (replies: readonly ServerMessage[]): Response[] => replies.filter((m): m is Response => m.type === 'response');

/**
 * Sends one message and returns the responses it got: those arriving until the first one does (or
 * `timeoutMs` passes). Each message is answered before the next is sent, so an answer is matched
 * to its message; a second answer to one message shows up as a wrong answer to the next.
 */
export async function answersTo(replies: () => readonly ServerMessage[], send: () => void, timeoutMs = 5000): Promise<Response[]> {
  const seen = responsesIn(replies()).length;
  send();
  const deadline = Date.now() + timeoutMs;
  while (responsesIn(replies()).length === seen && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  return responsesIn(replies()).slice(seen);
}

/** Why an answer is not what a hostile message must get; undefined when it is. */
export function whyWrong(m: HostileMessage, answerCount: number, answer: Response | undefined): string | undefined {
  if (answerCount !== 1 || !answer) return `${answerCount} answers`;
  if (answer.id !== m.answerId) return `answered as id ${answer.id}, expected ${m.answerId}`;
  if (answer.result.ok) return m.mayBeAccepted ? undefined : 'accepted';
  const { error } = answer.result;
  if (!/^[0-9a-f-]{36}$/.test(error.id)) return `error without an id: ${JSON.stringify(error)}`;
  if (m.oversized && error.code !== 'PAYLOAD_TOO_LARGE') return `oversized refused as ${error.code}`;
  if (!error.message) return 'error without a message';
  return undefined;
}
