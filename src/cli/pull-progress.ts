/**
 * How `tooluse pull` shows progress: on a TTY one line redrawn in place with a bar
 * (`pulling 6a0746a1ec1a  [██████░░░░]  60%  2.8 GB/4.7 GB`); otherwise plain lines, one per status
 * change and one per 10% of a download, so logs stay short.
 */

import { formatBytes } from "../models/model-info.ts";
import type { PullProgress } from "../models/pull-model.ts";
import type { OutputStream } from "./command-io.ts";

const BAR_WIDTH = 24;

export class PullProgressView {
  private lastStatus: string | undefined;
  private lastDecile = -1;
  private drawn = false;

  constructor(
    private readonly out: OutputStream,
    private readonly tty: boolean,
  ) {}

  show(event: PullProgress): void {
    const percent = event.total ? Math.floor((100 * (event.completed ?? 0)) / event.total) : undefined;
    if (this.tty) {
      this.out.write(`\r\x1b[2K${this.line(event, percent)}`);
      this.drawn = true;
      if (percent === undefined || percent === 100) this.newline();
      return;
    }
    const statusChanged = event.status !== this.lastStatus;
    if (statusChanged) this.lastDecile = -1;
    this.lastStatus = event.status;
    if (percent === undefined) {
      if (statusChanged) this.out.write(`${event.status}\n`);
      return;
    }
    const decile = Math.floor(percent / 10);
    if (decile === this.lastDecile) return;
    this.lastDecile = decile;
    this.out.write(`${this.line(event, percent)}\n`);
  }

  /** Ends a line drawn in place (before an error message, say). */
  finish(): void {
    if (this.drawn) this.newline();
  }

  private newline(): void {
    this.out.write("\n");
    this.drawn = false;
  }

  private line(event: PullProgress, percent: number | undefined): string {
    if (percent === undefined) return event.status;
    const bytes = `${formatBytes(event.completed ?? 0)}/${formatBytes(event.total)}`;
    if (!this.tty) return `${event.status} ${percent}% ${bytes}`;
    const filled = Math.round((BAR_WIDTH * percent) / 100);
    const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
    return `${event.status}  [${bar}] ${String(percent).padStart(3)}%  ${bytes}`;
  }
}
