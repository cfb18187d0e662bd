import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeInterpolation, interpolate } from '../../src/definitions/interpolate.js';

describe('interpolate', () => {
  const env = { BASE: 'https://emea.example.com', ORG: 'emea', EMPTY: '' };

  it.each([
    { text: 'plain text', value: 'plain text', substituted: false },
    { text: '${BASE}/callback', value: 'https://emea.example.com/callback', substituted: true },
    { text: '${ORG}-${ORG}', value: 'emea-emea', substituted: true },
    { text: 'costs $5, not ${ORG}', value: 'costs $5, not emea', substituted: true },
    { text: '$${BASE} stays literal', value: '${BASE} stays literal', substituted: false },
    { text: '$$${ORG}', value: '$${ORG}', substituted: false },
    { text: 'ends with $', value: 'ends with $', substituted: false },
    { text: '{BASE} is not a reference', value: '{BASE} is not a reference', substituted: false },
  ])('turns `$text` into `$value`', ({ text, value, substituted }) => {
    expect(interpolate(text, env)).toEqual({ value, substituted, errors: [] });
  });

  it.each([
    {
      text: '${MISSING}/x',
      error: "the variable `MISSING` is not set (or is empty); add a `MISSING=…` line to the step's `variables` input",
    },
    { text: '${EMPTY}', error: 'the variable `EMPTY` is not set (or is empty)' },
    { text: '${bad-name}', error: '`${` must be followed by a variable name and `}`' },
    { text: 'https://${BASE', error: '`${` must be followed by a variable name and `}`' },
    { text: '${}', error: '`${` must be followed by a variable name and `}`' },
  ])('reports `$text` as a mistake', ({ text, error }) => {
    const result = interpolate(text, env);
    expect(result.errors).toEqual([expect.stringContaining(error)]);
  });

  it.each(
    [
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'GITHUB_TOKEN',
      'RUNNER_TEMP',
      'INPUT_GENESYS-CLIENT-SECRET',
      'GENESYSCLOUD_OAUTHCLIENT_SECRET',
    ].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)),
  )("refuses the runner's and the Action's own variable `%s`, so its value never reaches a plan comment", (name) => {
    const result = interpolate(`x \${${name}}`, { [name]: 'sentinel-runner-token' });
    expect(result.value).not.toContain('sentinel-runner-token');
    expect(result.errors).toEqual([expect.stringContaining('so a definition may not read it')]);
  });

  it.each([
    { text: 'a ${ORG} ${bad-name} ${ORG}', value: 'a emea ${bad-name} ${ORG}', substituted: true },
    { text: 'https://${BASE', value: 'https://${BASE', substituted: false },
    { text: 'x ${GITHUB_TOKEN} ${ORG}', value: 'x  emea', substituted: true },
  ])('keeps `$text` as far as it could read it, as `$value`', ({ text, value, substituted }) => {
    expect(interpolate(text, { ...env, GITHUB_TOKEN: 'sentinel-runner-token' })).toEqual({
      value,
      substituted,
      errors: [expect.any(String)],
    });
  });

  it('reports each missing variable of a value once', () => {
    expect(interpolate('${A}${B}', {}).errors).toHaveLength(2);
  });

  it('does not read variables inherited from the prototype', () => {
    expect(interpolate('${constructor}', {}).errors).toHaveLength(1);
  });

  it('never puts a value from the environment into an error', () => {
    const result = interpolate('${SECRET_TOKEN} ${MISSING} ${bad name}', { SECRET_TOKEN: 'sentinel-value' });
    expect(result.errors.join('\n')).not.toContain('sentinel-value');
  });

  it('gets back any text that was escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '{', '}', 'A', '_', ' ') }), fc.string(), (text, other) => {
        expect(interpolate(escapeInterpolation(text), { A: other })).toEqual({ value: text, substituted: false, errors: [] });
      }),
    );
  });
});
