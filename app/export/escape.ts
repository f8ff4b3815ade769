/**
 * Escaping user text for XML/SVG. Anything a user typed may be hostile (quotes,
 * `<script>`, `]]>`, control characters, bidi overrides, 10,000 characters): written
 * out through these helpers it is always inert text in a well-formed document.
 */

/** Characters XML 1.0 forbids outright (even as references): C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // As references, so they survive attribute-value normalization.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text safe for XML element content and for attribute values in either quote style.
 * Characters XML cannot carry at all become U+FFFD.
 */
export function escapeXml(text: string): string {
  return String(text)
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]!);
}

/** Bidi embeddings, overrides and isolates: they can make displayed text read backwards. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * User text for display on one line of a drawing: control characters and line breaks
 * become spaces, bidi overrides are dropped, and long text is cut with an ellipsis.
 * The result still needs escapeXml.
 */
export function displayText(text: string, maxChars = 120): string {
  const flat = String(text)
    .replace(BIDI_CONTROLS, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  return chars.length <= maxChars
    ? flat
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * JSON text that contains no character XML treats specially (`<`, `>`, `&`) and none
 * XML forbids: it can sit as plain element content, with no CDATA section whose `]]>`
 * could be forged. Still valid JSON, parsing to the same value.
 */
export function jsonForXml(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\u009f\u2028\u2029\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Reverses the five predefined entities and numeric references (for metadata written by other tools). */
export function unescapeXml(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp']!;
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}
