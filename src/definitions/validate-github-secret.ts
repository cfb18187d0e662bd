// `github_secret` and `secret_rotation_days`: where a secret lasts beyond the run, and how old it may get (SPEC §10).
import { isMap, type Node } from 'yaml';
import type { GitHubSecretTarget } from '../core/types.js';
import { suggestClosest } from '../core/suggest.js';
import { GITHUB_SECRET_KEYS } from './definition-keys.js';
import { addProblem, describeNode, entriesOf, isEmptyValue, shorten, type FileContext } from './yaml-nodes.js';
import { parseNonEmptyText } from './attribute-rules.js';

/** GitHub's rule for secret and variable names: letters, digits and `_`, not starting with a digit or `GITHUB_`. */
const ACTIONS_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** GitHub's limit on environment names. */
const MAX_ENVIRONMENT_LENGTH = 255;
export const MAX_ROTATION_DAYS = 3_650;

/** The `github_secret` mapping; undefined (with problems) when any part of it is wrong. */
export function parseGitHubSecret(ctx: FileContext, node: Node): GitHubSecretTarget | undefined {
  if (!isMap(node)) {
    addProblem(ctx, node, `\`github_secret\` must be a mapping such as \`{ name: WEB_APP_SECRET }\`, not ${describeNode(node)}.`);
    return undefined;
  }
  const before = ctx.problems.length;
  const target: Partial<GitHubSecretTarget> = {};
  for (const entry of entriesOf(ctx, node)) {
    if (!(GITHUB_SECRET_KEYS as readonly string[]).includes(entry.key)) {
      const suggestion = suggestClosest(entry.key, GITHUB_SECRET_KEYS);
      const hint =
        suggestion === undefined
          ? `. \`github_secret\` has ${GITHUB_SECRET_KEYS.map((key) => `\`${key}\``).join(', ')}.`
          : `; did you mean \`${suggestion}\`?`;
      addProblem(ctx, entry.keyNode, `Unknown key \`${shorten(entry.key)}\` in \`github_secret\`${hint}`);
      continue;
    }
    if (entry.value === undefined) continue;
    const key = entry.key as (typeof GITHUB_SECRET_KEYS)[number];
    const label = `github_secret.${key}`;
    if (isEmptyValue(entry.value) && key !== 'name') continue;
    const text = parseNonEmptyText(ctx, entry.value, label);
    if (text === undefined) continue;
    const value = text.value.trim();
    if (key === 'name' || key === 'client_id_variable') {
      const what = key === 'name' ? 'secret' : 'variable';
      if (!ACTIONS_NAME.test(value) || /^GITHUB_/i.test(value)) {
        addProblem(
          ctx,
          entry.value,
          `\`${label}\` must be a GitHub ${what} name: letters, digits and \`_\`, not starting with ` +
            `a digit or \`GITHUB_\` (such as \`WEB_APP_CLIENT_${key === 'name' ? 'SECRET' : 'ID'}\`).`,
        );
        continue;
      }
    } else if (key === 'repository') {
      if (!REPOSITORY.test(value)) {
        addProblem(ctx, entry.value, `\`${label}\` must be \`owner/name\` of a GitHub repository, such as \`acme/web-app\`.`);
        continue;
      }
    } else if (value.length > MAX_ENVIRONMENT_LENGTH || /[\p{Cc}]/u.test(value)) {
      addProblem(ctx, entry.value, `\`${label}\` must be an environment name of at most ${MAX_ENVIRONMENT_LENGTH} characters on one line.`);
      continue;
    }
    target[key] = value;
  }
  if (target.name === undefined && ctx.problems.length === before) {
    addProblem(ctx, node, '`github_secret.name` is required: the name of the Actions secret that receives the client secret.');
  }
  return ctx.problems.length === before && target.name !== undefined ? (target as GitHubSecretTarget) : undefined;
}

/** `secret_rotation_days`: a whole number of days from 1 to 3650. */
export function parseRotationDays(ctx: FileContext, node: Node): number | undefined {
  const value = (node as { value?: unknown }).value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_ROTATION_DAYS) return value;
  addProblem(ctx, node, `\`secret_rotation_days\` must be a whole number of days from 1 to ${MAX_ROTATION_DAYS}, such as \`90\`.`);
  return undefined;
}
