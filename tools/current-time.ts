/**
 * current_time: the current date and time, in UTC and optionally in an IANA time zone.
 */
import { z } from "zod";
import { defineTool } from "../src/tools/define-tool.ts";

export interface CurrentTimeOptions {
  /** The clock (injectable for tests). */
  readonly now?: () => Date;
}

export function createCurrentTimeTool(options: CurrentTimeOptions = {}) {
  const now = options.now ?? (() => new Date());
  return defineTool({
    name: "current_time",
    description: "Get the current date and time. Optionally give an IANA time zone such as 'Europe/Paris'.",
    input: z.object({
      timezone: z.string().optional().describe("IANA time zone name, e.g. 'America/New_York' (default UTC)"),
    }),
    execute: ({ timezone }) => {
      const date = now();
      const zone = timezone ?? "UTC";
      let local: string;
      try {
        local = new Intl.DateTimeFormat("en-CA", {
          timeZone: zone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          second: "2-digit",
          hour12: false,
          weekday: "long",
        }).format(date);
      } catch {
        throw new Error(`unknown time zone "${zone}"; use an IANA name such as "Europe/Paris"`);
      }
      return { utc: date.toISOString(), timezone: zone, local };
    },
  });
}

export const currentTime = createCurrentTimeTool();
