import { describe, expect, it } from 'vitest';
import { columnSchema, datasetTableSchema } from './events';
import { forkedHistoryEntrySchema } from './sessionForked';

describe('a result column', () => {
  it('has one schema: the events and a fork’s history entries carry the same', () => {
    expect(forkedHistoryEntrySchema.shape.columns.unwrap().element).toBe(columnSchema);
    expect(datasetTableSchema.shape.columns.element).toBe(columnSchema);
  });
});
