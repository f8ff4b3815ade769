/**
 * A small, safe XML reader for Topology Builder documents. Pure TS, no dependency.
 *
 * Safe by construction: a DOCTYPE is refused (so no entity can ever be declared, let
 * alone expanded, and nothing is fetched), only the five predefined entities and numeric
 * character references are understood, and size, depth, element and attribute counts
 * are capped. One forward pass over the text: linear time. Never throws: every public
 * function returns a Result.
 */
import { err, ok, type Result } from '../lib/result';
import { LIMITS } from '../model/limits';
import { num } from '../lib/text';

export interface XmlAttribute {
  /** As written, with its prefix. */
  name: string;
  local: string;
  /** Namespace URI; '' for an unprefixed attribute (attributes do not take the default namespace). */
  ns: string;
  value: string;
}

export interface XmlElement {
  /** As written, with its prefix. */
  name: string;
  local: string;
  /** Resolved namespace URI of this element ('' when none is in scope). */
  ns: string;
  attrs: XmlAttribute[];
  children: XmlElement[];
  /** Character data directly inside this element (text and CDATA), entities decoded. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

export type XmlErrorTag = 'notXml' | 'unsafeXml' | 'tooLarge';
export interface XmlError {
  tag: XmlErrorTag;
  message: string;
}

export const XML_LIMITS = {
  maxChars: LIMITS.maxXmlChars,
  /** Real documents nest about 10 deep. */
  maxDepth: 100,
  /** The largest real sample has about 1,000 elements; a 100-pool topology has about 40,000. */
  maxElements: 200_000,
  maxAttributesPerElement: 200,
  maxNameChars: 1_000,
} as const;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// ---------------------------------------------------------------- bytes → text

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Decodes a document's bytes: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and
 * UTF-16 without BOM (recognised by a NUL byte in the first two bytes, as `<` is ASCII).
 */
export function decodeXmlBytes(bytes: Uint8Array): Result<{ text: string; encoding: TextEncodingName }, XmlError> {
  // Each character takes at least one byte (UTF-8) and at most four: anything longer
  // than four bytes per allowed character is certainly too large, refused before decoding.
  if (bytes.length > XML_LIMITS.maxChars * 4) return err(tooLargeError(bytes.length, 'bytes'));
  let encoding: TextEncodingName = 'utf-8';
  let start = 0;
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (b0 === 0xff && b1 === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else if (bytes.length >= 2 && b0 === 0 && b1 !== 0) encoding = 'utf-16be';
  else if (bytes.length >= 2 && b0 !== 0 && b1 === 0) encoding = 'utf-16le';
  if (encoding !== 'utf-8' && (bytes.length - start) % 2 !== 0)
    return err({
      tag: 'notXml',
      message: `the file looks like UTF-16 but has an odd number of bytes (${bytes.length}); it is cut short or not UTF-16`,
    });
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    return err({
      tag: 'notXml',
      message:
        encoding === 'utf-8'
          ? 'the file is not valid UTF-8 text (save it as UTF-8 or UTF-16, as Topology Builder and Get-CsTopology do)'
          : `the file is not valid ${encoding.toUpperCase()} text`,
    });
  }
  if (text.length > XML_LIMITS.maxChars) return err(tooLargeError(text.length, 'characters'));
  return ok({ text, encoding });
}

function tooLargeError(size: number, unit: string): XmlError {
  return {
    tag: 'tooLarge',
    message: `the document is ${num(size)} ${unit}; the limit is ${num(XML_LIMITS.maxChars)} characters`,
  };
}

// ---------------------------------------------------------------- text → tree

interface Scope {
  defaultNs: string;
  prefixes: Map<string, string> | undefined;
  parent: Scope | undefined;
}

interface Open {
  el: XmlElement;
  scope: Scope;
  /** Allocated on the first piece of text: most elements have none worth keeping. */
  textParts: string[] | undefined;
}

class XmlFailure {
  constructor(readonly error: XmlError) {}
}

