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

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
