/**
 * The message of the FileFormatError that f throws: the test fails if f throws anything else, throws a
 * message of more than one line, or throws nothing. Shared by the model-file reader's error tests.
 */
import { expect } from 'vitest';
import { FileFormatError } from '../../src/core/errors.js';

export function rejection(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    const msg = (err as Error).message;
    expect(msg.includes('\n')).toBe(false);
    return msg;
  }
  throw new Error('expected a FileFormatError, nothing was thrown');
}
