import {
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { readManifest } from '../schemas/manifest.js';

/**
 * The single atomic writer. Everything is written into a hidden sibling folder `.OUT.partial-PID`, which replaces
 * OUT only when the run succeeded; a failed or interrupted run leaves OUT as it was.
 *
 * Safety rules (even with --force): OUT may not be, contain or lie inside an input folder; OUT may not be a regular
 * file; a non-empty OUT is replaced only when it was made by multigebruik (recognised by `isOurs`, for a run its
 * manifest.json) and --force is given. A lock file `.OUT.lock` in OUT's parent makes a second concurrent run on the
 * same OUT fail at once. Temporary folders carry the PID of their run (`.OUT.partial-PID`, `.OUT.spill-PID`,
 * `.OUT.old-PID`): the next run removes those of runs that are gone, and SIGINT/SIGTERM/SIGHUP remove this run's.
 */

export type Recognise = (dir: string) => boolean;

/** A run's output folder: it has our manifest.json. */
const isRunOutput: Recognise = (dir) => readManifest(dir).ok;

/** The real path of `p`, resolving symlinks of the part that exists (the rest appended as given). */
function realPathOf(p: string): string {
  let head = resolve(p);
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    tail.unshift(basename(head));
    head = up;
  }
  try {
    head = realpathSync(head);
  } catch {
    /* unreadable: keep as given */
  }
  return join(head, ...tail);
}

const inside = (child: string, parent: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && r !== '..' && !/^[A-Za-z]:/.test(r));
};

/** Refuse an unsafe OUT before any work is done (see the rules above). */
export function checkOutputFolder(
  out: string,
  force: boolean,
  inputs: readonly string[] = [],
  isOurs: Recognise = isRunOutput,
): void {
  const dir = realPathOf(out);
  for (const input of inputs) {
    const inp = realPathOf(input);
    if (inside(dir, inp) || inside(inp, dir)) throw new InputError(messages.outputOverlapsInput(out, input));
  }
  // inside an earlier run's folder (its export/ or internal/): replacing or adding files there changes that export
  for (let up = dirname(dir); ; up = dirname(up)) {
    if (isRunOutput(up)) throw new InputError(messages.outputInsideRun(out, up));
    if (dirname(up) === up) break;
  }
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return; // does not exist: fine
  }
  if (st.isSymbolicLink()) st = statSync(dir);
  if (!st.isDirectory()) throw new InputError(messages.outputNotFolder(out));
  // a mount point (a disk of its own) cannot be renamed aside and replaced: found now, before any work
  if (isMountPoint(dir)) throw new InputError(messages.outputMountPoint(out));
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    throw new InputError(messages.outputUnusable(out, (e as NodeJS.ErrnoException).code ?? String(e)));
  }
  if (entries.length === 0) return;
  if (!isOurs(dir)) throw new InputError(messages.outputNotOurs(out));
  if (!force) {
    const later = laterExports(out);
    throw new InputError(
      later.length > 0 ? messages.outputIsEarlierExport(out, later.join(', ')) : messages.outputExists(out),
    );
  }
}

/**
 * The run folders beside OUT (in its parent folder) whose manifest names OUT as an earlier export (`previous`), as
 * paths beside `out` as given, sorted. A manifest records a relative earlier export relative to the folder that holds
 * it (bin/runCommand.ts previousName), so those are resolved against OUT's parent; absolute ones as recorded. Empty
 * when OUT is no run's output. Replacing OUT would break the audit of each one found.
 */
export function laterExports(out: string): string[] {
  if (!isRunOutput(out)) return [];
  const dir = realPathOf(out);
  const parent = dirname(dir);
  let entries;
  try {
    entries = readdirSync(parent, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name === basename(dir)) continue;
    const m = readManifest(join(parent, e.name));
    if (!m.ok) continue;
    if (
      (m.manifest.previous ?? []).some(
        (p) => realPathOf(isAbsolute(p.dir) ? p.dir : resolve(parent, ...p.dir.split('/'))) === dir,
      )
    )
      found.push(e.name);
  }
  return found.sort().map((name) => join(dirname(out), name));
}

