import { z } from 'zod';

/**
 * A result column as DuckDB names and types it (`BIGINT`, `DECIMAL(18,3)`, `STRUCT(a INTEGER)`…).
 * Its own module because the events and a fork's content (sessionForked.ts, which events.ts
 * imports) both carry columns.
 */
export const columnSchema = z.object({ name: z.string(), type: z.string() });
export type Column = z.infer<typeof columnSchema>;
