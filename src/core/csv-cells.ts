/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with = + - @, a tab or
 * a carriage return (or their full-width forms, which some spreadsheets read the same way) is
 * evaluated when the sheet is opened, so a title like `=HYPERLINK(...)` becomes a live link.
 * Every CSV lotcast writes passes its text cells through `neutraliseCell` (one leading
 * apostrophe: the spreadsheet shows the text as typed); lotcast's importer undoes exactly that
 * with `restoreCell`, so its own export re-imports unchanged.
 */

const DANGER = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const ADDED = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain number (`-5.00`, `+3`, `.5`) is a number to a spreadsheet, not a formula: kept as is. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The text to write for one cell. Cells already starting with apostrophes before such a
 * character get one more, so `restoreCell` can always tell lotcast's apostrophe from the data's.
 */
export function neutraliseCell(value: string): string {
  if (value === '' || !DANGER.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** The reverse of `neutraliseCell`, for cells read back by the importer. */
export function restoreCell(value: string): string {
  return value.charCodeAt(0) === 39 /* ' */ && ADDED.test(value) ? value.slice(1) : value;
}
