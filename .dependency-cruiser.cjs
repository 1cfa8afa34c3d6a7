// One-way layers (README, "How the code is laid out"): a module may import its own layer and the
// layers below it, never one above. `npm run check` runs this, and so does CI.
//   util < format < rubric < engine < report, questionnaire < commands (and config.ts) < cli
const LAYERS = [
  ['util', '^src/util/'],
  ['format', '^src/format/'],
  ['rubric', '^src/rubric/'],
  ['engine', '^src/engine/'],
  ['report', '^src/report/'],
  ['questionnaire', '^src/questionnaire/'],
  ['commands', '^src/(commands/|config\\.ts$)'],
  ['cli', '^src/(cli|main)\\.ts$'],
];
// Report and questionnaire sit side by side: neither imports the other.
const RANK = { util: 0, format: 1, rubric: 2, engine: 3, report: 4, questionnaire: 4, commands: 5, cli: 6 };

const above = (name) => LAYERS.filter(([other]) => other !== name && RANK[other] >= RANK[name]);
const upward = LAYERS.filter(([name]) => above(name).length > 0).map(([name, path]) => ({
  name: `${name}-imports-upward`,
  comment: `src/${name} may import only its own layer and the ones below it (${LAYERS.filter(([other]) => RANK[other] < RANK[name]).map(([other]) => other).join(', ') || 'none'}).`,
  severity: 'error',
  from: { path },
  to: { path: above(name).map(([, p]) => `(${p})`).join('|') },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    // Types may refer to each other both ways (a report names its transitions, a transition its report);
    // a cycle of imports that run is an order-of-loading bug waiting to happen.
    { name: 'no-circular', comment: 'A cycle of runtime imports makes two modules one: split what both need into a lower one.', severity: 'error', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    { name: 'no-test-imports', comment: 'Shipped code never imports tests.', severity: 'error', from: { path: '^src/' }, to: { path: '^test/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
