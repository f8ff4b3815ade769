/**
 * A small deterministic XML writer: elements as plain data, serialised with two-space
 * indentation, attributes in the order given, every value escaped. The same tree always
 * gives the same bytes, so an exported topology diffs cleanly and tests compare bytes.
 */
import { escapeXml } from '../escape';

export interface XmlNode {
  name: string;
  /** In document order; an undefined value leaves the attribute out. */
  attrs?: readonly (readonly [string, string | number | boolean | undefined])[];
  children?: readonly XmlNode[];
  /** Text content (escaped); an element has either text or children. */
  text?: string;
}

export function el(name: string, attrs: XmlNode['attrs'] = [], children: readonly XmlNode[] = []): XmlNode {
  return { name, attrs, children };
}

export function textEl(name: string, text: string, attrs: XmlNode['attrs'] = []): XmlNode {
  return { name, attrs, text };
}

function attrText(attrs: XmlNode['attrs']): string {
  let out = '';
  for (const [k, v] of attrs ?? [])
    if (v !== undefined) out += ` ${k}="${escapeXml(typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v))}"`;
  return out;
}

export function serialise(node: XmlNode, indent = ''): string {
  const open = `${indent}<${node.name}${attrText(node.attrs)}`;
  if (node.text !== undefined) return `${open}>${escapeXml(node.text)}</${node.name}>\n`;
  const kids = node.children ?? [];
  if (!kids.length) return `${open} />\n`;
  let out = `${open}>\n`;
  for (const c of kids) out += serialise(c, `${indent}  `);
  return `${out}${indent}</${node.name}>\n`;
}

/**
 * Text inside an XML comment: `--` is not allowed there and a trailing `-` would close it
 * early, so dashes are spaced; control characters become spaces.
 */
export function commentText(text: string): string {
  // Markup characters are plain text inside a comment; what XML forbids anywhere becomes U+FFFD.
  return String(text)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ');
}
