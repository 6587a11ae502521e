/**
 * A message's text cut into plain parts and web addresses (http:// or https://), so that a pasted link opens. Only
 * these two schemes: a `javascript:` or `data:` text stays text. A closing bracket or punctuation that ends a
 * sentence (。、」）.,) is not part of the address.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'url'; text: string };

const urlPattern = /https?:\/\/[^\s<>"'「」（）()、。]+/g;
const trailing = /[.,;:!?）)\]]+$/;

export function linkedParts(body: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of body.matchAll(urlPattern)) {
    const start = match.index;
    const url = match[0].replace(trailing, '');
    if (url.length <= 'https://'.length) continue;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'url', text: url });
    last = start + url.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}
