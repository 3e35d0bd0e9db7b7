/** Normalises a Vietnamese phone number to 0xxxxxxxxx (mobile) or 02xxxxxxxxx (landline); null if it is not one. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  let digits: string;
  if (compact.startsWith('+84')) digits = `0${compact.slice(3)}`;
  else if (compact.startsWith('0084')) digits = `0${compact.slice(4)}`;
  else if (/^84\d{9,10}$/.test(compact)) digits = `0${compact.slice(2)}`;
  else digits = compact;
  if (digits.startsWith('00')) return null;
  return /^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits) ? digits : null;
}

/** Masks a normalised phone number, keeping the last three digits. */
export function maskPhone(phone: string): string {
  return `${'•'.repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}`;
}
