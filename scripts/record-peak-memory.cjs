// Preloaded by scripts/bench.mjs: writes the process's peak resident memory (KB) when it exits.
'use strict';
const file = process.env.PARTNER_EVAL_PEAK_MEMORY_FILE;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
