import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  errorFromData,
  errorToData,
  LotcastError,
  UsageError,
  ValidationError,
} from '../../src/core/errors.js';

describe('errors as plain data (from a worker thread)', () => {
  it.each([
    ['usage', new UsageError('No such file: x.csv', { hint: 'Give the path', where: 'x.csv' }), UsageError, 2],
    ['config', new ConfigError('Store is newer', { hint: 'Upgrade' }), ConfigError, 3],
    [
      'plain lotcast',
      new LotcastError('The lotcast store is busy', { where: '/d/lotcast.db', hint: 'Let it finish' }),
      LotcastError,
      1,
    ],
  ])('%s error keeps class, exit code, hint and where', (_n, err, cls, exitCode) => {
    const back = errorFromData(structuredClone(errorToData(err)));
    expect(back).toBeInstanceOf(cls);
    expect(back).toMatchObject({ message: err.message, hint: err.hint, where: err.where, exitCode });
  });

  it('keeps every problem of a validation error', () => {
    const err = new ValidationError(
      'x.csv cannot be imported.',
      [{ line: 1, field: 'Title', message: 'no title column' }],
      { source: 'x.csv', hint: 'Name a column Title' },
    );
    const back = errorFromData(structuredClone(errorToData(err))) as ValidationError;
    expect(back).toBeInstanceOf(ValidationError);
    expect(back.problems).toEqual(err.problems);
    expect(back.source).toBe('x.csv');
  });

  it('keeps the message and stack of an unexpected error (a bug), without making it a lotcast error', () => {
    const err = new TypeError('x is not a function');
    const back = errorFromData(structuredClone(errorToData(err)));
    expect(back).not.toBeInstanceOf(LotcastError);
    expect(back.message).toBe('x is not a function');
    expect(back.stack).toBe(err.stack);
    expect(errorFromData(errorToData('thrown string')).message).toBe('thrown string');
  });
});
