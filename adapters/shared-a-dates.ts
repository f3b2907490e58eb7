/**
 * Dates as templates print them with `strftime_now` (local time, English month names).
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const pad2 = (value: number): string => String(value).padStart(2, "0");

/** `%d %b %Y`, e.g. "07 Mar 2025" (Llama 3.x "Today Date"). */
export function dayMonthYear(date: Date): string {
  return `${pad2(date.getDate())} ${MONTHS[date.getMonth()]!} ${date.getFullYear()}`;
}

/** `%Y-%m-%d`, e.g. "2025-03-07" (Mistral Small 3.2). */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}
