/** Shared bits of the pages' data: dates and pagination. */
import { parseId } from './input';
import type { Services } from '../services';
import { dateTimeText } from './dates';

/**
 * Dates on pages: `date` (ISO) goes into the `title` of a `<span class="timeago">`, which NodeBB's
 * client turns into "3 hours ago" in the reader's language; `dateText` is what shows before that
 * (and without JavaScript): the UTC minute, `2026-09-01 09:00`.
 */
export const isoMinute = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** A date and time as the reader sees it: the club's configured zone, the page language's format. */
export type When = (ms: number) => string;

export async function whenFor(services: Services, lang: string): Promise<When> {
  // the settings are parsed and validated: their time zone is a known IANA zone
  const zone = (await services.settings.get()).timeZone;
  return (ms) => dateTimeText(ms, lang, zone);
}

/** The `page` query parameter: a canonical whole number from 1 to 1,000,000 (anything else is page 1). */
export const pageParam = (raw: string | undefined): number => {
  const page = parseId(raw);
  return page !== null && page <= 1_000_000 ? page : 1;
};

/**
 * Pagination of a list whose length is not counted (counting it would read a structure that grows
 * with the member's history): the page and the links around it; `hasMore` says an older page exists.
 */
export function pagingWithoutCount(page: number, hasMore: boolean, url: (page: number) => string) {
  return {
    page, multiple: page > 1 || hasMore,
    prevUrl: page > 1 ? url(page - 1) : '', nextUrl: hasMore ? url(page + 1) : '',
  };
}

/** Pagination data the list templates show: the page, the number of pages, and the links around it. */
export function pagination(page: number, total: number, perPage: number, url: (page: number) => string) {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  return {
    page, pageCount, total, multiple: pageCount > 1,
    prevUrl: page > 1 ? url(page - 1) : '', nextUrl: page < pageCount ? url(page + 1) : '',
  };
}
