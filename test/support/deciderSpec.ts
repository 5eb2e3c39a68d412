import { expect } from 'vitest';
import type { Rejection } from '../../src/shared/contracts/errors';
import { fold, isRejection, type Decider } from '../../src/shared/domain/decider';

/**
 * Given/when/then for deciders, after Emmett's DeciderSpecification:
 *   spec.given([...past events]).when(command).then([...new events])
 *   spec.given([...]).when(command).thenRejects('CODE')
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(events: readonly E[]) {
      return {
        when(command: C) {
          const decide = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: readonly E[]) {
              const result = decide();
              expect(isRejection(result) ? result : [...result]).toEqual(expected);
            },
            thenRejects(code: Rejection['code']) {
              const result = decide();
              expect(isRejection(result) ? result.code : result).toBe(code);
            },
          };
        },
      };
    },
  };
}
