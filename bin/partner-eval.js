#!/usr/bin/env node
// Starts the bundled CLI (dist/cli.cjs). Startup is most of what a person waits for on `assess`,
// and most of startup is V8 compiling the bundle, so its compiled code is kept between runs:
// Node's own compile cache where it has one (22.1+), else a V8 code cache next to the bundle (or
// in the temp folder when that is read-only). V8 rejects a stale or foreign cache; it is rewritten.
// CommonJS (bin/package.json) because the ES module loader alone costs a few milliseconds.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'cli.cjs');

if (!fs.existsSync(bundle)) {
  process.stderr.write('partner-eval: not built yet (dist/cli.cjs is missing); run `npm run build` in the package folder\n');
  process.exit(2);
}

if (typeof Module.enableCompileCache === 'function') {
  Module.enableCompileCache();
  require(bundle);
} else {
  const vm = require('node:vm');
  // One cache per command: V8 caches the functions a run compiled, and `assess` compiles others
  // than `--version` does, so a cache written by one command would leave the other cold.
  const command = /^[a-z-]+$/.test(process.argv[2] || '') ? process.argv[2] : 'other';
  const key = `${process.version}-${process.arch}-${command}.v8cache`;
  const candidates = [path.join(dist, '.cache', key), path.join(require('node:os').tmpdir(), `partner-eval-${process.getuid ? process.getuid() : 'user'}`, key)];
  let cachedData;
  for (const file of candidates) {
    try {
      cachedData = fs.readFileSync(file);
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
      for (const file of candidates) {
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const temporary = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(temporary, data);
          fs.renameSync(temporary, file);
          return;
        } catch {
          // Read-only install: try the next place. Without a cache it is only slower.
        }
      }
    });
  }
}
