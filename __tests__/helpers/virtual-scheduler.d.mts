// Types of virtual-scheduler.mjs for the TypeScript tests.
export interface VirtualScheduler {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function createVirtualScheduler(options?: { start?: number; advance?: (ms: number) => void | Promise<void> }): VirtualScheduler;