/** Parses XML text into its root element. */
export function parseXml(input: string): Result<XmlElement, XmlError> {
  if (input.length > XML_LIMITS.maxChars) return err(tooLargeError(input.length, 'characters'));
  try {
    return ok(new Parser(input).parse());
  } catch (e) {
    if (e instanceof XmlFailure) return err(e.error);
    // Defensive: a defect here must not crash the caller.
    return err({ tag: 'notXml', message: `the XML could not be read (${e instanceof Error ? e.message : String(e)})` });
  }
}

const ROOT_SCOPE: Scope = { defaultNs: '', prefixes: new Map([['xml', XML_NS]]), parent: undefined };

class Parser {
  private readonly s: string;
  private pos = 0;
  private lineCursor = 0;
  private lineCount = 1;
  private elements = 0;
  /** Reused for every start tag. */
  private readonly rawAttrs: { name: string; value: string; pos: number }[] = [];

  constructor(input: string) {
    // XML end-of-line handling: CRLF and lone CR become LF before anything else.
    this.s = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  }

  parse(): XmlElement {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (!NOT_XML_SPACE.test(s) || (this.pos === 1 && s.length === 1)) this.fail('not XML: the document is empty', 'notXml', 0);
    const nul = s.indexOf('\u0000');
    if (nul >= 0)
      this.fail('not XML: the text contains NUL characters (a UTF-16 file read as UTF-8, or a binary file?)', 'notXml', nul);

    const stack: Open[] = [];
    let root: XmlElement | undefined;
    let sawDeclaration = false;

    while (this.pos < s.length) {
      const lt = s.indexOf('<', this.pos);
      const textEnd = lt < 0 ? s.length : lt;
      if (textEnd > this.pos) {
        const raw = s.slice(this.pos, textEnd);
        // XML forbids the CDATA end marker in character data (found by the saxes oracle test).
        const cdataEnd = raw.indexOf(']]>');
        if (cdataEnd >= 0) this.fail('"]]>" in text: write "]]&gt;"', 'notXml', this.pos + cdataEnd);
        const top = stack[stack.length - 1];
        if (top) (top.textParts ??= []).push(this.decodeEntities(raw, this.pos));
        else if (NOT_XML_SPACE.test(raw)) {
          const at = this.pos + raw.search(NOT_XML_SPACE);
          this.fail(
            root ? 'text after the end of the root element' : 'not XML: the text does not begin with an element ("<")',
            'notXml',
            at,
          );
        }
        this.pos = textEnd;
        continue;
      }
      // s[pos] === '<'
      const next = s.charCodeAt(this.pos + 1);
      if (next === 0x2f /* / */) {
        this.endTag(stack);
      } else if (next === 0x21 /* ! */) {
        if (s.startsWith('<!--', this.pos)) this.comment();
        else if (s.startsWith('<![CDATA[', this.pos)) {
          const top = stack[stack.length - 1];
          if (!top) this.fail('CDATA outside the root element', 'notXml', this.pos);
          const end = s.indexOf(']]>', this.pos + 9);
          if (end < 0) this.fail('a CDATA section is not closed (missing "]]>")', 'notXml', this.pos);
          (top!.textParts ??= []).push(s.slice(this.pos + 9, end));
          this.pos = end + 3;
        } else if (s.startsWith('<!DOCTYPE', this.pos)) this.doctype();
        else this.fail('markup "<!" that is neither a comment, CDATA nor a DOCTYPE', 'notXml', this.pos);
      } else if (next === 0x3f /* ? */) {
        const at = this.pos;
        const isDecl = this.processingInstruction();
        if (isDecl) {
          // Only white space may come before it (PowerShell here-strings indent it).
          if (sawDeclaration || root || NOT_XML_SPACE.test(s.slice(0, at).replace(/^\uFEFF/, '')))
            this.fail('the XML declaration (<?xml ...?>) must come first in the document', 'notXml', at);
          sawDeclaration = true;
        }
      } else {
        if (root && stack.length === 0) this.fail('a second root element: an XML document has exactly one', 'notXml', this.pos);
        const el = this.startTag(stack);
        if (!root) root = el;
      }
    }
    const open = stack[stack.length - 1];
    if (open)
      this.fail(
        `the document ends before <${open.el.name}> (line ${open.el.line}) is closed: the file is cut short`,
        'notXml',
        s.length,
      );
    if (!root) this.fail('not XML: no element found', 'notXml', s.length);
    return root!;
  }

