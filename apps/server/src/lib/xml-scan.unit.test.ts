import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, attributes, decodeXmlText, XmlError, XmlScanner } from './xml-scan';

/** Scans `chunks` and returns the events as text: "<name attrs>", "text", "</name>". */
function scan(chunks: string[]): string[] {
  const events: string[] = [];
  const scanner = new XmlScanner({
    open: (name, raw) => events.push(`<${name}${raw}>`),
    text: (text) => {
      // Text may come in pieces: join neighbours so that chunking does not show.
      const last = events.length - 1;
      if (last >= 0 && events[last]!.startsWith('"'))
        events[last] = `${events[last]!.slice(0, -1)}${text}"`;
      else events.push(`"${text}"`);
    },
    close: (name) => events.push(`</${name}>`),
  });
  for (const c of chunks) scanner.write(c);
  scanner.close();
  return events;
}

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- a comment --><sheetData>
<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Trần &amp; Lê &lt;x&gt; &#7847;&#x1EA7;</t></is></c><c r='C1' s="2"/></row>
<x:row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><v><![CDATA[a < b & c]]></v></c></x:row>
</sheetData></worksheet>`;

describe('XmlScanner', () => {
  it('reads elements, attributes, entities, character references, CDATA and self-closing tags', () => {
    const events = scan([SHEET]);
    expect(events).toContain('"Trần & Lê <x> ầầ"');
    expect(events).toContain('"a < b & c"');
    expect(events).toContain(`<c r='C1' s="2">`);
    expect(events.filter((e) => e === '</c>')).toHaveLength(5);
    expect(events).toContain('<x:row r="2">');
    expect(events.at(-1)).toBe('</worksheet>');
  });

  it('gives the same events however the text is cut into chunks', () => {
    const whole = scan([SHEET]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: SHEET.length }), { maxLength: 12 }),
        (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks: string[] = [];
          let from = 0;
          for (const p of points) {
            chunks.push(SHEET.slice(from, p));
            from = p;
          }
          chunks.push(SHEET.slice(from));
          expect(scan(chunks)).toEqual(whole);
        },
      ),
    );
  });

  it.each([
    ['a closing tag that does not match', '<a><b></a></b>'],
    ['an element left open', '<a><b></b>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>Tom & Jerry</a>'],
    ['text outside the root', '<a></a>tail'],
    ['two roots', '<a></a><b></b>'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['a tag cut off at the end', '<a></a'],
    ['a "<" inside a tag', '<a <b>'],
    ['nothing at all', '   '],
    ['a bad character reference', '<a>&#0;</a>'],
  ])('refuses %s', (_what, xml) => {
    expect(() => scan([xml])).toThrow(XmlError);
  });

  it('reads attributes with either quote, spaces around "=", and decodes them', () => {
    const raw = ` r="A1"  t = 's' note="a &amp; b"`;
    expect(attribute(raw, 'r')).toBe('A1');
    expect(attribute(raw, 't')).toBe('s');
    expect(attribute(raw, 'x')).toBeUndefined();
    expect(attributes(raw)).toEqual({ r: 'A1', t: 's', note: 'a & b' });
    expect(() => attributes(' r=A1')).toThrow(XmlError);
    expect(() => attributes(' r="A1')).toThrow(XmlError);
    expect(() => attributes(' r="A1"t="s"')).toThrow(XmlError);
  });

  it('normalises line ends in text as XML does', () => {
    expect(decodeXmlText('a\r\nb\rc')).toBe('a\nb\nc');
  });
});
