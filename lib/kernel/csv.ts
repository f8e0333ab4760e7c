/**
 * CSV (RFC 4180) for exports opened in spreadsheets: every cell quoted, quotes doubled, CRLF line
 * ends, and cells that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with `'`
 * (OWASP "CSV injection"), since member-typed text (names, addresses) ends up in the file.
 */
export type Cell = string | number | null;

export function csvCell(value: Cell): string {
  let s = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * `excel`: for Excel with Russian (and most European) regional settings, which splits columns on
 * the list separator `;` and reads a file as UTF-8 only after a byte-order mark.
 */
export function toCsv(header: string[], rows: Cell[][], options: { excel?: boolean } = {}): string {
  const sep = options.excel ? ';' : ',';
  return (options.excel ? '\uFEFF' : '') + [header, ...rows].map((r) => r.map(csvCell).join(sep)).join('\r\n') + '\r\n';
}
