import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_OFFSET, MAX_BLOCK, newlineCounter } from '../../bin/newlineCounter.js';

/** The records a block ends, counted naively: LFs whose previous byte (or `before`) is no LF. */
function naive(bytes: Uint8Array, before: number): number {
  let n = 0;
  let prev = before;
  for (const b of bytes) {
    if (b === 10 && prev !== 10) n++;
    prev = b;
  }
  return n;
}

describe('bin/newlineCounter', () => {
  const counter = newlineCounter();

  it('is available on this Node (WebAssembly SIMD)', () => {
    expect(counter).not.toBeNull();
  });

  it('counts LFs not preceded by an LF, across the 16-byte steps and the byte before the block', () => {
    const c = counter!;
    const put = (text: string) => {
      const b = Buffer.from(text, 'latin1');
      c.memory.set(b, BLOCK_OFFSET);
      return b.length;
    };
    expect(c.count(put('a\nb\n'), 10)).toBe(2);
    expect(c.count(put('\n\na\n\nb\n'), 10)).toBe(2);
    expect(c.count(put('\n\na\n\nb\n'), 65)).toBe(3); // the leading LF ends the line carried over
    expect(c.count(put(`${'x'.repeat(15)}\n\n${'y'.repeat(15)}\n`), 10)).toBe(2); // an LF pair across a 16-byte step
    expect(c.count(put(''), 10)).toBe(0);
  });

  it('agrees with a naive count on random blocks (a longer earlier block leaves no trace in a shorter one)', () => {
    const c = counter!;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(10, 0, 65),
        (first, second, before) => {
          const lf = (a: Uint8Array) => a.map((b) => (b % 3 === 0 ? 10 : b));
          const a = lf(first);
          const b = lf(second);
          c.memory.set(a, BLOCK_OFFSET);
          expect(c.count(a.length, before)).toBe(naive(a, before));
          c.memory.set(b, BLOCK_OFFSET);
          expect(c.count(b.length, before)).toBe(naive(b, before));
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('takes a full block and refuses a larger one', () => {
    const c = counter!;
    c.memory.fill(10, BLOCK_OFFSET, BLOCK_OFFSET + MAX_BLOCK);
    expect(c.count(MAX_BLOCK, 65)).toBe(1);
    c.memory.fill(97, BLOCK_OFFSET, BLOCK_OFFSET + MAX_BLOCK);
    c.memory[BLOCK_OFFSET + MAX_BLOCK - 1] = 10;
    expect(c.count(MAX_BLOCK, 10)).toBe(1);
    expect(() => c.count(MAX_BLOCK + 1, 10)).toThrow(RangeError);
  });
});
