// The tool as reports name it (the JSON report's `tool`, SARIF's driver, `--version`).
export const TOOL = { name: 'partner-eval', version: '0.1.0' } as const;
