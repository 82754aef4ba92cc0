// Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as the records carry them, turned into the
// span of days they cover, so a year-precise fact is drawn across its whole year.

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY = 86_400_000;

/** First and last millisecond (UTC midnight of the first and last day) a partial date covers. */
export function bounds(value: string | null | undefined): [number, number] | null {
  if (!value) return null;
  const m = PARTIAL.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return [Date.UTC(year, 0, 1), Date.UTC(year, 11, 31)];
  const month = Number(m[2]) - 1;
  if (m[3] === undefined) return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 0)];
  const day = Date.UTC(year, month, Number(m[3]));
  return [day, day];
}

/** The middle of a partial date's span: where a year- or month-precise event is placed on an axis. */
export function midpoint(value: string | null | undefined): number | null {
  const b = bounds(value);
  return b ? Math.round((b[0] + b[1]) / 2 / DAY) * DAY : null;
}

/** YYYY-MM-DD of a UTC millisecond time. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days since the epoch, the unit of the as-of slider. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY);
}

export function fromDayNumber(day: number): number {
  return day * DAY;
}

/** A readable span: "2014-06 – 2019", "since 2003", "until 2011", or "undated". */
export function describeSpan(from?: string | null, to?: string | null): string {
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `since ${from}`;
  if (to) return `until ${to}`;
  return "undated";
}
