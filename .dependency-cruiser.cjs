/**
 * lotcast's layer rules (see src/README.md): arrows point inward only.
 * core <- adapters <- services <- ui <- cli. `npm run lint:layers` fails on any arrow the other way.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is the domain: no node:* modules, no packages, nothing outside core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'adapters-inward',
      comment: 'Adapters implement what core defines; they never reach services, ui or cli.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(services|ui|cli)/' },
    },
    {
      name: 'services-inward',
      comment: 'Services wire core to adapters and never render or parse argv.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(ui|cli)/' },
    },
    {
      name: 'ui-not-cli',
      comment: 'UI takes props and callbacks; it does not import the command layer.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'csv-written-in-one-place',
      comment: 'Every CSV goes through adapters/csv/csv-writer.ts, which neutralises spreadsheet formulas.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/csv/csv-writer[.]ts$' },
      to: { path: 'node_modules/csv-stringify' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-test-imports-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    builtInModules: { add: [] },
  },
};
