import { describe, expect, it } from 'vitest';
import { createApiClient } from '../client/apiClient';
import { apiArguments } from './apiArguments';
import { apiMethods, clientRequestSchema, type ApiMethod, type ClientChannel } from './protocol';

const idle: ClientChannel = { send: () => false, onMessage: () => {}, onConnection: () => {}, isConnected: () => false };
const requestOf = <M extends ApiMethod>(method: M, ...args: Parameters<(typeof apiArguments)[M]>) => ({
  method,
  ...(apiArguments[method] as (...a: unknown[]) => object)(...args),
});

describe('the API table', () => {
  it('is what the client offers: one function per method, besides the two events', () => {
    const api = createApiClient(idle);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(apiMethods), 'onConnection', 'onFrame'].sort());
    expect(Object.keys(apiArguments).sort()).toEqual(Object.keys(apiMethods).sort());
  });

  it('accepts, in main, every request the client builds from its arguments', () => {
    const requests = [
      requestOf('dispatch', { type: 'RenameSession', sessionId: 's1', title: 'Sales' }),
      requestOf('subscribe', 'a', 'session/*'),
      requestOf('subscribe', 'a', 'session/*', { afterSeq: 12, storeId: '0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee', afterEventId: '0190aaaa-bbbb-7ccc-8ddd-ffffffffffff' }),
      requestOf('unsubscribe', 'a'),
      requestOf('fetchPage', 'q', 0, 100),
      requestOf('fetchPage', 'q', 200, 100, { orderBy: [{ column: 1, descending: true }], filter: [{ column: 0, op: 'notNull' }] }),
      requestOf('exportSession', 's1', 'eventLog', { kind: 'download' }),
    ];
    for (const request of requests) expect(clientRequestSchema.safeParse(request).error?.issues).toBeUndefined();
    // The wire shape is flat: a view's fields sit beside the page's, a cursor's beside the subscription's.
    expect(requests[5]).toEqual({ method: 'fetchPage', queryId: 'q', offset: 200, limit: 100, orderBy: [{ column: 1, descending: true }], filter: [{ column: 0, op: 'notNull' }] });
    expect(requests[2]).toEqual({ method: 'subscribe', subscriptionId: 'a', pattern: 'session/*', afterSeq: 12, storeId: '0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee', afterEventId: '0190aaaa-bbbb-7ccc-8ddd-ffffffffffff' });
    expect(requestOf('subscribe', 'a', 'catalog')).toEqual({ method: 'subscribe', subscriptionId: 'a', pattern: 'catalog' });
  });

  it('refuses an unknown method, and unknown fields on a known one', () => {
    expect(clientRequestSchema.safeParse({ method: 'exec', sql: 'x' }).success).toBe(false);
    expect(clientRequestSchema.safeParse({ method: 'unsubscribe', subscriptionId: 'a', admin: true }).success).toBe(false);
    expect(clientRequestSchema.safeParse({ method: 'subscribe', subscriptionId: 'a', pattern: 'session/%' }).success).toBe(false);
    // a session export names no path: main picks it (save dialog) or makes a download
    expect(clientRequestSchema.safeParse({ method: 'exportSession', sessionId: 's1', format: 'sql', target: { kind: 'file', path: '/etc/x' } }).success).toBe(false);
  });

  it('says what each method answers', () => {
    expect(apiMethods.dispatch.response.safeParse({ aggregateId: 's', lastSeq: 3, queryId: 'q' }).success).toBe(true);
    expect(apiMethods.dispatch.response.safeParse({ aggregateId: 's' }).success).toBe(false);
    const page = { queryId: 'q', offset: 0, totalRows: 1, complete: true, columns: [{ name: 'n', type: 'BIGINT' }], values: [['9007199254740993', null]] };
    expect(apiMethods.fetchPage.response.safeParse(page).success).toBe(true);
    expect(apiMethods.fetchPage.response.safeParse({ ...page, values: [[1]] }).success).toBe(false);
  });
});
