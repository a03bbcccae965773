import { describe, expect, it } from 'vitest';
import { joinFindings } from '../../audit/findings.js';

describe('audit/findings', () => {
  it('joins notes and failures of the checks in the order given', () => {
    const joined = joinFindings([
      { notes: ['a'], failures: ['x'] },
      { notes: [], failures: ['y', 'z'] },
      { notes: ['b', 'c'], failures: [] },
    ]);
    expect(joined).toEqual({ notes: ['a', 'b', 'c'], failures: ['x', 'y', 'z'] });
    expect(joinFindings([])).toEqual({ notes: [], failures: [] });
  });
});
