// Renders a report with a CommonMark parser and lists everything in it that is live markup the tool did not write:
// an HTML element other than our own few, an image, a link other than the run link, or an @mention outside code.
import { Parser, type Node } from 'commonmark';

/** The HTML the renderer itself writes: collapsed sections, bold verbs, code in summaries, and the hidden marker. */
const OWN_TAGS = new Set(['details', 'summary', 'b', 'code']);
const MARKER = /^<!-- genesys-oauth-sync \{[^\n]*\} -->$/;
/** GitHub links `@name` and `@org/team` when `@` follows a non-word character or starts the text. */
const MENTION = /(?:^|[^\p{L}\p{N}_])@[\p{L}\p{N}]/u;

/** Every piece of live markup in `markdown` that did not come from the tool; empty when the report is safe. */
export function foreignMarkup(markdown: string, allowedLinks: readonly string[] = []): string[] {
  const found: string[] = [];
  const walker = new Parser().parse(markdown).walker();
  let insideHtmlCode = 0;
  for (let event = walker.next(); event; event = walker.next()) {
    const { node, entering } = event;
    if (!entering) continue;
    switch (node.type) {
      case 'image':
        found.push(`image ${node.destination}`);
        break;
      case 'link':
        if (!allowedLinks.some((prefix) => (node.destination ?? '').startsWith(prefix))) found.push(`link ${node.destination}`);
        break;
      case 'html_block':
      case 'html_inline':
        insideHtmlCode = checkHtml(node, found, insideHtmlCode);
        break;
      case 'text':
        if (insideHtmlCode === 0 && MENTION.test(node.literal ?? '')) found.push(`mention in text ${JSON.stringify(node.literal)}`);
        break;
    }
  }
  return found;
}

// Our HTML is a handful of bare tags; text between them (outside <code>) must carry no mention either.
function checkHtml(node: Node, found: string[], insideCode: number): number {
  const html = node.literal ?? '';
  if (MARKER.test(html.trim())) return insideCode;
  let depth = insideCode;
  let text = '';
  let last = 0;
  for (const tag of html.matchAll(/<(\/?)([A-Za-z][\w-]*)([^>]*)>|<!--|<\?|<!\[CDATA\[|<![A-Za-z]/g)) {
    if (depth === 0) text += html.slice(last, tag.index);
    last = (tag.index ?? 0) + tag[0].length;
    const [, closing, name, attributes] = tag;
    const own =
      name !== undefined && OWN_TAGS.has(name.toLowerCase()) && (attributes === '' || (name === 'details' && attributes === ' open'));
    if (!own) {
      found.push(`html ${tag[0]}`);
      continue;
    }
    if (name?.toLowerCase() === 'code') depth += closing ? -1 : 1;
  }
  if (depth === 0) text += html.slice(last);
  if (MENTION.test(decodeEntities(text))) found.push(`mention in html ${JSON.stringify(text)}`);
  return depth;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
