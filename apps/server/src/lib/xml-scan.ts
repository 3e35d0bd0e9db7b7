/**
 * A small streaming XML scanner for the parts of an .xlsx (sheet, shared strings, workbook,
 * relationships): elements, attributes, text with the five XML entities and character references,
 * CDATA, comments and processing instructions. It checks that elements nest and close in order,
 * that there is one root, that no text or markup is left open at the end, and that every `&` is
 * a known entity; a DOCTYPE is refused (a spreadsheet part never has one). It is not a validating
 * parser: it exists because a general one (saxes, ~1 µs per event) was a third of the import's
 * read time for 100,000 rows (bench/README.md, importfast).
 */
export class XmlError extends Error {}

export interface XmlHandler {
  /** `attrs` is the raw text after the element's name (read it with `attribute`/`attributes`). */
  open(name: string, attrs: string): void;
  /** Text inside the root element, entities decoded (may come in several pieces). */
  text(text: string): void;
  close(name: string): void;
}

/** Markup or text left unfinished at the end of a chunk is kept up to this size. */
const MAX_PENDING = 16 * 1024 * 1024;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const DQUOTE = 34;
const SQUOTE = 39;

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes entities and character references; an `&` that starts none of them is an error. */
export function decodeXmlText(text: string): string {
  let t = text;
  if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n');
  if (t.indexOf('&') < 0) return t;
  let known = 0;
  const out = t.replace(ENTITY, (_m, named: string, dec: string, hex: string) => {
    known += 1;
    if (named) return NAMED[named]!;
    const code = dec ? Number(dec) : Number.parseInt(hex, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      throw new XmlError('bad character reference');
    return String.fromCodePoint(code);
  });
  let ampersands = 0;
  for (let i = t.indexOf('&'); i >= 0; i = t.indexOf('&', i + 1)) ampersands += 1;
  if (ampersands !== known) throw new XmlError('unknown entity');
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Reads the attribute starting at `from` in a tag's raw attribute text into `attr` (name, value
 * undecoded) and returns the index after it, or -1 at the end. Malformed attributes are an error.
 */
const attr = { name: '', value: '' };
function nextAttribute(raw: string, from: number): number {
  const n = raw.length;
  let i = from;
  while (i < n && isSpace(raw.charCodeAt(i))) i += 1;
  if (i >= n) return -1;
  const start = i;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 61 /* = */ || isSpace(c)) break;
    i += 1;
  }
  const end = i;
  while (i < n && isSpace(raw.charCodeAt(i))) i += 1;
  if (end === start || raw.charCodeAt(i) !== 61) throw new XmlError('bad attribute');
  i += 1;
  while (i < n && isSpace(raw.charCodeAt(i))) i += 1;
  const quote = raw.charCodeAt(i);
  if (quote !== DQUOTE && quote !== SQUOTE) throw new XmlError('bad attribute');
  const close = raw.indexOf(quote === DQUOTE ? '"' : "'", i + 1);
  if (close < 0) throw new XmlError('bad attribute');
  if (close + 1 < n && !isSpace(raw.charCodeAt(close + 1))) throw new XmlError('bad attribute');
  attr.name = raw.slice(start, end);
  attr.value = raw.slice(i + 1, close);
  return close + 1;
}

function attributeValue(value: string): string {
  if (value.indexOf('<') >= 0) throw new XmlError('bad attribute');
  return decodeXmlText(value);
}

/** One attribute of a tag's raw attribute text, or undefined. */
export function attribute(raw: string, name: string): string | undefined {
  for (let i = nextAttribute(raw, 0); i >= 0; i = nextAttribute(raw, i))
    if (attr.name === name) return attributeValue(attr.value);
  return undefined;
}

/** Every attribute of a tag's raw attribute text. */
export function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = nextAttribute(raw, 0); i >= 0; i = nextAttribute(raw, i))
    out[attr.name] = attributeValue(attr.value);
  return out;
}

export class XmlScanner {
  private pending = '';
  private readonly open: string[] = [];
  private rootSeen = false;

  constructor(private readonly handler: XmlHandler) {}

  /** Scans the next piece of the document (any split: markup cut in two waits for the rest). */
  write(chunk: string): void {
    const s = this.pending ? this.pending + chunk : chunk;
    const n = s.length;
    const h = this.handler;
    const open = this.open;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) break; // text up to the next markup: kept whole, so no entity is cut in two
      if (lt > i) this.textRun(s.slice(i, lt));
      if (lt + 1 >= n) {
        i = lt;
        break;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === BANG) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) {
            i = lt;
            break;
          }
          i = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) {
            i = lt;
            break;
          }
          if (open.length === 0) throw new XmlError('text outside the root');
          const text = s.slice(lt + 9, end);
          if (text) h.text(text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text);
          i = end + 3;
          continue;
        }
        if (n - lt < 9) {
          i = lt;
          break;
        }
        throw new XmlError('DOCTYPE or unknown markup');
      }
      if (c === QUESTION) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) {
          i = lt;
          break;
        }
        i = end + 2;
        continue;
      }
      // The tag's end: the first '>' outside quotes.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j += 1) {
        const d = s.charCodeAt(j);
        if (quote) {
          if (d === quote) quote = 0;
        } else if (d === GT) break;
        else if (d === DQUOTE || d === SQUOTE) quote = d;
        else if (d === LT) throw new XmlError('"<" inside a tag');
      }
      if (j >= n) {
        i = lt;
        break;
      }
      if (c === SLASH) {
        let e = j;
        while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e -= 1;
        const name = s.slice(lt + 2, e);
        if (open.length === 0 || open[open.length - 1] !== name)
          throw new XmlError('mismatched closing tag');
        open.pop();
        h.close(name);
      } else {
        const selfClosing = s.charCodeAt(j - 1) === SLASH;
        const last = selfClosing ? j - 1 : j;
        let e = lt + 1;
        while (e < last && !isSpace(s.charCodeAt(e))) e += 1;
        const name = s.slice(lt + 1, e);
        if (!name) throw new XmlError('empty tag name');
        if (open.length === 0) {
          if (this.rootSeen) throw new XmlError('a second root element');
          this.rootSeen = true;
        }
        h.open(name, e < last ? s.slice(e, last) : '');
        if (selfClosing) h.close(name);
        else open.push(name);
      }
      i = j + 1;
    }
    this.pending = i < n ? s.slice(i) : '';
    if (this.pending.length > MAX_PENDING) throw new XmlError('markup or text too long');
  }

  /** The end of the document: nothing may be left open. */
  close(): void {
    if (this.pending.indexOf('<') >= 0) throw new XmlError('unfinished markup');
    if (this.pending) this.textRun(this.pending);
    this.pending = '';
    if (this.open.length > 0 || !this.rootSeen) throw new XmlError('unfinished document');
  }

  private textRun(text: string): void {
    if (this.open.length === 0) {
      for (let k = 0; k < text.length; k += 1)
        if (!isSpace(text.charCodeAt(k))) throw new XmlError('text outside the root');
      return;
    }
    this.handler.text(decodeXmlText(text));
  }
}
