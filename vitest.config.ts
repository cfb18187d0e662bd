import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    globalSetup: ['__tests__/helpers/global-temp.ts'],
    setupFiles: ['__tests__/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The SDK reads ~/.genesyscloudjavascript/config; tests point HOME at an empty folder.
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
    // @actions/workflow-parser imports its schema JSON without an import attribute, which only a bundler accepts.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
