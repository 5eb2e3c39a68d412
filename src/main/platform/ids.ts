import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Ids of things that are ordered in time (sessions, queries, datasets): UUIDv7 sorts by creation. */
export const newId = (): string => uuidv7();
/** Error ids only need to be unique and quotable. */
export const newErrorId = (): string => randomUUID();