  // ------------------------------------------------------------ markup

  private startTag(stack: Open[]): XmlElement {
    const s = this.s;
    const tagPos = this.pos;
    this.pos++;
    const name = this.readName('element name');
    if (stack.length >= XML_LIMITS.maxDepth)
      this.fail(`elements are nested deeper than ${XML_LIMITS.maxDepth} levels`, 'tooLarge', tagPos);
    if (++this.elements > XML_LIMITS.maxElements)
      this.fail(`the document has more than ${num(XML_LIMITS.maxElements)} elements`, 'tooLarge', tagPos);

    const raw = this.rawAttrs;
    raw.length = 0;
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = s.charCodeAt(this.pos);
      if (Number.isNaN(c))
        this.fail(`the document ends inside the start tag <${name}>: the file is cut short`, 'notXml', this.pos);
      if (c === 0x3e /* > */) {
        this.pos++;
        break;
      }
      if (c === 0x2f /* / */) {
        if (this.pos + 1 >= s.length)
          this.fail(`the document ends inside the start tag <${name}>: the file is cut short`, 'notXml', this.pos);
        if (s.charCodeAt(this.pos + 1) !== 0x3e) this.fail(`expected "/>" in <${name}>`, 'notXml', this.pos);
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (!hadSpace) this.fail(`expected a space, ">" or "/>" in <${name}>`, 'notXml', this.pos);
      const attrPos = this.pos;
      const attrName = this.readName('attribute name');
      this.skipSpace();
      if (this.pos >= s.length)
        this.fail(`the document ends inside the start tag <${name}>: the file is cut short`, 'notXml', this.pos);
      if (s.charCodeAt(this.pos) !== 0x3d /* = */)
        this.fail(`attribute ${attrName} of <${name}> has no "=" and value`, 'notXml', this.pos);
      this.pos++;
      this.skipSpace();
      if (this.pos >= s.length)
        this.fail(`the document ends inside the start tag <${name}>: the file is cut short`, 'notXml', this.pos);
      const q = s[this.pos];
      if (q !== '"' && q !== "'")
        this.fail(`the value of attribute ${attrName} of <${name}> must be in quotes`, 'notXml', this.pos);
      const end = s.indexOf(q!, this.pos + 1);
      if (end < 0)
        this.fail(`the value of attribute ${attrName} of <${name}> is not closed: the file is cut short`, 'notXml', this.pos);
      const rawValue = s.slice(this.pos + 1, end);
      const lt = rawValue.indexOf('<');
      if (lt >= 0) this.fail(`"<" inside the value of attribute ${attrName} (write &lt;)`, 'notXml', this.pos + 1 + lt);
      // Attribute-value normalisation: literal white space characters become spaces.
      const value = this.decodeEntities(rawValue.replace(/[\t\n]/g, ' '), this.pos + 1);
      raw.push({ name: attrName, value, pos: attrPos });
      if (raw.length > XML_LIMITS.maxAttributesPerElement)
        this.fail(`<${name}> has more than ${XML_LIMITS.maxAttributesPerElement} attributes`, 'tooLarge', attrPos);
      this.pos = end + 1;
    }

    // Namespace declarations first: they apply to the element's own name and attributes.
    const parentScope = stack[stack.length - 1]?.scope ?? ROOT_SCOPE;
    let scope = parentScope;
    for (const a of raw) {
      if (a.name === 'xmlns') {
        if (scope === parentScope) scope = { defaultNs: parentScope.defaultNs, prefixes: undefined, parent: parentScope };
        scope.defaultNs = a.value;
      } else if (a.name.startsWith('xmlns:')) {
        const prefix = a.name.slice(6);
        if (!prefix || prefix.includes(':')) this.fail(`invalid namespace declaration ${a.name}`, 'notXml', a.pos);
        if (prefix === 'xmlns' || (prefix === 'xml' && a.value !== XML_NS))
          this.fail(`the prefix "${prefix}" cannot be redeclared`, 'notXml', a.pos);
        if (a.value === '') this.fail(`namespace prefix "${prefix}" is bound to an empty name`, 'notXml', a.pos);
        if (scope === parentScope) scope = { defaultNs: parentScope.defaultNs, prefixes: undefined, parent: parentScope };
        (scope.prefixes ??= new Map()).set(prefix, a.value);
      }
    }

    const { local, ns } = this.resolve(name, scope, true, tagPos);
    const attrs: XmlAttribute[] = [];
    // Duplicate check: a linear scan for the usual handful, a set beyond that.
    const seen = raw.length > 8 ? new Set<string>() : undefined;
    const keys: string[] = [];
    for (const a of raw) {
      const isDecl = a.name === 'xmlns' || a.name.startsWith('xmlns:');
      const r = isDecl
        ? { local: a.name === 'xmlns' ? 'xmlns' : a.name.slice(6), ns: XMLNS_NS }
        : this.resolve(a.name, scope, false, a.pos);
      const key = `${r.ns}\u0000${r.local}`;
      if (seen ? seen.has(key) : keys.includes(key)) this.fail(`attribute ${a.name} appears twice in <${name}>`, 'notXml', a.pos);
      if (seen) seen.add(key);
      else keys.push(key);
      if (!isDecl) attrs.push({ name: a.name, local: r.local, ns: r.ns, value: a.value });
    }

    const el: XmlElement = { name, local, ns, attrs, children: [], text: '', line: this.lineOf(tagPos) };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    if (!selfClosing) stack.push({ el, scope, textParts: undefined });
    return el;
  }

