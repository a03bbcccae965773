import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ProtectInput, type ProtectProgress, protectTables } from '../../disclosure/protectTables.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import { nestedPopulation } from '../support/nestedPopulation.js';
import { earlierOf, P21, P22, RELEASE_PARAMS, release } from '../support/releases.js';

// The thread exists only compiled (build/, made by test/globalSetup.ts): these tests load the compiled modules.
const built = <T>(rel: string): Promise<T> =>
  import(pathToFileURL(join(import.meta.dirname, '../../build', rel)).href) as Promise<T>;
const onThread = () => built<typeof import('../../disclosure/protectOnThread.js')>('disclosure/protectOnThread.js');
const errors = () => built<typeof import('../../core/errors.js')>('core/errors.js');

/** A release of 2017–2022 with the export of 2017–2021 as --previous (the joint search runs too). */
async function input(): Promise<ProtectInput> {
  const { earlier, later } = nestedPopulation(1500, 42);
  const r21 = await release(earlier, P21);
  return {
    internal: tabulate({ atoms: later, declarations: TABLE_DECLARATIONS, period: P22, backgroundPeriod: P22 }),
    atoms: later,
    declarations: TABLE_DECLARATIONS,
    params: RELEASE_PARAMS,
    previous: [earlierOf(r21, earlier, P21, P22)],
  };
}

/** Protect with `run`, counting the ticks of a 5 ms timer on this thread between the search's first progress and the audit's. */
async function ticksDuringSearch(run: (i: ProtectInput) => Promise<unknown>, i: ProtectInput) {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const seen: ProtectProgress[] = [];
  let atSearch = -1;
  let atAudit = -1;
  try {
    const result = await run({
      ...i,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'search' && atSearch < 0) atSearch = ticks;
        if (p.phase === 'audit') atAudit = ticks;
      },
    });
    return { result, seen, during: atAudit - atSearch };
  } finally {
    clearInterval(timer);
  }
}

describe('protectOnThread', () => {
  it('gives the result protectTables gives on this thread, sends its progress, and leaves this thread free meanwhile', async () => {
    const { protectOnThread } = await onThread();
    const i = await input();
    const here = await ticksDuringSearch(protectTables, i);
    const there = await ticksDuringSearch(protectOnThread, i);
    const strip = (r: unknown) => {
      const { timing: _, ...rest } = r as Awaited<ReturnType<typeof protectTables>>;
      return rest;
    };
    expect(strip(there.result)).toEqual(strip(here.result));
    expect(there.seen.map((p) => p.phase)).toEqual(here.seen.map((p) => p.phase));
    expect(there.seen.at(-1)).toEqual(here.seen.at(-1));
    // on this thread the search (and the joint search after it) hold the event loop: no tick between the search's
    // first progress and the audit's; on its own thread the timer keeps running
    expect(here.during).toBe(0);
    expect(there.during).toBeGreaterThan(0);
  });

  it('an error on the thread comes back as the class it was thrown as (so its exit code), with its message', async () => {
    const { protectOnThread } = await onThread();
    const { InputError } = await errors();
    const i = { ...(await input()), params: { ...RELEASE_PARAMS, threshold: 0 } };
    const here = await protectTables(i).then(
      () => null,
      (e: Error) => e,
    );
    const err = await protectOnThread(i).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(err?.message).toBe(here?.message);
    expect((err as InstanceType<typeof InputError>).exitCode).toBe(1);
  });
});
