// Row ids are UUIDs. Ids that arrive in paths, pages, cookies and cursors are checked against
// the pattern before they reach a query: anything else names nothing.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
