// One jest run, five projects. `npm test` builds the H5 and weapp outputs first (weapp and e2e need them).
const nodeTransform = {
  '^.+\\.(c|m)?[jt]sx?$': [
    'babel-jest',
    {
      babelrc: false,
      configFile: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    },
  ],
}

const ESM_PACKAGES = [
  '@tarojs',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
]

// Node 20 can require() these ESM-only packages and PGlite imports its parts dynamically; jest's module
// runtime handles neither, so babel converts them to CommonJS.
const NODE_ESM_PACKAGES = ['cookie', 'content-disposition', '@electric-sql']

const nodeProject = (name, testMatch, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch,
  transform: nodeTransform,
  transformIgnorePatterns: [`node_modules/(?!(${NODE_ESM_PACKAGES.join('|')})/)`],
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/timeouts.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  ...extra,
})

module.exports = {
  projects: [
    nodeProject('domain', ['<rootDir>/__tests__/domain/**/*.test.ts']),
    // One migrated and seeded template per run (PGlite dump or PostgreSQL template database); suites copy it.
    nodeProject('server', ['<rootDir>/__tests__/server/**/*.test.ts'], {
      globalSetup: '<rootDir>/__tests__/server/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/server/global-teardown.ts',
    }),
    nodeProject('scripts', ['<rootDir>/__tests__/scripts/**/*.test.ts']),
    {
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/app/**/*.test.{ts,tsx}'],
      transform: { '^.+\\.m?[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }] },
      // Everything under @tarojs is compiled, including the ESM copies nested in its own node_modules (tslib, style-inject).
      transformIgnorePatterns: [`^(?!.*/node_modules/@tarojs/).*/node_modules/(?!(.*/)?(${[...ESM_PACKAGES, 'nanoid'].join('|')})/)`],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react/index',
        '^@tarojs/taro$': '<rootDir>/__tests__/app/support/taro.ts',
        // Styles first: `@/pages/…/x.scss` is a style too.
        '\\.(css|scss|sass|less)$': '<rootDir>/__tests__/app/support/style-stub.js',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      setupFiles: ['<rootDir>/__tests__/app/support/env.js'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/timeouts.ts', '<rootDir>/__tests__/app/support/setup.ts'],
    },
    nodeProject('weapp', ['<rootDir>/__tests__/weapp/**/*.test.ts']),
    nodeProject('e2e', ['<rootDir>/e2e/**/*.test.ts']),
  ],
}
