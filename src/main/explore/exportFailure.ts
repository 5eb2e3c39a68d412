import { appError, type AppError } from '../../shared/contracts/errors';

/**
 * What a failed export tells a person, by what DuckDB or the file system said: a full disk and a
 * path that cannot be written are named as such; anything else keeps its code and message.
 */
export function exportFailure(error: AppError, path: string): AppError {
  const text = `${error.message} ${error.cause?.code ?? ''} ${error.cause?.message ?? ''}`;
  if (/No space left|ENOSPC|disk is full|Disk full/i.test(text)) {
    return appError(error.id, 'EXPORT_DISK_FULL', `The disk is full: the export to ${path} could not be written, and nothing was left behind.`, {
      cause: { message: error.message },
    });
  }
  if (/Permission denied|EACCES|EPERM|EROFS|Read-only file system|ENOENT|No such file or directory|ENOTDIR|Cannot open file|Could not open file/i.test(text)) {
    return appError(error.id, 'EXPORT_NOT_WRITABLE', `Sextant cannot write ${path}: the folder is missing or not writable. Nothing was left behind.`, {
      cause: { message: error.message },
    });
  }
  return error;
}