  private endTag(stack: Open[]): void {
    const at = this.pos;
    this.pos += 2;
    const name = this.readName('element name');
    this.skipSpace();
    if (this.s.charCodeAt(this.pos) !== 0x3e) {
      if (this.pos >= this.s.length)
        this.fail(`the document ends inside the end tag </${name}>: the file is cut short`, 'notXml', at);
      this.fail(`expected ">" to close </${name}>`, 'notXml', this.pos);
    }
    this.pos++;
    const open = stack.pop();
    if (!open) this.fail(`end tag </${name}> without a matching start tag`, 'notXml', at);
    if (open!.el.name !== name)
      this.fail(`end tag </${name}> does not match <${open!.el.name}> (line ${open!.el.line})`, 'notXml', at);
    const parts = open!.textParts;
    open!.el.text = parts === undefined ? '' : parts.length === 1 ? parts[0]! : parts.join('');
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('a comment is not closed (missing "-->")', 'notXml', this.pos);
    // XML 1.0 §2.5: "--" may not occur inside a comment, nor may it end with "-".
    const dashes = this.s.slice(this.pos + 4, end + 1).indexOf('--');
    if (dashes >= 0) this.fail('"--" inside a comment', 'notXml', this.pos + 4 + dashes);
    this.pos = end + 3;
  }