/** True when `dir` is on another device than its parent (a mount point, or a drive's root). */
function isMountPoint(dir: string): boolean {
  const up = dirname(dir);
  if (up === dir) return true;
  try {
    return statSync(dir).dev !== statSync(up).dev;
  } catch {
    return false;
  }
}

/**
 * Refuse OUT when it is, contains or lies inside an earlier export the run is to be protected with (`--previous`):
 * replacing OUT would replace (or change) the export the run protects against.
 */
export function checkNotPrevious(out: string, previous: readonly string[]): void {
  const dir = realPathOf(out);
  for (const p of previous) {
    const prev = realPathOf(p);
    if (inside(dir, prev) || inside(prev, dir)) throw new InputError(messages.outputIsPrevious(out, p));
  }
}

const isAlive = (pid: number): boolean => {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Temp names `.OUT.KIND-PID` next to OUT: staging folder, DuckDB spill, OUT moved aside, the lock's PID file before it is linked. */
const TEMP_KINDS = ['partial', 'spill', 'old', 'locktmp'] as const;
type TempKind = (typeof TEMP_KINDS)[number];

/** A reserved output: the lock is held; temp folders of this run are known and removed on exit or signal. */
export interface OutputSlot {
  /** OUT, resolved. */
  dir: string;
  /** A temp folder for DuckDB to spill to (under OUT's parent, so it is on the disk the user chose). */
  spill: string;
  /** Write into a staging folder and move it to OUT when `write` succeeds. */
  commit<T>(write: (staging: string) => Promise<T>): Promise<T>;
  /** Remove this run's temp folders and the lock. Idempotent. */
  release(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Check OUT, take the lock in its parent, clear stale temp folders of earlier runs that are gone, and install the
 * signal handlers. The caller must call `release()` (in a finally).
 */
export function reserveOutput(
  out: string,
  force: boolean,
  inputs: readonly string[] = [],
  isOurs: Recognise = isRunOutput,
): OutputSlot {
  checkOutputFolder(out, force, inputs, isOurs);
  const dir = realPathOf(out);
  const parent = dirname(dir);
  const name = basename(dir);
  let existing = parent;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (existsSync(existing) && !statSync(existing).isDirectory())
    throw new InputError(messages.outputBelowFile(out, existing));
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new InputError(messages.outputUnusable(out, (e as NodeJS.ErrnoException).code ?? String(e)));
  }
  const lock = join(parent, `.${name}.lock`);
  const temp = (kind: TempKind, pid = process.pid) => join(parent, `.${name}.${kind}-${pid}`);
  let released = false;
  let locked = false;
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      release();
    } catch {
      // best effort: what is left carries this PID, and the next run removes it
    }
    process.exit(SIGNAL_EXIT[signal] ?? 1);
  };
  const release = () => {
    if (released) return;
    released = true;
    for (const s of SIGNALS) process.off(s, onSignal);
    if (!locked) return; // another run's lock and temp folders are not ours to remove
    try {
      // On a signal, a write of the render stage may still be landing in the staging folder: its removal is retried
      // (ENOTEMPTY, linear back-off up to ≈ 1 s) and made again if that write recreated a folder in it.
      for (const kind of ['partial', 'spill'] as const)
        for (let pass = 0; pass < 3 && existsSync(temp(kind)); pass++)
          rmSync(temp(kind), { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
      // an old OUT moved aside but not yet replaced (interrupted between the two renames): put it back
      if (existsSync(temp('old')) && !existsSync(dir)) renameSync(temp('old'), dir);
      rmSync(temp('old'), { recursive: true, force: true });
    } finally {
      // the lock goes even when a temp folder could not: what is left carries this PID, and the next run removes
      // it (seen in CI under load: a staging folder still being written kept the lock too)
      rmSync(lock, { force: true });
    }
  };
  // handlers first, then the lock: a signal from the moment the lock exists finds them in place
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    takeLock(lock, temp('locktmp'), out);
  } catch (e) {
    release();
    throw e;
  }
  locked = true;
  try {
    removeStale(parent, name, dir);
    // again, now that an output moved aside by a killed run is back: it is an earlier output like any other
    // (replaced only with --force), and the check is made under the lock
    checkOutputFolder(out, force, inputs, isOurs);
  } catch (e) {
    release();
    throw e;
  }
  return {
    dir,
    spill: temp('spill'),
    release,
    async commit<T>(write: (staging: string) => Promise<T>): Promise<T> {
      const staging = temp('partial');
      rmSync(staging, { recursive: true, force: true });
      try {
        mkdirSync(staging, { recursive: true });
        const result = await write(staging);
        const cannot = (e: unknown) =>
          new InputError(messages.outputNotReplaced(out, (e as NodeJS.ErrnoException).code ?? String(e)));
        if (existsSync(dir)) {
          try {
            renameSync(dir, temp('old'));
          } catch (e) {
            throw cannot(e); // OUT as it was
          }
          try {
            renameSync(staging, dir);
          } catch (e) {
            renameSync(temp('old'), dir); // put the earlier output back
            throw cannot(e);
          }
          rmSync(temp('old'), { recursive: true, force: true });
        } else {
          try {
            renameSync(staging, dir);
          } catch (e) {
            throw cannot(e);
          }
        }
        return result;
      } catch (e) {
        const written = folderBytes(staging);
        rmSync(staging, { recursive: true, force: true });
        throw translateFsError(translateNoSpace(e, parent, written), out);
      }
    },
  };
}

/**
 * The lock's content: `multigebruik PID START`, START the process's start time as the system records it (Linux:
 * /proc/PID/stat field 22, clock ticks since boot; `-` where the system does not tell). A lock proves it belongs to a
 * live multigebruik run only when its PID is alive and that process started at START: a PID reused by another
 * program (after a reboot or a kill) does not block a run.
 * @internal exported for the lock tests (test/faults/), which forge locks of other processes
 */
export function lockContent(pid: number = process.pid): string {
  return `multigebruik ${pid} ${processStart(pid) ?? '-'}\n`;
}

/** The start time of process `pid` as the system records it; undefined where it cannot be read (not Linux, gone). */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ")"
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start && /^\d+$/.test(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

/** The PID of the live multigebruik run that holds a lock with this content; undefined when it proves no such run. */
function lockHolder(content: string): number | undefined {
  const m = /^multigebruik (\d+) (\d+|-)\n?$/.exec(content);
  if (!m) return undefined; // empty, foreign, or a lock of a version that wrote only a PID: proves nothing
  const pid = Number(m[1]);
  if (pid === process.pid || !isAlive(pid)) return undefined;
  const now = processStart(pid);
  // where the system tells start times, a different one is another process that got the PID
  if (m[2] !== '-' && now !== undefined && now !== m[2]) return undefined;
  return pid;
}

function takeLock(lock: string, tmp: string, out: string): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLock(lock, tmp, out)) return;
    let content = '';
    try {
      content = readFileSync(lock, 'utf8');
    } catch {
      /* vanished meanwhile: retry */
    }
    const holder = lockHolder(content);
    if (holder !== undefined) throw new InputError(messages.outputLocked(out, holder, lock));
    // a lock of a run that is gone (killed), or not a multigebruik lock at all: remove it and try again
    rmSync(lock, { force: true });
  }
  throw new InputError(messages.outputLocked(out, NaN, lock));
}

