// RFC 4180 CSV: every field quoted when it needs to be, CRLF line ends, a header of every field
// any row holds (in first-seen order), arrays joined with "; ".

type Cell = string | number | boolean | null | undefined | readonly unknown[];

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.map(String).join('; ') : String(value);
  // A spreadsheet runs a cell starting with these as a formula: quote it as text instead.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of flat records as CSV text, with a header naming every column. */
export function toCsv(rows: readonly Readonly<Record<string, unknown>>[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const lines = [columns.map((c) => cell(c)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c] as Cell)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
