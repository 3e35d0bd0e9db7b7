import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVietnamese, escapeLike, foldText } from './text';

describe('foldText', () => {
  it('removes tones, marks and đ, and lowers case', () => {
    expect(foldText('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldText('Xã Yên Đổ')).toBe('xa yen do');
    expect(foldText('ĐỒNG ỔI')).toBe('dong oi');
    expect(foldText('  Thị   trấn  Đu ')).toBe('thi tran du');
  });

  it('treats decomposed (NFD) input the same as composed', () => {
    const nfd = 'Nguyễn Văn Đức'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Văn Đức');
    expect(foldText(nfd)).toBe('nguyen van duc');
  });

  it('is idempotent and leaves no combining marks, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = foldText(s);
        expect(foldText(once)).toBe(once);
        expect(/[\u0300-\u036f]/.test(once)).toBe(false);
        expect(once).toBe(once.toLowerCase());
      }),
    );
  });

  it('gives the same result for NFC and NFD forms of any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(s.normalize('NFD'))).toBe(foldText(s.normalize('NFC')));
      }),
    );
  });

  it('keeps a folded substring a substring of the folded whole', () => {
    const vietnamese = fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ĐÂÊÔƠƯ'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(vietnamese, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (chars, a, b) => {
          const s = chars.join('');
          const start = a % s.length;
          const end = start + (b % (s.length - start + 1));
          expect(foldText(s).includes(foldText(s.slice(start, end)).trim())).toBe(true);
        },
      ),
    );
  });
});

describe('compareVietnamese', () => {
  it('orders by the Vietnamese alphabet (a, ă, â … d, đ)', () => {
    const names = ['Đào', 'Dương', 'Ân', 'An', 'Ăng', 'Bình'];
    expect([...names].sort(compareVietnamese)).toEqual(['An', 'Ăng', 'Ân', 'Bình', 'Dương', 'Đào']);
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