/** File-system errors that mean "no hard links here" (some network and FAT drives): the lock is then created in place. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Create the lock holding this run's token (lockContent); false when a lock exists. The lock never exists without
 * its token: the token is written to `tmp` first and the lock made as a hard link to it (atomic, fails when the lock
 * exists) — a lock created empty and written afterwards could be read, empty, by a second run, which would take it
 * for a dead run's.
 */
function createLock(lock: string, tmp: string, out: string): boolean {
  const fail = (e: unknown) =>
    new InputError(messages.outputUnusable(out, (e as NodeJS.ErrnoException).code ?? String(e)));
  const token = lockContent();
  try {
    writeFileSync(tmp, token);
  } catch (e) {
    throw fail(e);
  }
  try {
    linkSync(tmp, lock);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === undefined || !NO_LINKS.has(code)) throw fail(e);
  } finally {
    rmSync(tmp, { force: true });
  }
  // no hard links on this drive: exclusive create, then the token (a second run could see it empty for a moment)
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, token);
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fail(e);
  }
}

/** Remove `.NAME.partial-PID` etc. of runs that are gone; restore an OUT that was moved aside but never replaced. */
function removeStale(parent: string, name: string, dir: string): void {
  const re = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(${TEMP_KINDS.join('|')})-(\\d+)$`);
  for (const entry of readdirSync(parent)) {
    const m = re.exec(entry);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    const path = join(parent, entry);
    if (m[1] === 'old' && !existsSync(dir)) renameSync(path, dir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function folderBytes(dir: string): number {
  let n = 0;
  try {
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
    }
  } catch {
    /* gone */
  }
  return n;
}

/** A full disk while writing becomes bad input naming the folder and an estimate of the space needed. */
function translateNoSpace(e: unknown, where: string, writtenBytes: number): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return e;
  return new InputError(messages.noSpace(where, neededMb(writtenBytes)));
}

/** Errors of the file system while writing OUT that the user can act on (permissions, a read-only or busy drive). */
const OUTPUT_FS_ERRORS = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'EBUSY',
  'EXDEV',
  'ENAMETOOLONG',
  'EIO',
  'ENOTDIR',
  'EISDIR',
  'EMFILE',
  'ENFILE',
]);

/** Such an error while writing becomes bad input naming OUT and the error code (nothing was replaced). */
function translateFsError(e: unknown, out: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (e instanceof InputError || code === undefined || !OUTPUT_FS_ERRORS.has(code)) return e;
  return new InputError(messages.outputNotReplaced(out, code));
}

/** Roughly what a write needs, from what it had written when the disk filled (at least 1 MB). */
function neededMb(writtenBytes: number): number {
  return Math.max(1, Math.ceil((writtenBytes * 2) / 1e6));
}

/** Free bytes on the file system of `dir` (undefined when unknown). */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

/** For `generate`: a folder of input files only (what generate writes) may be replaced with --force. */
export const isInputFolder: Recognise = (dir) =>
  readdirSync(dir, { withFileTypes: true }).every((d) => d.isFile() && /\.(csv|parquet|sav|zsav)$/i.test(d.name));

/** Reserve, write, release: for commands that do all their work inside the write (generate). */
export async function withOutputFolder<T>(
  out: string,
  force: boolean,
  write: (staging: string) => Promise<T>,
  isOurs: Recognise = isRunOutput,
): Promise<T> {
  const slot = reserveOutput(out, force, [], isOurs);
  try {
    return await slot.commit(write);
  } finally {
    slot.release();
  }
}

/** Write relative path → content under `dir` (folders made as needed). */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, ...rel.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/**
 * Files into a folder of the user's that may hold other files (the comparison of `compare`): each written under a
 * temporary name and renamed over the old one, so a reader sees the old file or the new one, never half of one.
 */
export async function replaceFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const tmp = join(dir, `.${name}.tmp-${process.pid}`);
    await writeFile(tmp, content);
    renameSync(tmp, join(dir, name));
  }
}
