/**
 * Test and bench support: the two maintained XML parsers the project could use instead of
 * its own reader (`xml.ts`) — saxes 6 and fast-xml-parser 5 — behind the same signature,
 * `(text) => Result<XmlElement, XmlError>`, configured as a switch would configure them
 * (no DTD, no entity declarations, the same size and depth caps).
 *
 * Two uses: `xml-oracle.test.ts` compares our reader's trees with saxes's on every
 * document the tests can produce (saxes is a strict, conformance-tested parser, so it is
 * the oracle), and `npm run bench -- --only xml/` times the three in Node and in Chromium
 * and records what each does with hostile input. Never imported by production code.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { err, ok, type Result } from '../app/lib/result';
import { parseXml } from '../app/import/xml';
import { XML_LIMITS, XML_NS, type XmlAttribute, type XmlElement, type XmlError } from '../app/import/xml';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

function tooLarge(message: string): Result<never, XmlError> {
  return err({ tag: 'tooLarge', message });
}

// ---------------------------------------------------------------- saxes

/**
 * saxes, namespace-aware. A DOCTYPE is refused as ours does (saxes reads one but never
 * declares its entities, so a declared entity would fail as "undefined" anyway); the caps
 * are counted in the event handlers because saxes has none of its own.
 */
export function parseWithSaxes(input: string): Result<XmlElement, XmlError> {
  if (input.length > XML_LIMITS.maxChars) return tooLarge('too many characters');
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: { el: XmlElement; text: string[] }[] = [];
  let root: XmlElement | undefined;
  let failure: XmlError | undefined;
  let elements = 0;
  const stop = (e: XmlError) => {
    failure ??= e;
    throw new Error(e.message);
  };
  parser.on('doctype', () => stop({ tag: 'unsafeXml', message: 'DOCTYPE refused' }));
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    if (stack.length >= XML_LIMITS.maxDepth) stop({ tag: 'tooLarge', message: 'too deep' });
    if (++elements > XML_LIMITS.maxElements) stop({ tag: 'tooLarge', message: 'too many elements' });
    const attrs: XmlAttribute[] = [];
    const all = Object.values(t.attributes);
    if (all.length > XML_LIMITS.maxAttributesPerElement) stop({ tag: 'tooLarge', message: 'too many attributes' });
    for (const a of all) if (a.uri !== XMLNS_NS) attrs.push({ name: a.name, local: a.local, ns: a.uri, value: a.value });
    const el: XmlElement = { name: t.name, local: t.local, ns: t.uri, attrs, children: [], text: '', line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    else root = el;
    stack.push({ el, text: [] });
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const open = stack.pop();
    if (open) open.el.text = open.text.join('');
  });
  parser.on('error', (e) => stop({ tag: 'notXml', message: e.message }));
  try {
    parser.write(input).close();
  } catch (e) {
    return err(failure ?? { tag: 'notXml', message: e instanceof Error ? e.message : String(e) });
  }
  if (!root) return err({ tag: 'notXml', message: 'no element' });
  return ok(root);
}

// ---------------------------------------------------------------- fast-xml-parser

type FxpNode = Record<string, unknown>;

/**
 * fast-xml-parser, which checks well-formedness only in its separate validator and does
 * not resolve namespaces: the adapter validates first, refuses a DOCTYPE (the library
 * would otherwise expand declared entities, within its limits), and resolves prefixes
 * itself while turning the ordered output into elements.
 */
