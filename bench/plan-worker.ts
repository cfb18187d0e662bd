// One plan in a process of its own, so its peak RSS is the planner's and not the emulator's. Runs the real `plan`
// mode (definitions → Genesys → normalise, match, diff) and renders the comment and the summary, then prints JSON.
import { performance } from 'node:perf_hooks';
import { countPlan } from '../src/core/plan.js';
import type { GenesysConnection } from '../src/genesys/contract.js';
import { connectGenesys } from '../src/genesys/connect.js';
import { planAgainstOrg } from '../src/modes/pipeline.js';
import { COMMENT_LIMIT, SUMMARY_LIMIT } from '../src/report/budget.js';
import { renderReport } from '../src/report/render.js';
import { DEFINITIONS_PATH, QUIET } from './org.js';

export interface PlanWorkerResult {
  wallMs: number;
  /** Reading and validating the definition files. */
  definitionsMs: number;
  /** Waiting on Genesys: login and the org read. */
  genesysMs: number;
  /** Normalise, match, diff and hash. */
  planMs: number;
  /** The comment and the job summary. */
  renderMs: number;
  counts: ReturnType<typeof countPlan>;
  commentChars: number;
  summaryBytes: number;
  /** process.resourceUsage().maxRSS, in MiB. */
  peakRssMiB: number;
}

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`plan-worker needs ${name}.`);
  return value;
};

let genesysMs = 0;
let definitionsMs = 0;
let readDoneAt = 0;
const timed = async <T>(work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    readDoneAt = performance.now();
    genesysMs += readDoneAt - started;
  }
};

const started = performance.now();
const { report } = await planAgainstOrg(
  {
    settings: {
      path: DEFINITIONS_PATH,
      workspace: required('BENCH_WORKSPACE'),
      label: 'bench',
      prune: false,
      ignore: [],
      autoApprove: false,
      failOnDrift: false,
    },
    env: {},
    reporter: QUIET,
    onSecret: () => {},
    openGenesys: async (): Promise<GenesysConnection> => {
      // planAgainstOrg connects right after the definitions are read and valid.
      definitionsMs = performance.now() - started;
      const org = await timed(() =>
        connectGenesys({
          clientId: required('BENCH_CLIENT_ID'),
          clientSecret: required('BENCH_CLIENT_SECRET'),
          apiUrl: required('BENCH_API_URL'),
          onSecret: () => {},
        }),
      );
      return { ...org, readOrg: () => timed(() => org.readOrg()) };
    },
  },
  'plan',
);
if (!report.plan || report.failure) throw new Error(`The bench plan failed: ${report.failure?.message ?? 'no plan'}`);
const planMs = performance.now() - readDoneAt;
const renderStarted = performance.now();
const comment = renderReport(report, { limit: COMMENT_LIMIT, secrets: [] });
const summary = renderReport(report, { limit: SUMMARY_LIMIT, secrets: [] });
const renderMs = performance.now() - renderStarted;
const wallMs = performance.now() - started;

const result: PlanWorkerResult = {
  wallMs,
  definitionsMs,
  genesysMs,
  planMs,
  renderMs,
  counts: countPlan(report.plan),
  commentChars: comment.length,
  summaryBytes: Buffer.byteLength(summary),
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
