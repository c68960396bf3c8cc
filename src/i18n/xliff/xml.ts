/** Writing XML text and attributes (XML 1.0 §2.4, §3.3.3), for the XLIFF export. */
import { LehtinenError } from '../../errors.js';

// XML 1.0 §2.2 Char: no C0 controls but tab, line feed and carriage return; no U+FFFE/U+FFFF; no lone surrogates.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function assertXmlChars(s: string, key: string): void {
  const m = NOT_XML_CHAR.exec(s);
  if (m) {
    throw new LehtinenError('XLIFF_SYNTAX', `${key} contains U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`, {
      where: { key },
      hint: 'Remove the control character from the string.',
    });
  }
}

/** Text content: &, < and > escaped; a carriage return as a reference, or XML parsers turn it into \n (§2.11). */
export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: also quotes, and whitespace as references, which attribute normalisation (§3.3.3) would change. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
