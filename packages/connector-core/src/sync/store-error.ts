import { ConnectorError } from '../errors/connector-error.js';
import { StoreError } from '../errors/errors.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'a directory is in the way of the file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path loops through symbolic links',
  EEXIST: 'a file is in the way of the directory',
  ENOENT: 'a part of the path does not exist and cannot be created',
};

/**
 * Turns a raw file system error (`EACCES`, `EISDIR`, `ENOTDIR`, ...) into a {@link StoreError}
 * naming the path, for a person to fix (`userAction: 'fix_config'`); connector errors (a damaged
 * file's `ConfigError`) pass through unchanged.
 */
export function asStoreError(error: unknown, doing: string, location: string): unknown {
  if (error instanceof ConnectorError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error;
  const why = WHY[code] ?? code;
  return new StoreError(
    `Cannot ${doing} at ${location}: ${why} (${code}); fix the state directory or its permissions`,
    { location, cause: error, userAction: 'fix_config' },
  );
}
