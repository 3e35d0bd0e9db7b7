import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setValidationLanguage } from './messages';

const schema = z.object({
  id: z.uuid(),
  name: z.string().min(1).max(5),
  code: z.string().min(3),
  year: z.number().int().min(1900).max(2200),
  count: z.number().positive(),
  kind: z.enum(['a', 'b']),
  on: z.iso.date(),
  tags: z.array(z.string()).min(1),
  required: z.string(),
  own: z.string().min(1, 'Nhập họ tên'),
});

function messages() {
  const result = schema.safeParse({
    id: 'import',
    name: '',
    code: 'ab',
    year: 1850.5,
    count: 0,
    kind: 'c',
    on: '2026-13-40',
    tags: [],
    own: '',
  });
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('validation messages', () => {
  afterAll(() => setValidationLanguage('vi'));

  it('are plain Vietnamese, and a schema’s own message wins', () => {
    setValidationLanguage('vi');
    expect(messages()).toEqual({
      id: 'Mã không hợp lệ',
      name: 'Không được để trống',
      code: 'Cần ít nhất 3 ký tự',
      year: 'Phải là số nguyên',
      count: 'Phải lớn hơn 0',
      kind: 'Giá trị không nằm trong danh sách cho phép',
      on: 'Ngày không hợp lệ (năm-tháng-ngày)',
      tags: 'Chọn ít nhất 1',
      required: 'Bắt buộc nhập',
      own: 'Nhập họ tên',
    });
    expect(z.number().max(2200).safeParse(3000).error?.issues[0]?.message).toBe('Tối đa là 2.200');
  });

  it('switch to English', () => {
    setValidationLanguage('en');
    expect(messages()).toMatchObject({
      id: 'Not a valid id',
      name: 'Must not be empty',
      required: 'Required',
      own: 'Nhập họ tên',
    });
  });
});
