/**
 * Errors the container model reports the way Linux does: an errno name, and a one-line message
 * saying what was refused and why. `cgWrite(k, policy, '/a', 'cpu.weight', '0')` throws
 * `CgroupError('ERANGE', '/a/cpu.weight: 0 is out of range 1..10000')`.
 */

/** The errno names the model uses, as Linux's. */
export type Errno = 'EINVAL' | 'ERANGE' | 'EBUSY' | 'ENOENT' | 'EAGAIN' | 'ENOMEM' | 'EEXIST' | 'EACCES' | 'ESRCH';

/** A refused operation: `errno` is what a Linux system call would return. */
export class CgroupError extends Error {
  /** The errno name. */
  readonly errno: Errno;

  constructor(errno: Errno, message: string) {
    super(`${errno}: ${message}`);
    this.name = 'CgroupError';
    this.errno = errno;
  }
}

/** Throws a CgroupError; for use in expressions. */
export function fail(errno: Errno, message: string): never {
  throw new CgroupError(errno, message);
}
