import { describe, expect, it } from 'vitest';
import { isValidParentLevel, levelForKind, parseUnitKind, unitDisplayName } from './units';

describe('parseUnitKind', () => {
  it.each([
    ['Tỉnh', 'tinh'],
    ['Thành phố', 'thanh_pho'],
    ['Huyện', 'huyen'],
    ['Thị xã', 'thi_xa'],
    ['Thị trấn', 'thi_tran'],
    ['thi tran', 'thi_tran'],
    ['Xã', 'xa'],
    ['Phường', 'phuong'],
    ['Xóm', 'xom'],
    ['Tổ dân phố', 'to_dan_pho'],
    ['TDP', 'to_dan_pho'],
  ])('%s → %s', (input, kind) => {
    expect(parseUnitKind(input)).toBe(kind);
  });

  it('refuses unknown kinds', () => {
    expect(parseUnitKind('Vương quốc')).toBeNull();
  });
});

describe('levels', () => {
  it('places a city under no parent as a province and under a province as a district', () => {
    expect(levelForKind('thanh_pho', null)).toBe('province');
    expect(levelForKind('thanh_pho', 'province')).toBe('district');
  });

  it('accepts communes under a district (before 7/2025) and directly under a province (after)', () => {
    expect(isValidParentLevel('district', 'commune')).toBe(true);
    expect(isValidParentLevel('province', 'commune')).toBe(true);
    expect(isValidParentLevel('province', 'hamlet')).toBe(false);
    expect(isValidParentLevel(null, 'district')).toBe(false);
    expect(isValidParentLevel('commune', 'hamlet')).toBe(true);
  });
});

describe('unitDisplayName', () => {
  it('prefixes the kind unless the name already starts with it', () => {
    expect(unitDisplayName('xom', 'Làng Mới')).toBe('Xóm Làng Mới');
    expect(unitDisplayName('xom', 'xóm Làng Mới')).toBe('xóm Làng Mới');
    expect(unitDisplayName('to_dan_pho', 'Số 3')).toBe('Tổ dân phố Số 3');
  });
});
