import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['(0208) 3 845 678', '02083845678'],
    ['+84 208 3845 678', '02083845678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '',
    '12345',
    '+1 202 555 0100',
    '09123456789',
    'abc0912345678',
    '00912345678',
    '0112345678',
    '0208384567',
  ])('refuses %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps only the last three digits', () => {
    expect(maskPhone('0912345678')).toBe('•••••••678');
  });
});
