// Module boundaries, checked by `npm test` (scripts/check-boundaries.ts) before jest runs.
// See docs/architecture.md, "Module boundaries".
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-public-api',
      comment:
        'A BFF module uses another module only through its service.ts (functions) or schemas.ts (the contract), never its repository or other internals.',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/(service|schemas)[.]ts$'],
      },
    },
    {
      name: 'no-module-cycles',
      comment: 'No dependency cycle between two BFF modules (or a module and core): shared things live in server/core or src/domain.',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { circular: true, viaSomeNot: '^server/modules/$1/' },
    },
    {
      name: 'core-is-shared',
      comment: 'server/core is shared by every module and depends on none of them.',
      severity: 'error',
      from: { path: '^server/core/' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'app-imports-server-types-only',
      comment: 'The app reaches the BFF only over HTTP: it may import server types (`import type`), never server code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds pure rules shared by app and BFF: no Taro, React, services, stores, pages, components or server.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: ['(^|/)node_modules/(@tarojs|react|react-dom|zustand|axios)/', '^src/(services|stores|pages|components)/', '^server/'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'A project import (relative or path alias) the cruiser cannot resolve would hide a boundary crossing.',
      severity: 'error',
      from: { path: '^(src|server)/' },
      to: { couldNotResolve: true, path: '^([.]|@/|~/|src/|server/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
}
