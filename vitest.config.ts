import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    globalSetup: ['__tests__/helpers/global-temp.ts'],
    setupFiles: ['__tests__/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most of an end-to-end test is waiting for a spawned `dist/` process, so twice as many workers as cores keeps
    // the cores busy (Vitest's default is one less than the cores: a single worker on a two-core machine).
    maxWorkers: availableParallelism() * 2,
    // A worker keeps the modules it imported for the next file instead of importing the SDK and the emulator again:
    // a third of the suite's time. setup.ts gives each file a fresh HOME; a test that changes other process-wide
    // state (env, spies) restores it afterwards.
    isolate: false,
    // The SDK reads ~/.genesyscloudjavascript/config; tests point HOME at an empty folder.
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
    // @actions/workflow-parser imports its schema JSON without an import attribute, which only a bundler accepts.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
