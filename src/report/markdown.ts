// Small Markdown pieces that keep user data (names, URIs, descriptions) from breaking the report's structure.
import { quote, replaceControls } from '../core/escape.js';

/** For text inside HTML tags such as `<summary>`, where Markdown is not rendered. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An inline code span that nothing in `text` can close: the one quoting function, shared with messages. */
export { quote as code } from '../core/escape.js';

/** `<code>…</code>` for use inside HTML. */
export function htmlCode(text: string): string {
  return `<code>${escapeHtml(replaceControls(text))}</code>`;
}

/** A fenced block whose fence is longer than any backtick run in its lines. */
export function fence(language: string, lines: readonly string[]): string {
  const body = lines.join('\n');
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}/g)].map((run) => run[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${body}\n${ticks}`;
}

/**
 * A message (our words, with values quoted by `quote`) as one line of inline Markdown. Its code spans are rebuilt
 * with `quote`, so none can be closed early; everything else is literal text: no HTML, link, image, emphasis or
 * live @mention. Safe whatever the message holds, since a stray backtick only ever becomes a literal one.
 */
export function inlineText(message: string): string {
  const text = replaceControls(message).trimStart();
  let markdown = '';
  let plain = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '`') {
      plain += text[i];
      i++;
      continue;
    }
    let end = i;
    while (text[end] === '`') end++;
    const run = end - i;
    const close = findClosingRun(text, end, run);
    if (close < 0) {
      // No later run of this length closes it, as CommonMark reads it: the backticks are text.
      plain += text.slice(i, end);
      i = end;
      continue;
    }
    markdown += escapeText(plain, markdown === '');
    plain = '';
    markdown += quote(spanContent(text.slice(end, close)));
    i = close + run;
  }
  return markdown + escapeText(plain, markdown === '');
}

/** A value as literal Markdown text (a user's name, say): no markup, no HTML, no live @mention. */
export function plainText(value: string): string {
  return escapeText(replaceControls(value), true);
}

function findClosingRun(text: string, from: number, length: number): number {
  for (let i = text.indexOf('`', from); i >= 0; ) {
    let end = i;
    while (text[end] === '`') end++;
    if (end - i === length) return i;
    i = text.indexOf('`', end);
  }
  return -1;
}

// CommonMark drops one space on each side of a code span's content when both are there (and it is not all spaces).
function spanContent(raw: string): string {
  return raw.length >= 2 && raw.startsWith(' ') && raw.endsWith(' ') && raw.trim() !== '' ? raw.slice(1, -1) : raw;
}

// Backslash-escapes what could start markup, writes `<`, `>` and `&` as entities, and breaks `@name` with a zero-width
// space, because GitHub links mentions in rendered text whatever escaping the Markdown used.
function escapeText(text: string, atLineStart: boolean): string {
  const escaped = text
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[\p{L}\p{N}_-])/gu, '@\u200b');
  // At the start of a line, `#`, `-`, `+`, `=` and `1.` would make a heading, a list or a rule.
  return atLineStart ? escaped.replace(/^(?:[#+=-]|\d+(?=[.)]))/, (start) => (/^\d/.test(start) ? `${start}\\` : `\\${start}`)) : escaped;
}

/** A GitHub alert block (`> [!WARNING]`) with one line per entry. */
export function alert(type: 'NOTE' | 'TIP' | 'WARNING' | 'CAUTION', lines: readonly string[]): string {
  return [`> [!${type}]`, ...lines.map((line) => (line === '' ? '>' : `> ${line}`))].join('\n');
}

/** A collapsed section; the blank lines let GitHub render the Markdown inside. */
export function details(summaryHtml: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}

/**
 * A URL as the target of a Markdown link `[text](url)`: a parenthesis or a space would end the target early, so they
 * are percent-encoded (encodeURIComponent leaves parentheses alone).
 */
export function linkTarget(url: string): string {
  return url.replace(/[()\s]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

/** `n thing` or `n things`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `a holds no secret`, `a, b hold no secret`: the channels (already named for their sink) that need a reset. */
export function holdNoSecret(channels: readonly string[], separator = ', '): string {
  return `${channels.join(separator)} ${channels.length === 1 ? 'holds' : 'hold'} no secret`;
}

/** `text` on one line, every control character made visible. */
export { replaceControls as oneLine } from '../core/escape.js';
