/**
 * XML whose tags are all prefixed by a namespace token (MiniMax-M3 writes `]<]minimax[>[<tag>`):
 * only a `<`/`</` right after the token is markup, so values may hold any text, `<` included.
 * Reads a block body into its top-level elements; never throws.
 */

export interface XmlElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The text directly inside the element (between its child elements). */
  text: string;
  /** The element's closing tag was seen. */
  closed: boolean;
  /** Where the element starts in the body (at its namespace token) and ends (after its closing tag). */
  readonly start: number;
  end: number;
}

export interface XmlForest {
  /** Top-level elements, in order; the last may be unclosed when the text ended inside it. */
  readonly elements: XmlElement[];
  /** Text outside every element. */
  readonly stray: string;
  /** A closing tag that matched no open element: the structure is broken from there on. */
  readonly error?: string;
}

const TAG = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^>]*?)?)\s*(\/?)>/;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

export function readNamespacedXml(body: string, namespace: string): XmlForest {
  const segments = body.split(namespace);
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const stray: string[] = [segments[0]!];
  const addText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
    else stray.push(text);
  };
  let position = segments[0]!.length;
  for (const segment of segments.slice(1)) {
    const start = position;
    position += namespace.length + segment.length;
    const match = TAG.exec(segment);
    if (!match) {
      addText(namespace + segment);
      continue;
    }
    const [whole, slash, tag, attributeText, selfClosing] = match;
    const end = start + namespace.length + whole!.length;
    if (slash === "/") {
      const depth = findOpen(stack, tag!);
      if (depth < 0) return { elements, stray: stray.join(""), error: `unexpected closing tag </${tag}>` };
      for (const element of stack.splice(depth)) {
        element.closed = true;
        element.end = end;
      }
    } else {
      const element: XmlElement = {
        tag: tag!,
        attributes: readAttributes(attributeText ?? ""),
        children: [],
        text: "",
        closed: selfClosing === "/",
        start,
        end: selfClosing === "/" ? end : body.length,
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else elements.push(element);
      if (!element.closed) stack.push(element);
    }
    addText(segment.slice(whole!.length));
  }
  return { elements, stray: stray.join("") };
}

/** The depth of the innermost open element named `tag`, or -1. */
function findOpen(stack: readonly XmlElement[], tag: string): number {
  for (let depth = stack.length - 1; depth >= 0; depth--) if (stack[depth]!.tag === tag) return depth;
  return -1;
}

function readAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    attributes[match[1]!] = match[2] ?? match[3] ?? match[4] ?? "";
  }
  return attributes;
}
