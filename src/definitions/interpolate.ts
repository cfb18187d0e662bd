// `${VAR}` in definition values reads the step's `variables` (the CLI's `--var`), so one set of files can serve several
// orgs. Never the process environment: a definition must not be able to publish a credential the job happens to hold.
import type { Env } from '../core/types.js';

export interface Interpolated {
  value: string;
  /** True when at least one variable was substituted: such a value may be a secret and is never echoed. */
  substituted: boolean;
  /** One message per mistake, worded to follow "`label`: "; none of them contains a variable's value. */
  errors: string[];
}

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * The runner's own variables hold tokens (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, GITHUB_TOKEN), and the
 * Action's inputs and credentials are secrets: a definition that names them would publish them in the plan comment.
 */
const RESERVED_VARIABLE = /^(GITHUB_|ACTIONS_|RUNNER_|INPUT_|GENESYSCLOUD_)/i;

/** Replaces `${VAR}` with `variables.VAR` and `$${` with a literal `${`; a variable that is unset or empty is an error. */
export function interpolate(text: string, variables: Env): Interpolated {
  if (!text.includes('${')) return { value: text, substituted: false, errors: [] };
  let value = '';
  let substituted = false;
  const errors: string[] = [];
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      value += '${';
      index += 3;
      continue;
    }
    if (!text.startsWith('${', index)) {
      value += text[index];
      index += 1;
      continue;
    }
    const close = text.indexOf('}', index + 2);
    const name = text.slice(index + 2, close);
    if (close === -1 || !VARIABLE_NAME.test(name)) {
      errors.push('`${` must be followed by a variable name and `}`, as in `${APP_BASE_URL}` (write `$${` for a literal `${`).');
      // Keep the rest as written so one malformed reference is one error, not a cascade.
      value += text.slice(index);
      break;
    }
    if (RESERVED_VARIABLE.test(name)) {
      errors.push(
        `\`${name}\` is a name the runner and the Action's credentials use, so a ` +
          'definition may not read it; give the variable another name in `variables`.',
      );
      index = close + 1;
      continue;
    }
    const found = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (found === undefined || found === '') {
      errors.push(
        `the variable \`${name}\` is not set (or is empty); add a \`${name}=…\` ` +
          `line to the step's \`variables\` input (at a terminal, \`--var ${name}=…\`).`,
      );
    } else {
      value += found;
      substituted = true;
    }
    index = close + 1;
  }
  return { value, substituted, errors };
}

/** The inverse of `interpolate` for text that must come back verbatim (the `export` mode). */
export function escapeInterpolation(text: string): string {
  // A function, because in a replacement string `$$` itself means a single `$`.
  return text.replaceAll('${', () => '$${');
}
