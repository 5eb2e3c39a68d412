import type { SessionCommand } from '../contracts/commands';
import type { Rejection } from '../contracts/errors';
import type { SessionEvent } from '../contracts/events';
import { grainMismatch } from '../pivot/pivotGrain';
import type { PivotSpec } from '../pivot/pivotSpec';
import { reject } from './decider';

type SetPivot = Extract<SessionCommand, { type: 'SetPivot' }>;

/** Identifies a pivot setting by its content (none: the pivot is closed). */
export const pivotKey = (spec: PivotSpec | null | undefined): string => (spec ? JSON.stringify(spec) : '');

/**
 * The session decider's rule for SetPivot: only a completed query of this session has a result to
 * pivot, and only by columns it has, a calendar grain only on a date or timestamp row or column
 * field. Setting the pivot it already has records nothing.
 */
export function decidePivot(command: SetPivot, result: { readonly columnNames?: readonly string[]; readonly columnTypes?: readonly string[]; readonly pivot?: string } | undefined): readonly SessionEvent[] | Rejection {
  if (!result) return reject('RESULT_NOT_FOUND', 'Only a completed query of this session can be pivoted.', { queryId: command.queryId });
  const { spec } = command;
  if (spec && result.columnNames) {
    const missing = [...spec.rows, ...spec.columns, spec.values].find((name) => !result.columnNames!.includes(name));
    if (missing !== undefined) return reject('INVALID_COMMAND', `The result has no column ${JSON.stringify(missing.slice(0, 40))}.`, { queryId: command.queryId });
  }
  if (spec?.grains) {
    const { columnNames, columnTypes } = result;
    // the first column of a repeated name, as the pivot reads it; types unknown (an old state): judged by the service
    const mismatch = grainMismatch(spec, (name) => columnTypes?.[columnNames?.indexOf(name) ?? -1]);
    if (mismatch !== undefined) return reject('INVALID_COMMAND', mismatch, { queryId: command.queryId });
  }
  return pivotKey(spec) === (result.pivot ?? '') ? [] : [{ type: 'PivotSet', payload: { queryId: command.queryId, spec } }];
}
