import { describe, expect, it } from 'vitest';
import {
  checkComposition,
  DEFAULT_SETTINGS,
  defaultTeamName,
  formatDecisionNumber,
  formatPlaceDate,
  placeName,
  suggestDecisionNumber,
  type Affiliation,
  type TeamRole,
} from './teams';

const m = (affiliation: Affiliation, role: TeamRole = 'member') => ({ affiliation, role });

describe('checkComposition', () => {
  it('is complete with 5–7 members, the three required affiliations and one leader', () => {
    const team = [
      m('hamlet_head', 'leader'),
      m('youth_union', 'deputy'),
      m('women_union'),
      m('volunteer'),
      m('police'),
    ];
    expect(checkComposition(team, DEFAULT_SETTINGS)).toEqual({
      isComplete: true,
      size: 5,
      issues: [],
    });
  });

  it('lists every shortfall', () => {
    const result = checkComposition(
      [m('volunteer'), m('volunteer', 'leader'), m('police', 'leader')],
      DEFAULT_SETTINGS,
    );
    expect(result.isComplete).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual([
      'too_small',
      'missing_affiliation',
      'missing_affiliation',
      'missing_affiliation',
      'several_leaders',
    ]);
  });

  it('flags a team over the maximum and a team without a leader', () => {
    const eight = Array.from({ length: 8 }, () => m('volunteer'));
    const codes = checkComposition(eight, {
      ...DEFAULT_SETTINGS,
      requiredAffiliations: [],
    }).issues.map((i) => i.code);
    expect(codes).toEqual(['too_large', 'no_leader']);
  });

  it('follows the settings in force', () => {
    const team = [m('volunteer', 'leader'), m('volunteer'), m('volunteer'), m('volunteer')];
    expect(
      checkComposition(team, { teamSizeMin: 4, teamSizeMax: 9, requiredAffiliations: [] })
        .isComplete,
    ).toBe(true);
  });
});

describe('decision numbers', () => {
  it('pads numbers under 10 and uses the symbol', () => {
    expect(formatDecisionNumber(5)).toBe('05/QĐ-UBND');
    expect(formatDecisionNumber(123)).toBe('123/QĐ-UBND');
  });

  it('suggests the next number of the yearly sequence', () => {
    expect(suggestDecisionNumber([])).toBe(1);
    expect(suggestDecisionNumber([1, 2, 7])).toBe(8);
  });
});

describe('document dates and names', () => {
  it('writes the place-date line as Decree 30 asks', () => {
    expect(formatPlaceDate('Yên Đổ', '2022-05-05')).toBe('Yên Đổ, ngày 05 tháng 5 năm 2022');
    expect(formatPlaceDate('Đu', '2023-02-15')).toBe('Đu, ngày 15 tháng 02 năm 2023');
    expect(formatPlaceDate('Đu', '2023-12-31')).toBe('Đu, ngày 31 tháng 12 năm 2023');
  });

  it('takes the place name from a unit name', () => {
    expect(placeName('Xã Yên Đổ')).toBe('Yên Đổ');
    expect(placeName('Thị trấn Đu')).toBe('Đu');
  });

  it('names a team after its hamlet, the kind in lower case', () => {
    expect(defaultTeamName('Xóm Làng Mới')).toBe('Tổ công nghệ số cộng đồng xóm Làng Mới');
    expect(defaultTeamName('Tổ dân phố Ao Sen')).toBe(
      'Tổ công nghệ số cộng đồng tổ dân phố Ao Sen',
    );
    expect(defaultTeamName('Làng Giang')).toBe('Tổ công nghệ số cộng đồng Làng Giang');
  });
});