  /** Returns true when this is the XML declaration. */
  private processingInstruction(): boolean {
    const at = this.pos;
    this.pos += 2;
    const target = this.readName('processing instruction target');
    if (target.includes(':')) this.fail(`a processing instruction target cannot contain ":" (<?${target})`, 'notXml', at);
    // The target ends at white space or "?>" (found by the saxes oracle test: "<?x<?xml …").
    if (!this.s.startsWith('?>', this.pos) && !this.skipSpace())
      this.fail(`expected a space or "?>" after <?${target}`, 'notXml', this.pos);
    const end = this.s.indexOf('?>', this.pos);
    if (end < 0) this.fail(`<?${target} is not closed (missing "?>")`, 'notXml', at);
    this.pos = end + 2;
    if (target.toLowerCase() === 'xml') {
      if (target !== 'xml') this.fail(`"<?${target}" is reserved`, 'notXml', at);
      // version, then optional encoding and standalone, in that order (XML 1.0 §2.8).
      if (!XML_DECLARATION.test(this.s.slice(at, end + 2)))
        this.fail('the XML declaration is malformed: expected <?xml version="1.0" encoding="utf-8"?>', 'notXml', at);
      return true;
    }
    return false;
  }

  /**
   * Topology Builder never writes a DOCTYPE. Declarations are where entity expansion
   * (billion laughs) and external entities (file://, http://) come from, so any DOCTYPE
   * is refused; the message says which danger it carried.
   */
  private doctype(): never {
    const at = this.pos;
    const head = this.s.slice(at, at + 100_000);
    if (/<!ENTITY/i.test(head))
      this.fail(
        'the document declares entities in a DOCTYPE; entity declarations are refused (they can expand without bound or read local files)',
        'unsafeXml',
        at,
      );
    if (/^<!DOCTYPE\s+[^\s>[]+\s+(SYSTEM|PUBLIC)\b/i.test(head))
      this.fail('the document refers to an external DTD; external references are refused and never fetched', 'unsafeXml', at);
    this.fail('the document has a DOCTYPE; Topology Builder documents have none, and DTDs are refused', 'unsafeXml', at);
  }

  // ------------------------------------------------------------ pieces

  private resolve(qname: string, scope: Scope, isElement: boolean, at: number): { local: string; ns: string } {
    const colon = qname.indexOf(':');
    if (colon < 0) return { local: qname, ns: isElement ? scope.defaultNs : '' };
    const prefix = qname.slice(0, colon);
    const local = qname.slice(colon + 1);
    if (!prefix || !local || local.includes(':')) this.fail(`"${qname}" is not a valid qualified name`, 'notXml', at);
    for (let sc: Scope | undefined = scope; sc; sc = sc.parent) {
      const ns = sc.prefixes?.get(prefix);
      if (ns !== undefined) return { local, ns };
    }
    return this.fail(
      `the namespace prefix "${prefix}" of ${isElement ? 'element' : 'attribute'} ${qname} is not declared`,
      'notXml',
      at,
    );
  }

  private readName(what: string): string {
    const s = this.s;
    const start = this.pos;
    let i = start;
    while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
    if (i === start) {
      if (i >= s.length)
        this.fail(`the document ends where ${article(what)} ${what} was expected: the file is cut short`, 'notXml', i);
      this.fail(`expected ${article(what)} ${what}, found ${JSON.stringify(s[i])}`, 'notXml', i);
    }
    const first = s.charCodeAt(start);
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2e)
      this.fail(`${article(what)} ${what} cannot start with ${JSON.stringify(s[start])}`, 'notXml', start);
    if (i - start > XML_LIMITS.maxNameChars)
      this.fail(`${article(what)} ${what} longer than ${XML_LIMITS.maxNameChars} characters`, 'tooLarge', start);
    this.pos = i;
    return s.slice(start, i);
  }

