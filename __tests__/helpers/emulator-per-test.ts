// One emulator per test, closed after it whatever the test did.
import { afterEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';

/** Call at the top of a test file; the returned function starts the test's emulator. */
export function emulatorPerTest(): (options?: EmulatorOptions) => Promise<Emulator> {
  let current: Emulator | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => {
    await current?.close();
    current = await startEmulator(options);
    return current;
  };
}
