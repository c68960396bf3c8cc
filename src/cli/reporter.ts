/**
 * The one place that prints. Progress on a terminal (one updating line), plain lines otherwise;
 * findings grouped and printed once; the summary last.
 */
import { formatWhere } from '../errors.js';
import type { Problem } from '../problems.js';

export interface Output {
  write(s: string): void;
  isTTY: boolean;
}

export class Reporter {
  private progressShown = false;
  private readonly seen = new Set<string>();
  quiet = false;

  constructor(
    readonly out: Output,
    readonly err: Output,
  ) {}

  progress(text: string): void {
    if (this.quiet) return;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${text}`);
      this.progressShown = true;
    }
  }

  line(text: string): void {
    this.clearProgress();
    this.out.write(text + '\n');
  }

  problem(p: Problem): void {
    const k = `${p.severity}|${p.code}|${p.lang}|${p.message}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.clearProgress();
    const where = formatWhere(p);
    const tag = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'note';
    const lang = p.lang ? `[${p.lang}] ` : '';
    this.err.write(`${this.color(tag, p.severity)} ${p.code} ${lang}${where ? where + ': ' : ''}${p.message}\n`);
  }

  error(text: string): void {
    this.clearProgress();
    this.err.write(text.replace(/^error/, this.color('error', 'error')) + '\n');
  }

  private clearProgress(): void {
    if (this.progressShown) {
      this.out.write('\r\x1b[2K');
      this.progressShown = false;
    }
  }

  private color(s: string, sev: Problem['severity']): string {
    if (!this.err.isTTY || process.env.NO_COLOR) return s;
    const code = sev === 'error' ? 31 : sev === 'warning' ? 33 : 36;
    return `\x1b[${code}m${s}\x1b[0m`;
  }
}
