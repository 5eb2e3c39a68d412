import { describe, expect, it } from 'vitest';
import { fail, ok, appError } from '../../shared/contracts/errors';
import { responseText, sendableResponse, SerializedAnswer, serialized } from './serializedAnswer';

describe('responses with an answer already serialized', () => {
  const value = { session: { id: 's', draft: 'select “é”' }, seq: 7, occurredAt: 't' };

  it('read as the same message as the answer serialized there', () => {
    const spliced = responseText(3, serialized(ok(JSON.stringify(value))));
    expect(spliced).toBe(responseText(3, ok(value)));
    expect(JSON.parse(spliced)).toEqual({ type: 'response', id: 3, result: { ok: true, value } });
  });

  it('a refusal stays a refusal', () => {
    const error = appError('e1', 'SESSION_NOT_FOUND', 'There is no such session at that point.');
    expect(serialized(fail(error))).toEqual(fail(error));
    expect(JSON.parse(responseText(4, serialized(fail(error))))).toEqual({ type: 'response', id: 4, result: { ok: false, error } });
  });

  it('only a SerializedAnswer is spliced: other answers are serialized as values', () => {
    expect(JSON.parse(responseText(5, ok({ json: '{"x":1}' })))).toEqual({ type: 'response', id: 5, result: { ok: true, value: { json: '{"x":1}' } } });
    expect(new SerializedAnswer('{}').json).toBe('{}');
  });
});

describe('a response that cannot be written as text', () => {
  it('given an answer past the string limit, then a refusal under its id with an error id, not a throw', () => {
    // what JSON.stringify throws on a text past V8's ~512 MB, without making one
    const huge = { toJSON: () => { throw new RangeError('Invalid string length'); } };
    const { text, unsendable } = sendableResponse(7, ok(huge));
    const sent = JSON.parse(text) as { id: number; result: { ok: boolean; error: { id: string; code: string; message: string } } };
    expect(sent.id).toBe(7);
    expect(sent.result.ok).toBe(false);
    expect(sent.result.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(sent.result.error.message).toBe('This answer is too large to send to the window.');
    expect(sent.result.error.id).toBe(unsendable?.id);
    expect(unsendable?.stack).toContain('Invalid string length');
  });

  it('given an answer that cannot be written as JSON at all, then an internal refusal under its id', () => {
    const { text, unsendable } = sendableResponse(8, ok({ n: 10n }));
    expect(JSON.parse(text)).toMatchObject({ id: 8, result: { ok: false, error: { code: 'INTERNAL', id: unsendable?.id } } });
  });
});
