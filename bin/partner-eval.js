#!/usr/bin/env node
// Starts the bundled CLI (dist/cli.cjs). Startup is most of what a person waits for on `assess`,
// and most of startup is V8 compiling the bundle, so its compiled code is kept between runs:
// Node's own compile cache where it has one (22.1+), else a V8 code cache. V8 rejects a stale
// cache and it is rewritten; it does not reject a crafted one, which runs as code. So a cache is
// kept only in a directory nobody else can write (see trusted below), or not at all.
// CommonJS (bin/package.json) because the ES module loader alone costs a few milliseconds.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'cli.cjs');

if (!fs.existsSync(bundle)) {
  process.stderr.write('partner-eval: not built yet (dist/cli.cjs is missing); run `npm run build` in the package folder\n');
  process.exit(2);
}

if (process.argv.includes('--debug')) {
  // --debug prints an internal error's stack trace; through dist/cli.cjs.map it names src/ files
  // and lines instead of the minified bundle's. Node reads a map when it compiles the module, so
  // this comes before require, and bypasses the V8 code cache (a vm script gets no map). Only
  // here: other runs never read the map.
  process.setSourceMapsEnabled(true);
  require(bundle);
} else {
  runCached();
}

/**
 * Whether compiled code in `dir` can be trusted, creating it owner-only when asked and missing.
 * Trusted: a real directory (not a link), not writable by group or others, owned by us or by the
 * owner of the bundle (who decides what runs anyway: an install by root, a CI image). Anything
 * else is left alone, never repaired: /tmp/partner-eval-<uid> made by another local user is theirs.
 * Without user ids (Windows) there is nothing to check, and the temp folder is the user's own.
 */
function trusted(dir, create) {
  if (create) {
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
    } catch {
      // There already, or a read-only install: lstat says which.
    }
  }
  let stat;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return false;
  }
  if (!stat.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  const owner = stat.uid === process.getuid() || stat.uid === fs.statSync(bundle).uid;
  return owner && (stat.mode & 0o022) === 0;
}

function runCached() {
  // Next to the bundle, where an install its user owns can write; else the temp folder, in a
  // directory of this user's own.
  const places = [path.join(dist, '.cache'), path.join(os.tmpdir(), `partner-eval-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`)];
  if (typeof Module.enableCompileCache === 'function') {
    // Never without a directory: Node's default is one folder in the temp folder for every user.
    for (const dir of places) {
      if (trusted(dir, true) && Module.enableCompileCache(dir).status !== Module.constants.compileCacheStatus.FAILED) break;
    }
    require(bundle);
    return;
  }
  const vm = require('node:vm');
  // One cache per command: V8 caches the functions a run compiled, and `assess` compiles others
  // than `--version` does, so a cache written by one command would leave the other cold.
  const command = /^[a-z-]+$/.test(process.argv[2] || '') ? process.argv[2] : 'other';
  const key = `${process.version}-${process.arch}-${command}.v8cache`;
  let cachedData;
  for (const dir of places) {
    if (!trusted(dir, false)) continue;
    try {
      cachedData = fs.readFileSync(path.join(dir, key));
      break;
    } catch {
      // No cache there yet.
    }
  }
  // A real import() inside the bundle goes to Node's own loader, as it would without vm.
  const importModuleDynamically = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData, importModuleDynamically });
  const module = { exports: {}, filename: bundle, id: bundle };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dist);
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the cache also holds the functions this command compiled.
    process.once('beforeExit', () => {
      const data = script.createCachedData();
      for (const dir of places) {
        if (!trusted(dir, true)) continue;
        const file = path.join(dir, key);
        const temporary = `${file}.${process.pid}.tmp`;
        try {
          fs.writeFileSync(temporary, data, { mode: 0o600 });
          fs.renameSync(temporary, file);
          return;
        } catch {
          // Read-only install or a full disk: try the next place. Without a cache it is only slower.
          fs.rmSync(temporary, { force: true });
        }
      }
    });
  }
}
