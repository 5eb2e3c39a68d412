import { describe, expect, it } from 'vitest';
import { isValidPattern, isValidTopic, matchTopic, patternPrefix } from './topics';

describe('matchTopic', () => {
  it.each([
    ['session/a', 'session/a', true],
    ['session/a', 'session/b', false],
    ['session/a', 'session/ab', false],
    ['session/*', 'session/a', true],
    ['session/*', 'session', false],
    ['session/*', 'session/a/b', false],
    ['session/**', 'session/a/b', true],
    ['session/**', 'session', true],
    ['**', 'catalog', true],
    ['*', 'catalog', true],
    ['*', 'session/a', false],
    ['catalog', 'session/catalog', false],
    ['*/a', 'session/a', true],
    ['*/a', 'session/b', false],
  ])('%s matches %s: %s', (pattern, topic, expected) => {
    expect(matchTopic(pattern, topic)).toBe(expected);
  });
});

describe('patternPrefix', () => {
  it('is the whole topic when there is no wildcard', () => {
    expect(patternPrefix('session/a')).toEqual({ prefix: 'session/a', exact: true });
  });
  it('stops at a segment boundary before the first wildcard', () => {
    expect(patternPrefix('session/*')).toEqual({ prefix: 'session/', exact: false });
    expect(patternPrefix('**')).toEqual({ prefix: '', exact: false });
  });
});

describe('validation', () => {
  it('refuses empty segments, SQL wildcards and a ** that is not last', () => {
    expect(isValidPattern('session//a')).toBe(false);
    expect(isValidPattern('session/%')).toBe(false);
    expect(isValidPattern('**/a')).toBe(false);
    expect(isValidPattern('session/**')).toBe(true);
    expect(isValidTopic('session/*')).toBe(false);
    expect(isValidTopic('session/0190a-b')).toBe(true);
  });
});
