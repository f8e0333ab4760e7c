/**
 * The titles of the events' prizes in the tax records: written once, in both languages, from the
 * language files (`events.tax.*`), as the records keep a product's title in both. The translator
 * escapes its arguments for HTML, but a record's title is data (its CSV, escaped again where a page
 * shows it): so the arguments go in as plain markers and the raw values replace them after
 * translation — an admin's prize "Tea & <cakes>" stays exactly that.
 */
import type { Host } from '../../host';

const LANGS = ['en-GB', 'ru'] as const;

export type BothLanguages = { 'en-GB': string; ru: string };

const marker = (i: number) => `EVENTSARG${i}X`;

export async function titleInBoth(host: Host, key: string, args: (string | number)[]): Promise<BothLanguages> {
  const token = `[[bonus:${key}${args.map((_a, i) => `, ${marker(i)}`).join('')}]]`;
  const out = { 'en-GB': '', ru: '' };
  for (const lang of LANGS) {
    let text = await host.translator.translate(token, lang);
    args.forEach((a, i) => { text = text.split(marker(i)).join(String(a)); });
    out[lang] = text;
  }
  return out;
}
