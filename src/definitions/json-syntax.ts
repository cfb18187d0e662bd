// `.json` definition files are checked as JSON, not as YAML: a trailing comma is an error, and errors say "JSON".
// The YAML parser still reads the file afterwards (valid JSON is valid YAML) for positions of every value.

export interface JsonSyntaxError {
  /** Offset into the text of the first character that is wrong. */
  offset: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const LITERALS = ['true', 'false', 'null'];
/** Far deeper than any definition; keeps a hostile file from exhausting the stack. */
const MAX_DEPTH = 64;

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first JSON syntax error in `text` (RFC 8259), or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const fail = (message: string, offset = at): never => {
    throw new Failure(offset, message);
  };
  const skipSpace = () => {
    while (at < text.length && WHITESPACE.has(text[at] as string)) at += 1;
  };
  const describe = () => {
    const char = text[at];
    if (char === undefined) return 'the end of the file';
    if (char === '`') return 'a backtick';
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `\`${char}\``;
  };
  let depth = 0;
  const expect = (char: string, what: string) => {
    skipSpace();
    if (text[at] !== char) fail(`Expected ${what}, found ${describe()}.`);
    at += 1;
  };
  const string = () => {
    const start = at;
    at += 1;
    while (at < text.length && text[at] !== '"') {
      const code = text.charCodeAt(at);
      if (code < 0x20) fail('A string cannot hold a raw line break or control character; write it escaped (`\\n`, `\\t`).');
      if (text[at] === '\\') {
        const next = text[at + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('`\\u` must be followed by four hex digits.');
          at += 6;
          continue;
        }
        if (!ESCAPES.has(next)) fail(`\`\\${next}\` is not a JSON escape.`);
        at += 2;
        continue;
      }
      at += 1;
    }
    if (at >= text.length) fail('This string is never closed: add the closing `"`.', start);
    at += 1;
  };
  const nested = (read: () => void) => {
    depth += 1;
    if (depth > MAX_DEPTH) fail('The file nests too deeply to be read; a definition is only a few levels deep.');
    read();
    depth -= 1;
  };
  const value = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{' || char === '[' || char === '"') {
      if (char === '"') string();
      else nested(char === '{' ? object : array);
      return;
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (number) {
      at += number[0].length;
      return;
    }
    const literal = LITERALS.find((word) => text.startsWith(word, at));
    if (literal) {
      at += literal.length;
      return;
    }
    if (char === "'") fail('JSON strings use double quotes (`"`), not single quotes.');
    fail(
      `Expected a value (a string in double quotes, a number, \`true\`, \`false\`, \`null\`, an object or a list), found ${describe()}.`,
    );
  };
  /** `{…}` or `[…]`: items separated by commas up to `close`; a trailing comma is an error. */
  const sequence = (close: '}' | ']', item: () => void) => {
    at += 1;
    skipSpace();
    if (text[at] === close) {
      at += 1;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text[at] === close) {
        at += 1;
        return;
      }
      if (text[at] !== ',') fail(`Expected \`,\` or \`${close}\`, found ${describe()}.`);
      const comma = at;
      at += 1;
      skipSpace();
      if (text[at] === close) fail('A trailing comma is not allowed in JSON: remove it.', comma);
    }
  };
  const object = () =>
    sequence('}', () => {
      skipSpace();
      if (text[at] !== '"') fail(`Expected a key in double quotes, found ${describe()}.`);
      string();
      expect(':', '`:` after the key');
      value();
    });
  const array = () => sequence(']', value);
  try {
    value();
    skipSpace();
    if (at < text.length) fail(`Unexpected ${describe()} after the end of the JSON value.`);
    return undefined;
  } catch (error: unknown) {
    if (error instanceof Failure) return { offset: error.offset, message: `JSON syntax error: ${error.message}` };
    throw error;
  }
}
