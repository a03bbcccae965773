import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK, PINS, PKG, buildBundle, bundleName, checkoutCommit, mb, parseSums, sha256 } from './bundleTools.js';

/** The product version of a Windows executable, from its version resource (UTF-16 "ProductVersion" string). */
function peProductVersion(exe: Uint8Array): string | undefined {
  const buf = Buffer.from(exe.buffer, exe.byteOffset, exe.byteLength);
  const key = Buffer.from('ProductVersion\0', 'utf16le');
  const at = buf.lastIndexOf(key);
  if (at < 0) return undefined;
  let i = at + key.length;
  i += (4 - (i % 4)) % 4;
  let s = '';
  for (; i + 1 < buf.length; i += 2) {
    const c = buf.readUInt16LE(i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

const PLATFORM = 'win32-x64';
const NAME = bundleName(PLATFORM);
const pins = PINS.platforms[PLATFORM]!;

describe('the win32-x64 bundle', () => {
  const dirs: string[] = [];
  let zip: Buffer;
  let files: Record<string, Uint8Array>;
  const file = (p: string) => files[`${NAME}/${p}`];
  const text = (p: string) => Buffer.from(file(p) ?? []).toString('utf8');

  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'mg-bundle-win-'));
    dirs.push(out);
    const built = buildBundle(PLATFORM, out);
    zip = readFileSync(built.zip);
    files = unzipSync(zip);
    const unpacked = Object.values(files).reduce((a, f) => a + f.length, 0);
    process.stdout.write(`win32-x64 bundle: ${mb(zip.length)} zip, ${mb(unpacked)} unpacked, ${Object.keys(files).length} files, built in ${(built.ms / 1000).toFixed(1)} s\n`);
    expect(readFileSync(`${built.zip}.sha256`, 'utf8')).toBe(`${sha256(zip)}  ${NAME}.zip\n`);
  }, 600_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('holds one folder named after version and platform', () => {
    for (const p of Object.keys(files)) expect(p.startsWith(`${NAME}/`), p).toBe(true);
  });

  it('holds node.exe of the pinned version', () => {
    const exe = file('node/node.exe');
    expect(exe).toBeDefined();
    expect([exe![0], exe![1]]).toEqual([0x4d, 0x5a]); // "MZ": a Windows executable
    expect(peProductVersion(exe!)).toBe(PINS.node);
    expect(text('BUILD.txt')).toContain(`Node.js   v${PINS.node} (npm package ${pins.runtime.package}@${PINS.node}, ${pins.runtime.integrity})`);
    expect(file('node/node')).toBeUndefined();
  });

  it("holds the win32 DuckDB and resvg bindings and no other platform's", () => {
    expect(file('app/node_modules/@duckdb/node-bindings-win32-x64/duckdb.node')).toBeDefined();
    expect(file('app/node_modules/@duckdb/node-bindings-win32-x64/duckdb.dll')).toBeDefined();
    expect(file(`app/node_modules/${pins.bindings['@resvg/resvg-js']}/package.json`)).toBeDefined();
    const paths = Object.keys(files);
    expect(paths.filter((p) => /(linux|darwin|android|musl|arm64|ia32)/.test(p.replace(/^[^/]+\//, '')) && /node_modules\/@(duckdb|resvg)\//.test(p))).toEqual([]);
    const natives = paths.filter((p) => p.endsWith('.node'));
    expect(natives.length).toBe(2);
    for (const p of natives) expect([p, files[p]![0], files[p]![1]]).toEqual([p, 0x4d, 0x5a]);
  });

  it('holds only production dependencies, as locked', () => {
    const installed = Object.keys(files)
      .map((p) => /\/app\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(p)?.[1])
      .filter((x): x is string => x !== undefined);
    expect(installed).toContain('@duckdb/node-api');
    for (const name of installed) {
      const entry = LOCK.packages[`node_modules/${name}`];
      expect([name, entry !== undefined && entry.dev !== true]).toEqual([name, true]);
    }
    for (const dev of Object.keys(PKG.devDependencies)) expect(installed).not.toContain(dev);
    expect(Object.keys(files).some((p) => p.includes('/node_modules/.bin/'))).toBe(false);
    const appPkg = JSON.parse(text('app/package.json'));
    expect(appPkg.devDependencies).toBeUndefined();
    expect(appPkg.scripts).toBeUndefined();
    expect(appPkg.version).toBe(PKG.version);
  });

  it('holds the program and the files it reads at run time', () => {
    for (const p of ['app/bin/multigebruik.js', 'app/build/bin/cli.js', 'app/build/core/sql.js', 'app/schemas/default.config.json', 'app/model/tables.json', 'app/queries/atoms.sql', 'app/queries/synthetic/gba.sql'])
      expect(file(p), p).toBeDefined();
    expect(Object.keys(files).some((p) => p.includes('/test/') && !p.includes('/node_modules/'))).toBe(false);
    expect(JSON.parse(text('app/build-info.json'))).toEqual({ name: 'multigebruik', version: PKG.version, commit: checkoutCommit(), platform: PLATFORM, node: `v${PINS.node}` });
  });

  it('has an ASCII cmd launcher that passes arguments and exit codes through', () => {
    const cmd = file('multigebruik.cmd');
    expect(cmd).toBeDefined();
    expect([...cmd!].every((b) => b < 0x80)).toBe(true);
    const lines = Buffer.from(cmd!).toString('latin1').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).every((l) => !l.includes('\n'))).toBe(true);
    expect(lines).toContain('"%~dp0node\\node.exe" "%~dp0app\\bin\\multigebruik.js" %*');
    expect(lines).toContain('if errorlevel 1 exit /b 1');
    expect(lines.some((l) => !l.startsWith('rem') && /&&|\|\|/.test(l))).toBe(false);
  });

  it('has LEESMIJ.txt, README.txt and BUILD.txt filled in', () => {
    for (const t of ['LEESMIJ.txt', 'README.txt']) {
      const s = text(t);
      expect(s).toContain(`${NAME}.zip`);
      expect(s).toContain('multigebruik.cmd demo');
      expect(s).toContain('suppression-audit.json');
      expect(s).not.toMatch(/\{\{|\}\}/);
      expect(s).toContain('\r\n');
    }
    const build = text('BUILD.txt');
    expect(build).toContain(`multigebruik ${PKG.version}`);
    expect(build).toContain(`commit    ${checkoutCommit()}`);
    expect(build).toContain(`platform  ${PLATFORM}`);
  });

  it('lists every file in SHA256SUMS with its right hash', () => {
    const sums = parseSums(text('SHA256SUMS'));
    const inZip = Object.keys(files)
      .map((p) => p.slice(NAME.length + 1))
      .filter((p) => p !== 'SHA256SUMS');
    expect([...sums.keys()].sort()).toEqual(inZip.sort());
    for (const p of inZip) expect([p, sums.get(p)]).toEqual([p, sha256(file(p)!)]);
  });

  it('is the same zip, byte for byte, when built again from the same commit', () => {
    const out = mkdtempSync(join(tmpdir(), 'mg-bundle-win-again-'));
    dirs.push(out);
    const again = readFileSync(buildBundle(PLATFORM, out).zip);
    expect(sha256(again)).toBe(sha256(zip));
  }, 600_000);
});
