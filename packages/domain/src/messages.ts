import { z } from 'zod';

/**
 * Plain validation messages for people, in Vietnamese or English, for every zod schema that does
 * not carry its own message. zod's own locale text ("Quá nhỏ: mong đợi string có >=1 ký tự") is
 * kept only as the fallback for the rarer cases.
 */
export type MessageLanguage = 'vi' | 'en';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const words = {
  vi: {
    required: 'Bắt buộc nhập',
    empty: 'Không được để trống',
    number: 'Phải là một số',
    integer: 'Phải là số nguyên',
    text: 'Phải là chữ',
    yesNo: 'Phải là có hoặc không',
    list: 'Phải là một danh sách',
    minText: (n: string) => `Cần ít nhất ${n} ký tự`,
    maxText: (n: string) => `Tối đa ${n} ký tự`,
    exactText: (n: string) => `Phải đúng ${n} ký tự`,
    minNumber: (n: string) => `Phải từ ${n} trở lên`,
    moreThan: (n: string) => `Phải lớn hơn ${n}`,
    maxNumber: (n: string) => `Tối đa là ${n}`,
    lessThan: (n: string) => `Phải nhỏ hơn ${n}`,
    minItems: (n: string) => `Chọn ít nhất ${n}`,
    maxItems: (n: string) => `Chọn tối đa ${n}`,
    oneOf: 'Giá trị không nằm trong danh sách cho phép',
    date: 'Ngày không hợp lệ (năm-tháng-ngày)',
    datetime: 'Thời điểm không hợp lệ',
    email: 'Địa chỉ email không hợp lệ',
    url: 'Đường dẫn không hợp lệ',
    id: 'Mã không hợp lệ',
    format: 'Sai định dạng',
    unknownFields: (keys: string) => `Có trường không được chấp nhận: ${keys}`,
  },
  en: {
    required: 'Required',
    empty: 'Must not be empty',
    number: 'Must be a number',
    integer: 'Must be a whole number',
    text: 'Must be text',
    yesNo: 'Must be yes or no',
    list: 'Must be a list',
    minText: (n: string) => `At least ${n} characters`,
    maxText: (n: string) => `At most ${n} characters`,
    exactText: (n: string) => `Exactly ${n} characters`,
    minNumber: (n: string) => `Must be ${n} or more`,
    moreThan: (n: string) => `Must be more than ${n}`,
    maxNumber: (n: string) => `Must be at most ${n}`,
    lessThan: (n: string) => `Must be less than ${n}`,
    minItems: (n: string) => `Choose at least ${n}`,
    maxItems: (n: string) => `Choose at most ${n}`,
    oneOf: 'Not one of the allowed values',
    date: 'Not a valid date (year-month-day)',
    datetime: 'Not a valid time',
    email: 'Not a valid email address',
    url: 'Not a valid link',
    id: 'Not a valid id',
    format: 'Wrong format',
    unknownFields: (keys: string) => `Fields not accepted: ${keys}`,
  },
};

/** The plain message for an issue, or undefined to fall back to zod's locale text. */
export function plainMessage(issue: Issue, language: MessageLanguage): string | undefined {
  const w = words[language];
  const n = (v: number | bigint) => v.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return w.required;
      if (issue.expected === 'number') return w.number;
      if (issue.expected === 'int') return w.integer;
      if (issue.expected === 'string') return w.text;
      if (issue.expected === 'boolean') return w.yesNo;
      if (issue.expected === 'array') return w.list;
      return undefined;
    case 'too_small': {
      const min = n(issue.minimum);
      if (issue.origin === 'string') {
        if (issue.exact) return w.exactText(min);
        return Number(issue.minimum) <= 1 ? w.empty : w.minText(min);
      }
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? w.moreThan(min) : w.minNumber(min);
      if (issue.origin === 'array' || issue.origin === 'set') return w.minItems(min);
      return undefined;
    }
    case 'too_big': {
      const max = n(issue.maximum);
      if (issue.origin === 'string') return issue.exact ? w.exactText(max) : w.maxText(max);
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? w.lessThan(max) : w.maxNumber(max);
      if (issue.origin === 'array' || issue.origin === 'set') return w.maxItems(max);
      return undefined;
    }
    case 'invalid_format':
      if (issue.format === 'date') return w.date;
      if (issue.format === 'datetime') return w.datetime;
      if (issue.format === 'email') return w.email;
      if (issue.format === 'url') return w.url;
      if (issue.format === 'uuid' || issue.format === 'guid') return w.id;
      return w.format;
    case 'invalid_value':
      return w.oneOf;
    case 'unrecognized_keys':
      return w.unknownFields(issue.keys.join(', '));
    default:
      return undefined;
  }
}

/** Makes every schema without its own message speak `language` (call once, and on a switch). */
export function setValidationLanguage(language: MessageLanguage): void {
  z.config({
    ...(language === 'vi' ? z.locales.vi() : z.locales.en()),
    customError: (issue) => plainMessage(issue, language),
  });
}
