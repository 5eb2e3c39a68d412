import { describe, expect, it } from 'vitest';
import { fail, ok, appError } from '../../shared/contracts/errors';
import { responseText, SerializedAnswer, serialized } from './serializedAnswer';

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
