/**
 * An expected refusal, shown to the person who asked. `code` is a key of the `bonus` language
 * namespace (`error.not-enough-points`); the host translates it for the caller.
 */
export class BonusError extends Error {
  constructor(
    readonly code: string,
    readonly args: (string | number)[] = [],
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(translationToken(code, args));
    this.name = 'BonusError';
  }
}

/**
 * `[[bonus:error.x, 5, name]]`. Arguments are data, never keys: `%` and `,` are escaped as NodeBB's
 * `translator.compile` does, and every bracket as `&lsqb;`/`&rsqb;` (NodeBB's translator decodes `&#91;`
 * before it checks whether an argument is itself a `[[key]]` to translate, but keeps `&lsqb;`). The
 * translator HTML-escapes arguments, so the result is safe HTML.
 */
export function translationToken(key: string, args: (string | number)[] = [], namespace = 'bonus'): string {
  const escaped = args.map((a) => String(a).replace(/%/g, '&#37;').replace(/,/g, '&#44;').replace(/\[/g, '&lsqb;').replace(/\]/g, '&rsqb;'));
  return `[[${namespace}:${[key, ...escaped].join(', ')}]]`;
}
