import { describe, expect, it } from 'vitest';
import { catalogNamespace } from './catalogCompletion';

describe('the editor offers the sextant schema for completion', () => {
  it('sextant. lists its four views, and sextant.queries. their columns', () => {
    const ns = catalogNamespace([]) as Record<string, { self: { label: string }; children: Record<string, { children: { label: string }[] }> }>;
    const sextant = ns['sextant']!;
    expect(sextant.self.label).toBe('sextant');
    expect(Object.keys(sextant.children).sort()).toEqual(['datasets', 'events', 'queries', 'sessions']);
    expect(sextant.children['queries']!.children.map((c) => c.label)).toEqual(
      expect.arrayContaining(['sql', 'started_at', 'finished_at', 'duration_ms', 'rows', 'status', 'error_code', 'datasets_read', 'session_id']),
    );
    expect(sextant.children['events']!.children.map((c) => c.label)).toEqual(['global_seq', 'type', 'topic', 'aggregate_type', 'aggregate_id', 'aggregate_seq', 'occurred_at', 'payload']);
  });
});
