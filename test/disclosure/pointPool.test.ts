import { describe, expect, it } from 'vitest';
import { PointPool } from '../../disclosure/pointPool.js';

describe('PointPool', () => {
  it('a point is usable exactly while none of the rows it violates is published', () => {
    const values = [10, 4, 6];
    const published = [true, false, false];
    const pool = new PointPool(values, (r) => published[r]!);
    // satisfies row 0 (10), violates rows 1 and 2
    pool.add(Float64Array.from([10, 1, 9]));
    const low = (v: number) => v <= 2;
    expect(pool.reaches(1, low)).toBe(true);
    expect(pool.reaches(2, low)).toBe(false);
    // publishing row 1 (true value 4) retires the point; suppressing it again brings it back
    published[1] = true;
    pool.setPublished(1, true);
    expect(pool.reaches(1, low)).toBe(false);
    published[1] = false;
    pool.setPublished(1, false);
    expect(pool.reaches(1, low)).toBe(true);
    expect(pool.hits).toBe(2);
  });

  it('a point found while a row is published stays usable after it is suppressed, and is born blocked if it breaks a published row', () => {
    const values = [10, 4, 6];
    const published = [true, true, false];
    const pool = new PointPool(values, (r) => published[r]!);
    pool.add(Float64Array.from([10, 4 + 1e-12, 0])); // within tolerance of row 1
    pool.add(Float64Array.from([10, 3, 7])); // breaks published row 1: not a feasible point
    expect(pool.size).toBe(2);
    expect(pool.reaches(2, (v) => v >= 7)).toBe(false);
    expect(pool.reaches(2, (v) => v <= 0)).toBe(true);
    published[1] = false;
    pool.setPublished(1, false);
    expect(pool.reaches(2, (v) => v >= 7)).toBe(true);
  });

  it('usable(): the variable values of the points feasible now, when they were given', () => {
    const values = [10, 4, 6];
    const published = [true, false, false];
    const pool = new PointPool(values, (r) => published[r]!);
    const x = Float64Array.from([1, 9]);
    pool.add(Float64Array.from([10, 1, 9]), x); // violates rows 1 and 2
    pool.add(Float64Array.from([10, 4, 6])); // no variable values: never listed
    expect(pool.usable()).toEqual([x]);
    published[1] = true;
    pool.setPublished(1, true);
    expect(pool.usable()).toEqual([]);
  });
});
