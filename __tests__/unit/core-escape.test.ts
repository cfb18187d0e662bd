import { Parser } from 'commonmark';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeLogLine, escapeTerminal, hasControls, jsonForTerminal, quote, replaceControls } from '../../src/core/escape.js';
import { alert, details, fence, inlineText, plainText } from '../../src/report/markdown.js';
import { foreignMarkup } from '../helpers/markdown-safety.js';

/** The code spans CommonMark finds in `markdown`, in order. */
function codeSpans(markdown: string): string[] {
  const spans: string[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let event = walker.next(); event; event = walker.next())
    if (event.entering && event.node.type === 'code') spans.push(event.node.literal ?? '');
  return spans;
}

/** Any text, weighted towards the characters that make markup, commands and escape sequences. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('`', '<', '>', '@', '&', '*', '_', '[', ']', '(', ')', '!', '#', '-', '\\', ':', '\n', '\r', '\u001b', '\u2028', ' '),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('replaceControls', () => {
  it.each([
    ['a\nb', 'a⏎b'],
    ['a\r\nb', 'a⏎b'],
    ['a\rb\u2028c', 'a⏎b⏎c'],
    ['tab\there', 'tab␉here'],
    ['\u001b[2K', '␛[2K'],
    ['del\u007f', 'del␡'],
    ['csi\u009b2J', 'csi\ufffd2J'],
    ['rtl\u202eevil', 'rtl\ufffdevil'],
    ['plain café ✓', 'plain café ✓'],
  ])('shows %j as %j', (text, shown) => {
    expect(replaceControls(text)).toBe(shown);
    expect(hasControls(text)).toBe(text !== shown);
  });
});

describe('quote', () => {
  it.each([
    ['ci-deployer', '`ci-deployer`'],
    ['a`b', '`` a`b ``'],
    ['``x``', '``` ``x`` ```'],
    [' padded', '`  padded `'],
    ['padded ', '` padded  `'],
    ['   ', '`   `'],
    ['two\nlines', '`two⏎lines`'],
  ])('quotes %j as %j', (value, quoted) => {
    expect(quote(value)).toBe(quoted);
  });

  it('gives back exactly the value (controls made visible) as one code span, whatever the value holds', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        fc.pre(value !== '');
        const spans = codeSpans(inlineText(`Client ${quote(value)} differs.`));
        expect(spans).toEqual([replaceControls(value)]);
      }),
    );
  });
});

describe('inlineText', () => {
  it.each([
    ['Unknown key `scopse`.', 'Unknown key `scopse`.'],
    ['<img src=x> and @acme/team', '&lt;img src=x&gt; and @\u200bacme/team'],
    ['![beacon](https://x/b.png)', '!\\[beacon\\](https://x/b.png)'],
    ['# heading', '\\# heading'],
    ['1. item', '1\\. item'],
    ['a stray ` backtick', 'a stray \\` backtick'],
    ['ends\nhere', 'ends⏎here'],
  ])('renders %j as %j', (message, markdown) => {
    expect(inlineText(message)).toBe(markdown);
  });

  it('never lets any message make HTML, an image, a link or a mention', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, value) => {
        for (const message of [text, `${text} ${quote(value)} ${text}`, `${value}\`${text}`]) {
          expect(foreignMarkup(`- ${inlineText(message)}`)).toEqual([]);
          expect(foreignMarkup(`> ${inlineText(message)}`)).toEqual([]);
        }
      }),
    );
  });
});

describe('escapeLogLine', () => {
  it.each([
    ['name\n::stop-commands::pwned', 'name⏎::stop-commands::pwned'],
    ['::error file=README.md::merge now', ': :error file=README.md::merge now'],
    ['  ::warning::x', '  : :warning::x'],
    ['Created `a ##[add-mask]b`.', 'Created `a ## [add-mask]b`.'],
  ])('logs %j as %j', (text, line) => {
    expect(escapeLogLine(text)).toBe(line);
  });

  it('never leaves a line the runner would read as a command', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const line = escapeLogLine(text);
        expect(line).not.toMatch(/[\r\n]/);
        expect(line.trimStart().startsWith('::')).toBe(false);
        expect(line).not.toContain('##[');
      }),
    );
  });
});

describe('escapeTerminal', () => {
  it('leaves no control character, so nothing can move the cursor or write the clipboard', () => {
    expect(escapeTerminal('x\r\u001b[2K\u001b]52;c;cHduZWQ=\u0007')).toBe('x⏎␛[2K␛]52;c;cHduZWQ=␇');
  });
});

describe('jsonForTerminal', () => {
  it('writes the controls JSON.stringify leaves raw as escapes, and parses back to the same value', () => {
    const value = { name: 'a\u009b2J\u202eb\u2028c\u007f\\\u0085', n: 1 };
    const text = jsonForTerminal(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(text).toContain('a\\u009b2J\\u202eb\\u2028c\\u007f\\\\\\u0085');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('clip', () => {
  it('keeps text of the limit whole and cuts longer text to the limit, ellipsis included', () => {
    expect(clip('abcde', 5)).toBe('abcde');
    expect(clip('abcdef', 5)).toBe('abcd…');
  });

  it('counts an emoji as one character and never cuts one in half', () => {
    expect(clip('😀😀😀', 3)).toBe('😀😀😀');
    expect(clip('ab😀😀', 3)).toBe('ab…');
    expect(clip('a😀😀😀', 3)).toBe('a😀…');
  });
});

describe('inlineText around code spans', () => {
  it.each([
    ['  leading spaces go, trailing stay  ', 'leading spaces go, trailing stay  '],
    ['# `x` is a heading only at the start', '\\# `x` is a heading only at the start'],
    ['`x`-y, `z` # not a heading', '`x`-y, `z` # not a heading'],
    ['`x`-y', '`x`-y'],
    ['12. is no list', '12\\. is no list'],
    ['fish & chips', 'fish &amp; chips'],
    ['ping @42', 'ping @\u200b42'],
    ['k ` a ` v', 'k `a` v'],
    ['k ` a` v', 'k `  a ` v'],
    ['k `a ` v', 'k ` a  ` v'],
    ['k `   ` v', 'k `   ` v'],
    ['k ` ` v', 'k ` ` v'],
  ])('renders %j as %j', (message, markdown) => {
    expect(inlineText(message)).toBe(markdown);
  });
});

describe('Markdown pieces', () => {
  it('fences lines with one backtick more than their longest run, and never fewer than three', () => {
    expect(fence('text', ['a ````` b', '`'])).toBe('``````text\na ````` b\n`\n``````');
    expect(fence('diff', ['+ x'])).toBe('```diff\n+ x\n```');
  });

  it('escapes a plain value as if it started a line', () => {
    expect(plainText('# not a heading @me')).toBe('\\# not a heading @\u200bme');
  });

  it('writes an empty line of an alert as a bare quote marker', () => {
    expect(alert('NOTE', ['a', '', 'b'])).toBe('> [!NOTE]\n> a\n>\n> b');
  });

  it('opens a collapsed section only when asked', () => {
    expect(details('<b>s</b>', 'body', true)).toBe('<details open><summary><b>s</b></summary>\n\nbody\n\n</details>');
    expect(details('s', 'body')).toBe('<details><summary>s</summary>\n\nbody\n\n</details>');
  });
});
