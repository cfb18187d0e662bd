// `npx genesys-oauth-sync <mode>`: the Action's modes from a terminal, with the same options and environment variables.
import { escapeTerminal, jsonForTerminal, quote } from './core/escape.js';
import { parseArgs } from 'node:util';
import { COLOURS, PLAIN, renderTerminal } from './cli/terminal.js';
import { hasChanges } from './core/plan.js';
import { type Env, MODES, type Mode, type RunMode } from './core/types.js';
import type { ModeDeps, ModeOutcome, Reporter } from './modes/types.js';
import { buildModeDeps } from './modes/deps.js';
import { describeFailure } from './modes/failure.js';
import { buildOptions, DEFAULT_PATH, DEFAULT_REGION, type Options, readReadBackSeconds, readStaleAfterDays } from './modes/options.js';
import { runExport } from './modes/export.js';
import { runMode } from './modes/run.js';
import { redactSecrets } from './report/redact.js';
import { createActionsSecrets } from './github/actions-secrets.js';
import { suggestClosest } from './core/suggest.js';
import packageJson from '../package.json' with { type: 'json' };

export const EXIT = { clean: 0, changes: 1, error: 2 } as const;

const HELP = `Usage: genesys-oauth-sync <command> [options]

Commands:
  validate   check the definition files (no Genesys access)
  plan       show what would change in the org
  apply      make the org match the definitions (needs --auto-approve)
  check      report drift between the org and the definitions (and secrets due for rotation)
  rotate     reset the secrets that are due (or named by --rotate) and deliver them
  export     write definition files for the clients of a live org

Options:
  --path <dir>           definitions folder (default ${DEFAULT_PATH})
  --workspace <dir>      repository root (default: current directory)
  --region <key|domain>  Genesys region (env GENESYSCLOUD_REGION, default ${DEFAULT_REGION})
  --api-url <url>        base URL override (env GENESYSCLOUD_API_URL)
  --label <text>         report label (default: the API host or region, org id and path)
  --prune                delete live clients no definition declares
  --ignore <pattern>     name pattern never managed (repeatable, * wildcard)
  --var KEY=value        a value for \${KEY} in definitions (repeatable; never read from the environment)
  --auto-approve         apply without a reviewed plan
  --no-fail-on-drift     check exits 0 even when drift exists
  --stale-after-days <n> check lists clients with no API use for n days (default 90, 0 off)
  --read-back-seconds <n> apply waits up to n s for Genesys to show what it wrote (default 30)
  --rotate <pattern>     rotate: also rotate these clients now (repeatable, * wildcard)
  --secrets-token <t>    token that writes GitHub secrets for github_secret (env GENESYS_OAUTH_SYNC_SECRETS_TOKEN)
  --repository <o/n>     repository github_secret defaults to (env GITHUB_REPOSITORY)
  --json                 print the plan/result as JSON
  --version              print the version
  --help                 show this help

Credentials come from GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET.
Exit codes: 0 no changes, 1 changes or drift, 2 error.`;

interface CliIo {
  env: Env;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  colour: boolean;
}

function terminalReporter(io: CliIo, secrets: string[]): Reporter {
  const say = (text: string) => io.stderr(escapeTerminal(redactSecrets(text, secrets)));
  return { info: say, debug: () => {}, notice: say, warning: () => {}, error: () => {} };
}

const FLAGS = {
  path: { type: 'string' },
  workspace: { type: 'string' },
  region: { type: 'string' },
  'api-url': { type: 'string' },
  label: { type: 'string' },
  prune: { type: 'boolean', default: false },
  ignore: { type: 'string', multiple: true },
  var: { type: 'string', multiple: true },
  'auto-approve': { type: 'boolean', default: false },
  'no-fail-on-drift': { type: 'boolean', default: false },
  'stale-after-days': { type: 'string' },
  'read-back-seconds': { type: 'string' },
  rotate: { type: 'string', multiple: true },
  'secrets-token': { type: 'string' },
  repository: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const;

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, options: FLAGS });
}

/** A usage mistake in the CLI's own words: the flag, the closest real one, and where the list is. */
function describeUsageError(error: unknown, argv: readonly string[]): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known = Object.keys(FLAGS).map((flag) => `--${flag}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = argv.find((arg) => arg.startsWith('-') && !known.includes(arg.split('=')[0] ?? '') && arg !== '-h' && arg !== '-V');
    const flag = (given ?? '').split('=')[0] ?? '';
    const close = suggestClosest(flag.replace(/^-+/, ''), Object.keys(FLAGS));
    return `Unknown option \`${flag}\`${close ? `; did you mean \`--${close}\`?` : '.'} Run with --help for the options.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = known.find((name) => (error instanceof Error ? error.message : '').includes(name));
    return flag
      ? `\`${flag}\` needs a value, as in \`${flag} <value>\`. Run with --help for the options.`
      : 'An option is missing its value. Run with --help for the options.';
  }
  return `${error instanceof Error ? error.message.replace(/'/g, '`') : String(error)}. Run with --help for the options.`;
}

