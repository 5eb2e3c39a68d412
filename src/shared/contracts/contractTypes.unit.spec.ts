import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { columnProfileSchema, type ColumnProfile } from '../explore/columnProfile';
import { previewAnswerSchema, type PreviewAnswer } from '../instant/preview';
import { pivotPageSchema, type PivotPage } from '../pivot/pivotPage';
import { commandAckSchema, type CommandAck } from './commands';
import type { Column } from './events';
import { apiMethods, type ExportOutcome, type Page } from './protocol';

/*
 * A response contract is defined once, as its schema, and its type is the schema's output: a field
 * exists in both or in neither. Annotating a schema with a hand-written interface
 * (`z.ZodType<Page>`) checked one way only: an optional field added to the interface and not to the
 * schema still compiled. Each schema here keeps its own shape (no annotation erases it), and the
 * types stay as readonly as their interfaces were.
 */

const fields = (schema: z.ZodReadonly<z.ZodObject>) => Object.keys(schema.unwrap().shape).sort();

describe('response contracts', () => {
  it('are their schemas: the type has exactly the fields the schema checks', () => {
    expect(fields(apiMethods.fetchPage.response)).toEqual(['columns', 'complete', 'offset', 'queryId', 'rerun', 'totalRows', 'values']);
    expect(fields(apiMethods.exportOutcome.response)).toEqual(['bytes', 'download', 'exportId', 'rows', 'target']);
    expect(fields(commandAckSchema)).toEqual(['aggregateId', 'lastSeq', 'queryId', 'version']);
    expect(fields(pivotPageSchema)).toEqual(['columns', 'empty', 'groups', 'keys', 'leftOut', 'offset', 'queryId', 'rowFields', 'totalRows', 'values']);
    expect(previewAnswerSchema.options.map((o) => o.unwrap().shape.kind.value)).toEqual(['rows', 'refused', 'invalid', 'none']);
    expect(columnProfileSchema.options.map((o) => o.unwrap().shape.kind.value)).toEqual(['number', 'temporal', 'categorical']);

    expectTypeOf<keyof Page>().toEqualTypeOf<keyof typeof apiMethods.fetchPage.response._zod.def.innerType.shape>();
    expectTypeOf<keyof ExportOutcome>().toEqualTypeOf<keyof typeof apiMethods.exportOutcome.response._zod.def.innerType.shape>();
    expectTypeOf<keyof CommandAck>().toEqualTypeOf<keyof typeof commandAckSchema._zod.def.innerType.shape>();
    expectTypeOf<keyof PivotPage>().toEqualTypeOf<keyof typeof pivotPageSchema._zod.def.innerType.shape>();
  });

  it('stay readonly, as their interfaces were', () => {
    expectTypeOf<Page>().toEqualTypeOf<{
      readonly queryId: string;
      readonly offset: number;
      readonly totalRows: number;
      readonly complete: boolean;
      readonly columns: readonly Column[];
      readonly values: ReadonlyArray<ReadonlyArray<string | null>>;
      readonly rerun?: true;
    }>();
    expectTypeOf<ExportOutcome>().toEqualTypeOf<{
      readonly exportId: string;
      readonly rows: number;
      readonly bytes: number;
      readonly target: string;
      readonly download?: { readonly url: string; readonly fileName: string };
    }>();
    expectTypeOf<CommandAck>().toEqualTypeOf<{ readonly aggregateId: string; readonly lastSeq: number; readonly queryId?: string; readonly version?: number }>();
    expectTypeOf<PivotPage['keys']>().toEqualTypeOf<{ readonly distinct: number; readonly values: ReadonlyArray<ReadonlyArray<string | null>> }>();
    expectTypeOf<PivotPage['empty']>().toEqualTypeOf<ReadonlyArray<ReadonlyArray<number>> | undefined>();
    expectTypeOf<Extract<PreviewAnswer, { kind: 'rows' }>['steps']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<Extract<PreviewAnswer, { kind: 'rows' }>['sample']>().toEqualTypeOf<{ readonly rows: number } | undefined>();
    expectTypeOf<ColumnProfile['sampled']>().toEqualTypeOf<{ readonly rows: number; readonly nonNull: number; readonly of: number } | undefined>();

    const page = {} as Page;
    // @ts-expect-error a page is read, never written
    page.offset = 1;
    const profile = {} as ColumnProfile;
    // @ts-expect-error nor is a profile
    profile.nulls = 1;
  });
});
