/**
 * A text cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 * leading quote, so exported content cannot become code when the file is opened. Only text is
 * touched: a number such as -3 stays a number.
 */
export function neutralizeCell(value: unknown, text: string): string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
