import { describe, expect, it } from 'vitest';
import { clientCommandSchema, commandIssues } from './commands';

// A command a person sends and its decider sees as sent is checked by one definition on both sides:
// the client's ids tight, the domain's as main minted them; every other field the same.
const sentAsIs = [
  { type: 'RenameSession', sessionId: 's1', title: 'Trips' },
  { type: 'CloseSession', sessionId: 's1' },
  { type: 'SaveDraft', sessionId: 's1', sql: 'select 1' },
  { type: 'AttachDataset', sessionId: 's1', datasetId: 'd1' },
  { type: 'SetResultView', sessionId: 's1', queryId: 'q1', orderBy: [{ column: 0 }], filter: [] },
  { type: 'SetChart', sessionId: 's1', queryId: 'q1', spec: null },
  { type: 'SetPivot', sessionId: 's1', queryId: 'q1', spec: null },
  { type: 'RemoveDataset', datasetId: 'd1' },
];

describe('the commands a person sends as their decider sees them', () => {
  it.each(sentAsIs)('given $type as sent, then both sides take it', (command) => {
    expect(clientCommandSchema.safeParse(command).success).toBe(true);
    expect(commandIssues(command)).toEqual([]);
  });

  it('given a field out of bounds, then both sides refuse it alike: a title of 201 characters, a filter value of 1,001', () => {
    const long = { type: 'RenameSession', sessionId: 's1', title: 'x'.repeat(201) };
    expect(clientCommandSchema.safeParse(long).success).toBe(false);
    expect(commandIssues(long)).not.toEqual([]);
    const filter = { type: 'SetResultView', sessionId: 's1', queryId: 'q1', orderBy: [], filter: [{ column: 0, op: 'eq', value: 'y'.repeat(1001) }] };
    expect(clientCommandSchema.safeParse(filter).success).toBe(false);
    expect(commandIssues(filter)).not.toEqual([]);
  });

  it('given an id main minted (a UUID with its dots or longer than a client’s), then only the client side refuses it', () => {
    const minted = { type: 'CloseSession', sessionId: `v7.${'a'.repeat(70)}` };
    expect(clientCommandSchema.safeParse(minted).success).toBe(false);
    expect(commandIssues(minted)).toEqual([]);
  });
});
