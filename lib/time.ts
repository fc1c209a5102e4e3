// Times are shown in UTC in one fixed format. A locale or time zone (toLocaleString and
// friends) differs between the server and the browser, so client components rendered on the
// server would not hydrate; and people in different places then read the same figures.

const LENGTH = { day: 10, minute: 16, second: 19, millisecond: 23 } as const;

/** "2026-10-01 08:05 UTC" (or to the day, second or millisecond). */
export function formatUtc(value: Date | string, precision: keyof typeof LENGTH = "minute"): string {
  const iso = new Date(value).toISOString().slice(0, LENGTH[precision]);
  return precision === "day" ? iso : `${iso.replace("T", " ")} UTC`;
}
