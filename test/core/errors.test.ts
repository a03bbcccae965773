import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  EXIT_BAD_INPUT,
  EXIT_INTERNAL,
  EXIT_OK,
  InputError,
  InternalError,
  exitCodeOf,
} from '../../core/errors.js';

describe('core/errors', () => {
  it('the exit codes users script against are 0, 1 and 2 (docs/spec/outputs.md)', () => {
    expect([EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL]).toEqual([0, 1, 2]);
  });

  it('InputError: exit 1, carries its details and name', () => {
    const e = new InputError('bad file', ['row 3', 'row 4']);
    expect(e).toBeInstanceOf(Error);
    expect(e.exitCode).toBe(1);
    expect(exitCodeOf(e)).toBe(1);
    expect(e.details).toEqual(['row 3', 'row 4']);
    expect(e.name).toBe('InputError');
    expect(e.message).toBe('bad file');
    expect(new InputError('x').details).toEqual([]);
  });

  it('ConfigError is a kind of InputError: exit 1', () => {
    const e = new ConfigError('field period: bad', ['detail']);
    expect(e).toBeInstanceOf(InputError);
    expect(e.exitCode).toBe(1);
    expect(exitCodeOf(e)).toBe(1);
    expect(e.name).toBe('ConfigError');
    expect(e.details).toEqual(['detail']);
  });

  it('InternalError: exit 2, keeps its cause', () => {
    const cause = new Error('root');
    const e = new InternalError('broken invariant', { cause });
    expect(e.exitCode).toBe(2);
    expect(exitCodeOf(e)).toBe(2);
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('InternalError');
    expect(e).not.toBeInstanceOf(InputError);
  });

  it('anything that is not an InputError is a bug: exit 2', () => {
    for (const err of [new Error('plain'), new TypeError('x'), 'a string', undefined, null, 42, { exitCode: 1 }]) {
      expect(exitCodeOf(err)).toBe(2);
    }
  });
});