  private skipSpace(): boolean {
    const s = this.s;
    const start = this.pos;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) this.pos++;
      else break;
    }
    return this.pos > start;
  }

  /** The five predefined entities and numeric references; anything else is an error. */
  private decodeEntities(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    let out = '';
    let i = 0;
    for (;;) {
      const amp = raw.indexOf('&', i);
      if (amp < 0) break;
      out += raw.slice(i, amp);
      const semi = raw.indexOf(';', amp + 1);
      if (semi < 0 || semi - amp > 12)
        this.fail('"&" that does not start an entity reference (write &amp;)', 'notXml', offset + amp);
      const ref = raw.slice(amp + 1, semi);
      out += this.entity(ref, offset + amp);
      i = semi + 1;
    }
    return out + raw.slice(i);
  }

  private entity(ref: string, at: number): string {
    switch (ref) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'apos':
        return "'";
      case 'quot':
        return '"';
    }
    let code = NaN;
    if (/^#[0-9]{1,8}$/.test(ref)) code = Number.parseInt(ref.slice(1), 10);
    else if (/^#x[0-9A-Fa-f]{1,6}$/.test(ref)) code = Number.parseInt(ref.slice(2), 16);
    else if (ref.startsWith('#')) this.fail(`"&${ref};" is not a valid character reference`, 'notXml', at);
    else
      this.fail(
        `unknown entity "&${ref};": only &lt; &gt; &amp; &apos; &quot; and numeric references are allowed (entities are never declared or expanded)`,
        'notXml',
        at,
      );
    if (!isXmlChar(code)) this.fail(`"&${ref};" refers to a character XML does not allow`, 'notXml', at);
    return String.fromCodePoint(code);
  }

  /** 1-based line of an offset; offsets are asked for in increasing order, so this stays linear. */
  private lineOf(p: number): number {
    const s = this.s;
    if (p < this.lineCursor) {
      this.lineCursor = 0;
      this.lineCount = 1;
    }
    for (let i = this.lineCursor; i < p && i < s.length; i++) if (s.charCodeAt(i) === 0x0a) this.lineCount++;
    this.lineCursor = Math.max(this.lineCursor, Math.min(p, s.length));
    return this.lineCount;
  }

  private fail(message: string, tag: XmlErrorTag, at: number): never {
    const line = this.lineOf(Math.min(at, this.s.length));
    const lineStart = this.s.lastIndexOf('\n', Math.max(0, Math.min(at, this.s.length) - 1)) + 1;
    const col = Math.max(1, Math.min(at, this.s.length) - lineStart + 1);
    throw new XmlFailure({ tag, message: `${message} (line ${line}, column ${col})` });
  }
}

const XML_DECLARATION =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1([ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(yes|no)\5)?[ \t\n]*\?>$/;
/** XML's white space is these four (CR is gone after end-of-line handling); JavaScript's \s has more (U+FEFF, U+00A0…). */
const NOT_XML_SPACE = /[^ \t\n\r]/;

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Name characters: letters, digits, "_", ":", "-", "." and anything beyond ASCII except white space. */
function isNameChar(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true; // a-z
  if (c >= 0x41 && c <= 0x5a) return true; // A-Z
  if (c >= 0x30 && c <= 0x39) return true; // 0-9
  if (c === 0x5f || c === 0x3a || c === 0x2d || c === 0x2e) return true; // _ : - .
  if (c === 0xb7) return true;
  if (
    c >= 0xc0 &&
    c !== 0xd7 &&
    c !== 0xf7 &&
    c !== 0x2028 &&
    c !== 0x2029 &&
    c !== 0xfeff &&
    !(c >= 0x2000 && c <= 0x200b) &&
    c !== 0x3000
  )
    return true;
  return false;
}

function isXmlChar(c: number): boolean {
  if (!Number.isFinite(c)) return false;
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

// ---------------------------------------------------------------- tree helpers

/** Value of an unprefixed attribute, by local name. */
export function attr(el: XmlElement, local: string): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === '') return a.value;
  return undefined;
}

/** Children with this local name whose namespace passes `nsOk`. */
export function childrenNamed(el: XmlElement, local: string, nsOk: (ns: string) => boolean): XmlElement[] {
  return el.children.filter((c) => c.local === local && nsOk(c.ns));
}

export function childNamed(el: XmlElement, local: string, nsOk: (ns: string) => boolean): XmlElement | undefined {
  return el.children.find((c) => c.local === local && nsOk(c.ns));
}
