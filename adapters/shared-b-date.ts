/**
 * strftime for the few patterns chat templates print (in UTC, so renders do not depend on the
 * machine's time zone).
 */
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad = (value: number): string => String(value).padStart(2, "0");

/** Supports %Y %m %d %B %b %H %M %S and %%. */
export function strftime(date: Date, pattern: string): string {
  return pattern.replace(/%([YmdBbHMS%])/g, (_, code: string) => {
    switch (code) {
      case "Y":
        return String(date.getUTCFullYear());
      case "m":
        return pad(date.getUTCMonth() + 1);
      case "d":
        return pad(date.getUTCDate());
      case "B":
        return MONTHS[date.getUTCMonth()]!;
      case "b":
        return MONTHS[date.getUTCMonth()]!.slice(0, 3);
      case "H":
        return pad(date.getUTCHours());
      case "M":
        return pad(date.getUTCMinutes());
      case "S":
        return pad(date.getUTCSeconds());
      default:
        return "%";
    }
  });
}
