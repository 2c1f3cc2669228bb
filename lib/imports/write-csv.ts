import { stringify } from "csv-stringify/sync";

/**
 * How a cell a spreadsheet would run as a formula starts: = + - @, tab and CR, and the full-width forms Apple Numbers
 * also reads (OWASP "CSV Injection"), after any leading spaces or tabs, which spreadsheets skip (" =1" runs too).
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A cell prefixed with ' when a spreadsheet would run it as a formula, so it shows as text: `=HYPERLINK(…)` becomes
 * `'=HYPERLINK(…)`. Numbers with a sign too ("+14155550123"): unescaped, Excel would read a direct number as a number,
 * dropping its + (and showing a long one as 4.42079E+11).
 */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * The inverse of escapeFormula, for a file we exported coming back ("rows with errors", fixed and uploaded again):
 * `'+14155550123` is the direct number again. Other apostrophes are kept.
 */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * CSV text of a header and rows, as Excel opens it right: UTF-8 with a BOM (or accents come out as "JosÃ©"), CRLF,
 * values with a delimiter, quote or line break quoted, and formula-looking cells escaped (escapeFormula).
 */
export function toCsv(header: string[], rows: string[][]): string {
  return csvOf([header, ...rows], { bom: true });
}

/** Rows as CSV text in the same way, for a file written in pieces (the BOM only in front of the first). */
export function csvOf(rows: string[][], { bom = false } = {}): string {
  return stringify(
    rows.map((cells) => cells.map(escapeFormula)),
    {
      bom,
      record_delimiter: "windows",
      // csv-stringify quotes a value containing the record delimiter (CRLF), not a lone LF or CR: Excel needs those quoted too.
      quoted_match: /[\r\n]/,
    },
  );
}