/** Runs one CLI command and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error: unknown) {
    // A typo in an option is a usage error (exit 2), not a crash with a stack trace and exit 1 ("changes").
    io.stderr(`error: ${escapeTerminal(describeUsageError(error, argv))}`);
    return EXIT.error;
  }
  if (parsed.values.version) {
    io.stdout(`genesys-oauth-sync ${packageJson.version}`);
    return EXIT.clean;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || command === undefined) {
    io.stdout(HELP);
    return parsed.values.help ? EXIT.clean : EXIT.error;
  }
  if (!(MODES as readonly string[]).includes(command)) {
    const close = suggestClosest(command, MODES);
    io.stderr(
      escapeTerminal(`Unknown command ${quote(command)}${close ? `; did you mean ${quote(close)}?` : '.'} Run with --help for the list.`),
    );
    return EXIT.error;
  }
  const mode = command as Mode;
  const { values } = parsed;
  let options: Options;
  try {
    options = buildOptions(
      'cli',
      {
        path: values.path,
        workspace: values.workspace,
        region: values.region,
        apiUrl: values['api-url'],
        label: values.label,
        prune: values.prune,
        ignore: values.ignore,
        variables: values.var,
        autoApprove: values['auto-approve'],
        failOnDrift: !values['no-fail-on-drift'],
        staleAfterDays: readStaleAfterDays('cli', values['stale-after-days']),
        readBackSeconds: readReadBackSeconds('cli', values['read-back-seconds']),
        rotate: values.rotate,
        secretsToken: values['secrets-token'] ?? io.env.GENESYS_OAUTH_SYNC_SECRETS_TOKEN,
      },
      io.env,
      io.cwd,
    );
  } catch (error: unknown) {
    io.stderr(escapeTerminal(`error: ${describeFailure(error, mode, []).message}`));
    return EXIT.error;
  }
  const secrets = [options.genesys.clientSecret, options.secretsToken].filter((s): s is string => Boolean(s));
  const repository = values.repository ?? io.env.GITHUB_REPOSITORY;
  const token = options.secretsToken;
  const deps = buildModeDeps(options, {
    env: io.env,
    reporter: terminalReporter(io, secrets),
    onSecret: (value) => void secrets.push(value),
    ...(repository ? { repository } : {}),
    ...(token ? { actionsSecrets: createActionsSecrets({ token, apiUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com' }) } : {}),
  });

  try {
    if (mode === 'export') {
      const result = await runExport(deps);
      io.stdout(
        values.json
          ? jsonForTerminal(result)
          : escapeTerminal(`Wrote ${result.files.length} definition file(s) and the editor schema to ${result.folder}.`),
      );
      return EXIT.clean;
    }
    const outcome = await runCommand(mode, deps);
    io.stdout(
      values.json
        ? renderJson(outcome, secrets)
        : [renderTerminal(outcome, io.colour ? COLOURS : PLAIN, secrets), ...exposedLines(outcome)].join('\n'),
    );
    return exitCodeOf(outcome);
  } catch (error: unknown) {
    const failure = describeFailure(error, mode, secrets);
    io.stderr(escapeTerminal(`error: ${failure.message}`));
    // A script reading --json gets JSON whatever happened.
    if (values.json) io.stdout(jsonForTerminal({ failure }));
    return EXIT.error;
  }
}

async function runCommand(mode: RunMode, deps: ModeDeps): Promise<ModeOutcome> {
  // The Action's refusal talks about pushes and pull requests; at a terminal the plan and the flag to pass say more.
  if (mode !== 'apply' || deps.settings.autoApprove) return runMode(mode, deps);
  const outcome = await runMode('plan', deps);
  const { failure, plan } = outcome.report;
  if (failure || !plan || !hasChanges(plan)) return outcome;
  const message =
    'Not applied: from the CLI there is no pull request whose reviewed plan apply ' +
    `could compare with. Review the plan, then ${deps.settings.applyUnreviewed}.`;
  return { ...outcome, report: { ...outcome.report, failure: { reason: 'not-reviewed', message } } };
}

// Genesys shows a new secret only once and the user asked for it (`expose_client_secret`): the terminal is its only way out.
function exposedLines(outcome: ModeOutcome): string[] {
  return Object.entries(outcome.exposedSecrets ?? {}).map(([name, s]) =>
    escapeTerminal(`Secret of ${name} (expose_client_secret; shown only now): client_id ${s.client_id} client_secret ${s.client_secret}`),
  );
}

/** Machine-readable output; secrets are redacted except the ones the user asked to see (`expose_client_secret`). */
function renderJson(outcome: ModeOutcome, secrets: readonly string[]): string {
  const { plan, problems, warnings, apply, refusal, drift, failure } = outcome.report;
  const body = JSON.parse(redactSecrets(JSON.stringify({ plan, problems, warnings, apply, refusal, drift, failure }), secrets)) as Record<
    string,
    unknown
  >;
  if (outcome.exposedSecrets && Object.keys(outcome.exposedSecrets).length > 0) body.client_secrets = outcome.exposedSecrets;
  return jsonForTerminal(body);
}

export function exitCodeOf(outcome: ModeOutcome): number {
  const { failure, kind, plan } = outcome.report;
  if (failure?.reason === 'drift-detected') return EXIT.changes;
  if (failure) return EXIT.error;
  if (kind === 'plan' && plan && hasChanges(plan)) return EXIT.changes;
  // Drift without a failure means `--no-fail-on-drift`: shown, but the exit code stays clean.
  return EXIT.clean;
}

const isMain = process.argv[1] !== undefined && /(?:^|[\\/])(?:cli\.(?:js|ts)|genesys-oauth-sync(?:\.js)?)$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(`${t}\n`),
    stderr: (t) => process.stderr.write(`${t}\n`),
    colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
