/** An element of a parsed document: its name and attributes (entities left as written). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>|<!--(?:(?!--)[\s\S])*-->|<\?xml[^?]*\?>/g;
const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*"([^"]*)"/g;
const BAD_ENTITY = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * A strict well-formedness check of the XML maskid writes (no DTD, no CDATA): one root,
 * tags nested and closed, attributes quoted and not repeated, no bare `<` or `&` in text or
 * values. Throws on the first fault; returns every element in document order.
 */
export function parseXml(text: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const open: string[] = [];
  let roots = 0;
  let last = 0;
  const checkText = (t: string, where: number) => {
    if (t.includes("<") || BAD_ENTITY.test(t)) throw new Error(`bad markup near offset ${where}: ${JSON.stringify(t.slice(0, 60))}`);
    if (open.length === 0 && t.trim() !== "") throw new Error(`text outside the root element at offset ${where}`);
  };
  for (const m of text.matchAll(TAG)) {
    checkText(text.slice(last, m.index), last);
    last = m.index + m[0].length;
    const [, closing, name, attributeText, selfClosing] = m;
    if (name === undefined) continue; // a comment or the XML declaration
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> at offset ${m.index} closes nothing open`);
      continue;
    }
    if (open.length === 0 && ++roots > 1) throw new Error(`a second root element <${name}> at offset ${m.index}`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(ATTRIBUTE)) {
      if (Object.hasOwn(attributes, key)) throw new Error(`<${name}> repeats the attribute ${key}`);
      if (value.includes("<") || BAD_ENTITY.test(value)) throw new Error(`<${name}> has a bad value for ${key}`);
      attributes[key] = value;
    }
    elements.push({ name, attributes });
    if (!selfClosing) open.push(name);
  }
  checkText(text.slice(last), last);
  if (open.length > 0 || roots !== 1) throw new Error(`unclosed <${open.join("> <")}> or no root element`);
  return elements;
}
