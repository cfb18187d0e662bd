// Everything that came from outside (a name, a description, an id, an error text) is data, never markup or a command.
// Messages quote such values with `quote`; each sink then has one function that makes a whole text safe for it:
// `escapeLogLine` (the runner's log), `escapeTerminal` (a person's terminal) and `renderMessage` in
// `report/markdown.ts` (comments, issues and the job summary).

// C0 and C1 controls, DEL, the Unicode line separators, and the bidirectional controls that make a terminal or a page
// show text in another order than it is stored. All but C0 are left raw by JSON.stringify (see `jsonForTerminal`).
const BEYOND_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL = new RegExp(`\\r\\n|[\\u0000-\\u001f${BEYOND_C0}]`, 'g');
const LINE_BREAK = /^(?:\r\n|[\n\r\u0085\u2028\u2029])$/;

/** `text` with each control character replaced by a visible stand-in: `⏎` for a line break, `␛` for ESC, `␉` for tab. */
export function replaceControls(text: string): string {
  return text.replace(CONTROL, (control) => {
    if (LINE_BREAK.test(control)) return '⏎';
    const code = control.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '␡' : '\ufffd';
  });
}

/** True when `text` holds a character that `replaceControls` would replace. */
export function hasControls(text: string): boolean {
  return new RegExp(CONTROL.source).test(text);
}

/**
 * A value inside a message: a one-line code span that nothing in the value can close (its backtick fence is longer
 * than any run inside). It reads as `name` in a log or a terminal and renders as code in Markdown, where neither
 * HTML nor a mention is live.
 */
export function quote(value: string): string {
  const flat = replaceControls(value);
  let longest = 0;
  for (const run of flat.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const ticks = '`'.repeat(longest + 1);
  // A space inside each fence keeps a leading or trailing backtick (or space) part of the value.
  const pad = longest > 0 || (flat.trim() !== '' && (flat.startsWith(' ') || flat.endsWith(' '))) ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/**
 * A line for the runner's log. The runner reads `::command::` at the start of a line and the legacy `##[command]`
 * anywhere in it (`::stop-commands::` would turn off masking for the rest of the job), so the text becomes one line
 * and neither form survives.
 */
export function escapeLogLine(text: string): string {
  return replaceControls(text)
    .replace(/##\[/g, '## [')
    .replace(/^(\s*)::/, '$1: :');
}

/**
 * `text` cut to at most `max` characters, the last being `…` when it was cut. Characters are code points, so an emoji
 * or other astral character is never split into half a surrogate pair.
 */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Text for a terminal: no control character, so no escape sequence can move the cursor, erase a line or set the clipboard. */
export function escapeTerminal(text: string): string {
  return replaceControls(text);
}

// What JSON.stringify leaves raw although a terminal acts on it.
const RAW_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');

/** JSON for a terminal or a pipe to one: the same value, with every control character written as a `\uXXXX` escape. */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
