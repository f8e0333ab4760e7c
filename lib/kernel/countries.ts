/**
 * Countries the club delivers to and activates licenses in: ISO 3166-1 alpha-2 codes. Their names
 * live in the language files (`bonus:country.ru`); `ZZ` (ISO's user-assigned "unknown") stands for
 * any other country.
 */
export const OTHER_COUNTRY = 'ZZ';

export const COUNTRY_CODES = [
  'RU', 'BY', 'KZ', 'UA', 'UZ', 'KG', 'TJ', 'TM', 'AM', 'AZ', 'GE', 'MD', OTHER_COUNTRY,
] as const;

export type CountryCode = string;

const KNOWN = new Set<string>(COUNTRY_CODES);

/** Upper-cases and checks shape: two letters. Any ISO-shaped code is accepted (admins may add more). */
export function normaliseCountry(raw: string): CountryCode | undefined {
  const code = raw.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
}

export function isListedCountry(code: string): boolean {
  return KNOWN.has(code);
}

/** The language key of a country's name; unlisted codes show as "other country". */
export function countryNameKey(code: string): string {
  return `country.${(isListedCountry(code) ? code : OTHER_COUNTRY).toLowerCase()}`;
}
