// The tool's name and version, as the report, SARIF, --version and `init` state them. The version
// is package.json's, so that `npm version` is the one place a release changes it: the bundle
// inlines it at build time (esbuild reads the JSON import), and src/ under vitest reads the file.
import packageJson from '../../package.json' with { type: 'json' };

export const TOOL = { name: 'partner-eval', version: packageJson.version } as const;
