import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import type { ProfileTarget } from '../../shared/explore/columnProfile';
import type { AppView } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import type { QueryRunner } from '../query/queryRunner';
import { ident } from '../query/sql';
import type { ProfileColumn } from './profileSql';

/** What a profile reads: a relation, its columns, and what its cache belongs to. */
export interface ProfileSource {
  /**
   * The owner of the profiles' cache: a kept result's rows, a dataset's view. The runner and the
   * projection replace that object when the rows change or go, and the cache goes with it.
   */
  readonly key: object;
  /** The table or view as SQL, quoted. */
  readonly relation: string;
  readonly columns: readonly ProfileColumn[];
  /** The row count when it is known without counting (a result's). */
  readonly totalRows?: number;
}

export type ResolveProfileSource = (target: ProfileTarget) => Result<ProfileSource>;

/** Finds what a profile request names: a complete result (its `c0, c1, …` table) or a ready dataset's view. */
export function profileSources(runner: Pick<QueryRunner, 'keptResult'>, view: () => AppView): ResolveProfileSource {
  return (target) => {
    switch (target.kind) {
      case 'result': {
        const kept = runner.keptResult(target.queryId);
        if (!kept.ok) return kept;
        const { table, rows } = kept.value;
        return ok({ key: rows, relation: table, columns: rows.columns.map((c, i) => ({ name: c.name, type: c.type, ref: `c${i}` })), totalRows: rows.rowCount });
      }
      case 'dataset': {
        const dataset = view().datasets[target.datasetId];
        if (!dataset || dataset.status !== 'ready' || dataset.name === undefined) {
          return fail(appError(newErrorId(), 'DATASET_NOT_FOUND', 'That dataset is not ready to profile.', { details: { datasetId: target.datasetId } }));
        }
        if (dataset.tables) {
          return fail(
            appError(newErrorId(), 'DATASET_UNSUPPORTED', `${dataset.name} is a database of several tables: profile one through a query (SELECT * FROM ${dataset.name}.<table>).`),
          );
        }
        return ok({ key: dataset, relation: ident(dataset.name), columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, ref: c.name })) });
      }
    }
  };
}
