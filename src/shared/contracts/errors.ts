import { z } from 'zod';

/**
 * Stable error codes. The UI and tests match on these, never on `instanceof` or message text.
 * Add codes freely; never change the meaning of an existing one (old events store them).
 */
export const ErrorCodes = [
  // boundary
  'INVALID_COMMAND',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'DISCONNECTED',
  // domain rules
  'VERSION_CONFLICT',
  'SESSION_NOT_FOUND',
  'SESSION_ALREADY_OPEN',
  'SESSION_CLOSED',
  'QUERY_IN_FLIGHT',
  'NO_QUERY_RUNNING',
  'QUERY_MISMATCH',
  'DATASET_NOT_FOUND',
  'DATASET_ALREADY_EXISTS',
  'DATASET_NOT_PENDING',
  'DATASET_NAME_TAKEN',
  'NOTHING_TO_UNDO',
  'NOTHING_TO_REDO',
  // query engine
  'SQL_ERROR',
  'OUT_OF_MEMORY',
  'INTERRUPTED',
  'TIMEOUT',
  'WORKER_CRASHED',
  /** The worker thread's event loop stopped answering (src/main/query/workerHeartbeat.ts). */
  'WORKER_UNRESPONSIVE',
  'RESULT_NOT_FOUND',
  'RESULT_INCOMPLETE',
  /** A statement tried to change the read-only `sextant` schema (docs/share.md, "History as data"). */
  'HISTORY_READ_ONLY',
  /** A statement tried to change the results Sextant keeps (the `sextant_results` schema): docs/security.md. */
  'RESULTS_READ_ONLY',
  /** A statement tried to write a file into Sextant's data folder (COPY … TO, EXPORT DATABASE): docs/security.md. */
  'DATA_DIR_PROTECTED',
  // catalog
  'DATASET_MISSING',
  'DATASET_UNREADABLE',
  'DATASET_UNSUPPORTED',
  'DATASET_EMPTY',
  'DATASET_CORRUPT',
  'DOWNLOAD_FAILED',
  /** A file located for a dataset is not the one it was read from: its fingerprint differs (docs/share.md, "Session import"). */
  'DATASET_MISMATCH',
  // export
  'EXPORT_NOT_FOUND',
  'EXPORT_NOT_WRITABLE',
  'EXPORT_DISK_FULL',
  'EXPORT_UNAVAILABLE',
  // session import (docs/share.md)
  'IMPORT_MALFORMED',
  'IMPORT_TRUNCATED',
  'IMPORT_FOREIGN',
  'IMPORT_TOO_NEW',
  'IMPORT_CONFLICT',
  // store
  'STORE_CORRUPT',
  'STORE_LOCKED',
  'STORE_TOO_NEW',
  'STORE_UNAVAILABLE',
  'STORE_MIGRATION_FAILED',
  'STORE_READ_FAILED',
  'STORE_WRITE_FAILED',
  'STORE_FULL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

export interface ErrorCause {
  readonly code?: string;
  readonly message: string;
  readonly stack?: string;
}

/**
 * The one error shape of the app. `id` is minted once, where the failure is first seen, and kept
 * across every layer, worker and IPC hop so a person can quote it and we can grep the logs for it.
 * `code` is a plain string on the wire: an event stored by a newer version may carry a code this
 * build does not know, and it must still be shown.
 */
export interface AppError {
  readonly id: string;
  readonly code: ErrorCode | (string & {});
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: ErrorCause;
  readonly stack?: string;
}

export const errorCauseSchema = z.object({
  code: z.string().optional(),
  message: z.string(),
  stack: z.string().optional(),
});

export const appErrorSchema = z.object({
  id: z.string().min(1),
  code: z.string().min(1),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  cause: errorCauseSchema.optional(),
  stack: z.string().optional(),
});

/** A decider's refusal: an AppError before an id is minted for it (deciders mint no ids). */
export interface Rejection {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * What a failed parse says about the input, as it goes into an INVALID_COMMAND's details and the
 * log: the first few issues, each as `path: message`. The one formatter, wherever input is checked.
 */
export function validationIssues(error: z.ZodError, max = 5): string[] {
  return error.issues.slice(0, max).map((i) => `${i.path.join('.')}: ${i.message}`);
}

export function appError(
  id: string,
  code: ErrorCode,
  message: string,
  extra: { details?: Record<string, unknown>; cause?: ErrorCause; stack?: string } = {},
): AppError {
  return { id, code, message, ...extra };
}

/**
 * The error as it leaves main (an answer, a recorded event, an exported session): without stacks,
 * which name the install's files and belong in the log line that carries the same id.
 */
export function withoutStack(error: AppError): AppError {
  const { stack: _stack, cause, ...rest } = error;
  if (!cause) return rest;
  const { stack: _causeStack, ...said } = cause;
  return { ...rest, cause: said };
}

export function isAppError(value: unknown): value is AppError {
  return appErrorSchema.safeParse(value).success;
}

/** Thrown inside main when an AppError must unwind the stack; crosses boundaries as plain JSON. */
export class AppErrorException extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = `AppError(${error.code})`;
  }
}

/**
 * Turns anything thrown into an AppError. An AppError passes through unchanged, keeping its id:
 * that is what lets one failure be traced across layers.
 */
export function toAppError(value: unknown, id: string, fallbackCode: ErrorCode = 'INTERNAL'): AppError {
  if (value instanceof AppErrorException) return value.error;
  if (isAppError(value)) return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      id,
      code: fallbackCode,
      message: value.message,
      ...(value.stack ? { stack: value.stack } : {}),
      ...(typeof code === 'string' ? { cause: { code, message: value.message } } : {}),
    };
  }
  return { id, code: fallbackCode, message: String(value) };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });
