import { describe, expect, it } from 'vitest';
import { findMarker, MARKER_CLIENTS_LIMIT, parseMarker, renderMarker, withMarker } from '../../src/report/marker.js';
import type { MarkerData } from '../../src/report/marker.js';

const plan: MarkerData = {
  tool: 'genesys-oauth-sync',
  version: 1,
  kind: 'plan',
  label: 'prod',
  hash: 'abc123',
  clients: { web: 'create:0123456789ab' },
  status: 'planned',
};

describe('renderMarker / parseMarker', () => {
  it('renders a hidden HTML comment with compact JSON that parses back to the same data', () => {
    const marker = renderMarker(plan);
    expect(marker).toBe(
      '<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":1,"kind":"plan","label":"prod",' +
        '"hash":"abc123","clients":{"web":"create:0123456789ab"},"status":"planned"} -->',
    );
    expect(parseMarker(marker)).toEqual(plan);
  });

  it("finds the marker among other text and after other tools' markers", () => {
    const body = ['<!-- dflook/terraform-github-actions {"label":"prod"} -->', 'Some text', renderMarker(plan), '### Plan', 'more'].join(
      '\n',
    );
    expect(parseMarker(body)).toEqual(plan);
  });

  it.each([
    ['an empty body', ''],
    ['plain text', 'LGTM, ship it'],
    ['broken JSON', '<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync",' + ' -->'],
    ['another tool', '<!-- genesys-oauth-sync-fork {"tool":"genesys-oauth-sync","version":1,"kind":"plan","label":"prod"} -->'],
    ['a wrong version', '<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":2,"kind":"plan","label":"prod"} -->'],
    ['an unknown kind', '<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":1,"kind":"apply","label":"prod"} -->'],
    ['a label that is not a string', '<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":1,"kind":"plan","label":7} -->'],
    ['a JSON array', '<!-- genesys-oauth-sync [1,2] -->'],
    ['a quoted reply', '> <!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":1,"kind":"plan","label":"prod"} -->'],
  ])('finds no marker in %s', (_name, body) => {
    expect(parseMarker(body)).toBeUndefined();
  });

  it('skips a garbled marker and takes the next valid one', () => {
    const body = `<!-- genesys-oauth-sync {nope} -->\n${renderMarker(plan)}`;
    expect(parseMarker(body)?.label).toBe('prod');
  });

  it('drops digests that are not strings rather than trusting them', () => {
    const body = '<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":1,"kind":"plan","label":"prod","clients":{"a":1}} -->';
    expect(parseMarker(body)).toEqual({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod' });
  });

  it('escapes a label that tries to close the HTML comment, and still round-trips it', () => {
    const sneaky: MarkerData = { ...plan, label: 'x --> <b>pwned</b> <!--' };
    const marker = renderMarker(sneaky);
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker).not.toContain('<b>');
    expect(parseMarker(marker)?.label).toBe(sneaky.label);
  });

  it('leaves the per-client digests out when they would make the marker bigger than 16 KB', () => {
    const clients = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`client-${i}`, `update:${'a'.repeat(12)}`]));
    expect(JSON.stringify(clients).length).toBeGreaterThan(MARKER_CLIENTS_LIMIT);
    const parsed = parseMarker(renderMarker({ ...plan, clients }));
    expect(parsed?.clients).toBeUndefined();
    expect(parsed?.hash).toBe('abc123');
  });
});

describe('renderMarker / parseMarker: every field', () => {
  const full: MarkerData = { ...plan, status: 'applying', creates: ['web', 'api'], sig: 'a'.repeat(64) };

  it('round-trips the creates list and a signature given without a signer', () => {
    expect(parseMarker(renderMarker(full))).toEqual(full);
  });

  it('hands the signer exactly the fields it renders, no field that was not given', () => {
    const signed: object[] = [];
    const sign = (fields: MarkerData) => {
      signed.push({ ...fields });
      return 'b'.repeat(64);
    };
    renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'drift', label: 'prod' }, sign);
    expect(Object.keys(signed[0] ?? {})).toEqual(['tool', 'version', 'kind', 'label']);
    renderMarker(full, sign);
    expect(Object.keys(signed[1] ?? {})).toEqual(['tool', 'version', 'kind', 'label', 'hash', 'clients', 'status', 'creates']);
  });

  it('keeps per-client digests of exactly the size limit, and leaves out one character more', () => {
    const sized = (length: number) => ({ web: `create:${'a'.repeat(length - '{"web":"create:"}'.length)}` });
    expect(JSON.stringify(sized(MARKER_CLIENTS_LIMIT)).length).toBe(MARKER_CLIENTS_LIMIT);
    expect(parseMarker(renderMarker({ ...plan, clients: sized(MARKER_CLIENTS_LIMIT) }))?.clients).toEqual(sized(MARKER_CLIENTS_LIMIT));
    expect(parseMarker(renderMarker({ ...plan, clients: sized(MARKER_CLIENTS_LIMIT + 1) }))?.clients).toBeUndefined();
  });

  const ours = (extra: string) =>
    `<!-- genesys-oauth-sync {"tool":"genesys-oauth-sync","version":1,"kind":"plan","label":"prod"${extra}} -->`;

  it('finds no marker in one that names another tool inside our prefix', () => {
    expect(parseMarker('<!-- genesys-oauth-sync {"tool":"other-tool","version":1,"kind":"plan","label":"prod"} -->')).toBeUndefined();
    expect(parseMarker(ours(''))).toEqual({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod' });
  });

  it.each([
    ['a hash that is a number', ',"hash":7'],
    ['a status that is an object', ',"status":{"applied":true}'],
    ['a signature that is an array', ',"sig":["aa"]'],
    ['digests of which one is not a string', ',"clients":{"a":"create:1","b":2}'],
    ['creates that is not a list', ',"creates":"web"'],
    ['creates that is an object', ',"creates":{"0":"web"}'],
    ['creates with a name that is not a string', ',"creates":["web",7]'],
    ['creates of numbers only', ',"creates":[1,2]'],
  ])('drops %s and keeps the rest of the marker', (_what, extra) => {
    expect(parseMarker(ours(extra))).toEqual({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod' });
  });
});

describe('findMarker', () => {
  const body = `${renderMarker(plan)}\n### Plan`;

  it.each([
    ['plan', 'prod', true],
    ['plan', 'staging', false],
    ['drift', 'prod', false],
  ] as const)('kind %s and label %s match: %s', (kind, label, expected) => {
    expect(findMarker(body, kind, label) !== undefined).toBe(expected);
  });

  it('never matches a body without our marker', () => {
    expect(findMarker('just a comment', 'plan', 'prod')).toBeUndefined();
  });
});

describe('withMarker', () => {
  it('puts a marker of the kind and label in front of a body that has none of its own', () => {
    const marked = withMarker('### Drift', 'drift', 'prod');
    expect(findMarker(marked, 'drift', 'prod')).toMatchObject({ kind: 'drift', label: 'prod' });
    expect(marked.endsWith('\n### Drift')).toBe(true);
  });

  it('leaves a body that already carries its marker as it is', () => {
    const body = `${renderMarker(plan)}\n### Plan`;
    expect(withMarker(body, 'plan', 'prod')).toBe(body);
    expect(withMarker(body, 'plan', 'staging')).not.toBe(body);
  });
});
