import { describe, expect, it } from 'vitest';
import { checkerNote } from '../../disclosure/checkerNote.js';

describe('disclosure/checkerNote', () => {
  it('states the rule with the run\'s parameters and the audit result', () => {
    const note = checkerNote({ threshold: 10, zeroUnsafe: false, safetyRange: 0.3 }, { passed: true, suppressedCells: 42 });
    expect(note).toContain('a count from 1 to 9 is shown as **; zero counts are shown.');
    expect(note).toContain('at least 10.');
    expect(note).toContain('p = max(1, ceil(v * 0.3)) (safety range 30%)');
    expect(note).toContain('Parameters: threshold = 10, zero unsafe = no, safety range = 0.3.');
    expect(note).toContain('Suppressed cells (shown as **): 42.');
    expect(note).toContain('Audit: PASSED');
    expect(note.endsWith('\n')).toBe(true);
  });

  it('follows other parameters (no threshold fixed in the text), and says FAILED when the audit failed', () => {
    const note = checkerNote({ threshold: 15, zeroUnsafe: true, safetyRange: 0.25 }, { passed: false, suppressedCells: 7 });
    expect(note).toContain('a count from 1 to 14 is shown as **; zero counts are treated as unsafe too.');
    expect(note).toContain('at least 15.');
    expect(note).toContain('(safety range 25%)');
    expect(note).toContain('threshold = 15, zero unsafe = yes, safety range = 0.25.');
    expect(note).toContain('Audit: FAILED');
    expect(note).not.toContain('PASSED');
    expect(note).not.toMatch(/\b(9|10)\b/);
  });

  it('no number in the note other than the parameters, the suppressed-cell count and fixed labels', () => {
    const note = checkerNote({ threshold: 11, zeroUnsafe: false, safetyRange: 0.3 }, { passed: true, suppressedCells: 123 });
    const numbers = new Set([...note.matchAll(/\d+(\.\d+)?/g)].map((m) => m[0]));
    // 1 and 0 from the rule text, F3.1/F3.3 figure names, 3.1/3.3, 30 = 0.3 as a percentage
    const allowed = new Set(['11', '10', '123', '0', '1', '0.3', '30', '3.1', '3.3']);
    for (const n of numbers) expect(allowed.has(n), n).toBe(true);
  });
});
