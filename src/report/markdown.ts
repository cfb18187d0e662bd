// Small Markdown pieces that keep user data (names, URIs, descriptions) from breaking the report's structure.

/** For text inside HTML tags such as `<summary>`, where Markdown is not rendered. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An inline code span that survives backticks and newlines in `text`. */
export function code(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((run) => run[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = longest > 0 || flat.startsWith(' ') || flat.endsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** `<code>…</code>` for use inside HTML. */
export function htmlCode(text: string): string {
  return `<code>${escapeHtml(oneLine(text))}</code>`;
}

/** A fenced block whose fence is longer than any backtick run in its lines. */
export function fence(language: string, lines: readonly string[]): string {
  const body = lines.join('\n');
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}/g)].map((run) => run[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${body}\n${ticks}`;
}

/**
 * Our own messages quote names in backticks; outside those spans, `<` and `>` are escaped so a value cannot open
 * an HTML tag that swallows the rest of the report.
 */
export function inlineText(text: string): string {
  return oneLine(text)
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** A GitHub alert block (`> [!WARNING]`) with one line per entry. */
export function alert(type: 'NOTE' | 'TIP' | 'WARNING' | 'CAUTION', lines: readonly string[]): string {
  return [`> [!${type}]`, ...lines.map((line) => (line === '' ? '>' : `> ${line}`))].join('\n');
}

/** A collapsed section; the blank lines let GitHub render the Markdown inside. */
export function details(summaryHtml: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}

/** `n thing` or `n things`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, '⏎');
}
