import type { Sex } from './teams';

/** Retirement age in months for someone reaching it in `year` (Labour Code 2019, Decree 135/2020). */
export function retirementAgeMonths(sex: Sex, year: number): number {
  if (sex === 'male') {
    if (year <= 2020) return 60 * 12;
    return Math.min(60 * 12 + 3 * (year - 2020), 62 * 12);
  }
  if (year <= 2020) return 55 * 12;
  return Math.min(55 * 12 + 4 * (year - 2020), 60 * 12);
}

function addMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The month in which a person reaches retirement age: the year decides the threshold, so take
 * the threshold whose own year is the year the person reaches it.
 */
export function retirementMonth(
  sex: Sex,
  birthYear: number,
  birthMonth = 1,
): { year: number; month: number } {
  for (let year = 2020; year <= 2100; year += 1) {
    const reach = addMonths(birthYear, birthMonth, retirementAgeMonths(sex, year));
    if (reach.year === year || (year === 2020 && reach.year < 2020)) return reach;
    if (reach.year < year)
      return addMonths(birthYear, birthMonth, retirementAgeMonths(sex, year - 1));
  }
  return addMonths(birthYear, birthMonth, retirementAgeMonths(sex, 2100));
}

export type WorkingAgeStatus = 'working_age' | 'below' | 'above' | 'unknown';

/**
 * Whether a person is of working age on a reference date (YYYY-MM-DD): 15 full years, up to the
 * end of the month in which they reach retirement age. Unknown day and month count as 1 January;
 * unknown birth year or sex gives "unknown", never a guess.
 */
export function workingAgeStatus(
  person: { birthYear: number | null; birthMonth?: number | null; sex: Sex | null },
  referenceDate: string,
): WorkingAgeStatus {
  if (person.birthYear === null || person.sex === null) return 'unknown';
  const [y, m] = referenceDate.split('-').map(Number);
  const birthMonth = person.birthMonth ?? 1;
  const fifteen = addMonths(person.birthYear, birthMonth, 15 * 12);
  if (y * 12 + m < fifteen.year * 12 + fifteen.month) return 'below';
  const retire = retirementMonth(person.sex, person.birthYear, birthMonth);
  return y * 12 + m <= retire.year * 12 + retire.month ? 'working_age' : 'above';
}

export function isWorkingAge(
  person: { birthYear: number | null; birthMonth?: number | null; sex: Sex | null },
  referenceDate: string,
): boolean | null {
  const status = workingAgeStatus(person, referenceDate);
  return status === 'unknown' ? null : status === 'working_age';
}