export function parseWithFastXmlParser(input: string): Result<XmlElement, XmlError> {
  if (input.length > XML_LIMITS.maxChars) return tooLarge('too many characters');
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (/<!DOCTYPE/i.test(text)) return err({ tag: 'unsafeXml', message: 'DOCTYPE refused' });
  let valid: true | { err: { msg: string } };
  try {
    valid = XMLValidator.validate(text, { allowBooleanAttributes: false }) as true | { err: { msg: string } };
  } catch (e) {
    return err({ tag: 'notXml', message: e instanceof Error ? e.message : String(e) });
  }
  if (valid !== true) return err({ tag: 'notXml', message: valid.err.msg });
  let out: FxpNode[];
  try {
    out = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      // With entities on it decodes &amp; but leaves &#65; as written (numeric references
      // are decoded only with htmlEntities, which also admits HTML's &nbsp; and the like):
      // the adapter decodes the XML set itself, in one pass.
      processEntities: false,
      htmlEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      cdataPropName: '#cdata',
      maxNestedTags: XML_LIMITS.maxDepth,
    }).parse(text) as FxpNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return err({ tag: /nest/i.test(message) ? 'tooLarge' : 'notXml', message });
  }
  let elements = 0;
  const build = (node: FxpNode, scope: Map<string, string>): XmlElement | XmlError => {
    const name = Object.keys(node).find((k) => k !== ':@')!;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
    if (Object.keys(rawAttrs).length > XML_LIMITS.maxAttributesPerElement)
      return { tag: 'tooLarge', message: 'too many attributes' };
    if (++elements > XML_LIMITS.maxElements) return { tag: 'tooLarge', message: 'too many elements' };
    let own = scope;
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (own === scope) own = new Map(scope);
        own.set(k === 'xmlns' ? '' : k.slice(6), v);
      }
    }
    const resolve = (qname: string, isElement: boolean): { local: string; ns: string } | undefined => {
      const colon = qname.indexOf(':');
      if (colon < 0) return { local: qname, ns: isElement ? (own.get('') ?? '') : '' };
      const ns = own.get(qname.slice(0, colon));
      return ns === undefined ? undefined : { local: qname.slice(colon + 1), ns };
    };
    const me = resolve(name, true);
    if (!me) return { tag: 'notXml', message: `undeclared prefix in ${name}` };
    const attrs: XmlAttribute[] = [];
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      const r = resolve(k, false);
      if (!r) return { tag: 'notXml', message: `undeclared prefix in ${k}` };
      attrs.push({
        name: k,
        local: r.local,
        ns: r.ns,
        value: decodeXmlEntities(v.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ')),
      });
    }
    const el: XmlElement = { name, local: me.local, ns: me.ns, attrs, children: [], text: '', line: 0 };
    const parts: string[] = [];
    for (const child of (node[name] ?? []) as FxpNode[]) {
      if ('#text' in child) parts.push(decodeXmlEntities(String(child['#text']).replace(/\r\n?/g, '\n')));
      else if ('#cdata' in child) for (const c of child['#cdata'] as FxpNode[]) parts.push(String(c['#text'] ?? ''));
      else {
        const built = build(child, own);
        if ('tag' in built) return built;
        el.children.push(built);
      }
    }
    el.text = parts.join('');
    return el;
  };
  const roots = out.filter((n) => !('#text' in n));
  if (roots.length !== 1) return err({ tag: 'notXml', message: `${roots.length} root elements` });
  const root = build(roots[0]!, new Map([['xml', XML_NS]]));
  return 'tag' in root ? err(root) : ok(root);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? whole;
  });
}

// ---------------------------------------------------------------- comparison

/**
 * The tree as data, without line numbers (each parser counts the line at another point)
 * and with namespace names trimmed: saxes trims xmlns=" urn:x", we keep the value as
 * written (Namespaces in XML 1.0 §3); neither is a name any document uses.
 */
export function comparable(el: XmlElement): unknown {
  return {
    name: el.name,
    local: el.local,
    ns: el.ns.trim(),
    attrs: el.attrs.map((a) => [a.name, a.local, a.ns.trim(), a.value]).sort(),
    text: el.text,
    children: el.children.map(comparable),
  };
}

/**
 * Where saxes 6 accepts what XML 1.0 forbids and we refuse it: a processing instruction
 * whose target runs into other characters ("<?x?xml …?>": §2.6 wants white space or "?>").
 */
const ORACLE_LENIENCIES = [/^expected a space or "\?>" after <\?/];

/**
 * Our reader against another parser on one text: `problem` says how they differ (verdict
 * or tree), undefined when they give the same tree or both refuse.
 */
export function compareWithOracle(
  text: string,
  other: (text: string) => Result<XmlElement, XmlError> = parseWithSaxes,
): { accepted: boolean; problem: string | undefined } {
  const ours = parseXml(text);
  // Our one deliberate leniency: white space before the XML declaration, as a PowerShell
  // here-string indents it. The oracle gets the text without it.
  const theirs = other(text.replace(/^(\uFEFF?)[ \t\r\n]+(?=<\?xml[ \t\r\n])/, '$1'));
  if (!ours.ok && theirs.ok && ORACLE_LENIENCIES.some((r) => r.test(ours.error.message)))
    return { accepted: false, problem: undefined };
  if (ours.ok !== theirs.ok)
    return {
      accepted: ours.ok,
      problem: `ours ${ours.ok ? 'accepts' : `refuses (${ours.error.message})`}, the oracle ${theirs.ok ? 'accepts' : `refuses (${theirs.error.message})`}: ${JSON.stringify(text.slice(0, 300))}`,
    };
  if (ours.ok && theirs.ok) {
    const a = JSON.stringify(comparable(ours.value));
    const b = JSON.stringify(comparable(theirs.value));
    if (a !== b) return { accepted: true, problem: `different trees:\n ours ${a.slice(0, 600)}\n them ${b.slice(0, 600)}` };
  }
  return { accepted: ours.ok, problem: undefined };
}
