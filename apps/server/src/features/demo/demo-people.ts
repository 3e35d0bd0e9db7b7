// Invented people for the demo district: common Vietnamese family, middle and given names.

export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Ma',
  'Hà',
  'Lương',
  'Nông',
  'La',
  'Triệu',
  'Đào',
  'Lục',
  'Mạc',
  'Tạ',
  'Chu',
];
export const MIDDLE_MALE = [
  'Văn',
  'Đức',
  'Minh',
  'Quang',
  'Xuân',
  'Hữu',
  'Công',
  'Thành',
  'Ngọc',
  'Đình',
];
export const MIDDLE_FEMALE = ['Thị', 'Thu', 'Thanh', 'Ngọc', 'Minh', 'Thị Thu', 'Thị Hồng', 'Kim'];
export const GIVEN_MALE = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Nam',
  'Long',
  'Thắng',
  'Hải',
  'Sơn',
  'Quân',
  'Việt',
  'Cường',
  'Phong',
  'Bình',
  'Khánh',
  'Trung',
  'Hiếu',
  'Đạt',
  'Toàn',
  'Lâm',
  'Tùng',
  'Hưng',
  'Thái',
  'Kiên',
  'Vinh',
];
export const GIVEN_FEMALE = [
  'Lan',
  'Hương',
  'Mai',
  'Hoa',
  'Hằng',
  'Linh',
  'Trang',
  'Thảo',
  'Nga',
  'Yến',
  'Huyền',
  'Phương',
  'Thủy',
  'Hạnh',
  'Dung',
  'Nhung',
  'Vân',
  'Oanh',
  'Loan',
  'Hiền',
  'Quỳnh',
  'Ngân',
  'Giang',
  'Tâm',
];

export type Random = () => number;

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** A plausible full name for a person of the given sex. */
export function personName(random: Random, sex: 'male' | 'female'): string {
  const middle = pick(random, sex === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = pick(random, sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
  // Nguyễn is the family name of about a third of Vietnamese people.
  const family = random() < 0.32 ? 'Nguyễn' : pick(random, FAMILY_NAMES);
  return `${family} ${middle} ${given}`;
}

/** A mobile number in a Vietnamese carrier's range (invented). */
export function mobileNumber(random: Random): string {
  const prefix = pick(random, [
    '086',
    '096',
    '097',
    '098',
    '032',
    '033',
    '034',
    '035',
    '088',
    '091',
    '094',
    '081',
    '083',
    '070',
    '079',
  ]);
  return `${prefix}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`;
}
