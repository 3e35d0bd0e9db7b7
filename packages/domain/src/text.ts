/** Folds Vietnamese text for search: NFD, combining marks removed, đ→d, lower case, spaces collapsed. */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalises stored text to NFC with trimmed, single spaces. */
export function cleanText(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two strings in Vietnamese dictionary order. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Escapes LIKE wildcards so user input matches literally (used with ESCAPE '\\'). */
export function escapeLike(input: string): string {
  return input.replace(/[\\%_]/g, (c) => `\\${c}`);
}
