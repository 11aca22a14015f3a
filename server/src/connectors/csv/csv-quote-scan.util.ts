import { createReadStream } from 'node:fs';

/** Where a quoted value opens: 1-based line, and the position of its field in the record. */
export interface QuotePosition {
  line: number;
  column: number;
}

/**
 * Follows the quoting of a CSV text fed in chunks, the way csv-parse reads it (a quote opens a
 * value only at the start of a field; `""` inside is a quote; line breaks inside quotes belong to
 * the value), to tell where a quote that is never closed opened: csv-parse only names the end of
 * the file, where it gave up.
 */
export class QuoteScanner {
  private line = 1;
  private field = 1;
  private atFieldStart = true;
  private quoted: QuotePosition | null = null;
  /** Inside quotes, a quote was just read: the next character says whether it closed the value or was doubled. */
  private quotePending = false;
  private lastLine = 1;
  private started = false;

  feed(chunk: string): void {
    for (let at = 0; at < chunk.length; at++) {
      const char = chunk[at];
      if (!this.started) {
        this.started = true;
        if (char === '\uFEFF') continue;
      }
      this.lastLine = this.line;
      if (this.quoted !== null) {
        if (this.quotePending) {
          this.quotePending = false;
          if (char === '"') continue;
          this.quoted = null;
          this.atFieldStart = false;
          this.outside(char);
        } else if (char === '"') {
          this.quotePending = true;
        } else if (char === '\n') {
          this.line++;
        }
        continue;
      }
      this.outside(char);
    }
  }

  /** The quote still open at the end of the text, or null. */
  unclosed(): QuotePosition | null {
    return this.quotePending ? null : this.quoted;
  }

  /** The line of the last character read (a final line break ends its line, it starts none). */
  lastLineRead(): number {
    return this.lastLine;
  }

  private outside(char: string): void {
    if (char === '"' && this.atFieldStart) {
      this.quoted = { line: this.line, column: this.field };
    } else if (char === ',') {
      this.field++;
      this.atFieldStart = true;
    } else if (char === '\n') {
      this.line++;
      this.field = 1;
      this.atFieldStart = true;
    } else if (char !== '\r') {
      this.atFieldStart = false;
    }
  }
}

/** Reads the file once more to find where its unclosed quote opens (only on that error: a second read is cheap next to a failed import). */
export async function findUnclosedQuote(path: string): Promise<{ opened: QuotePosition; lastLine: number } | null> {
  const scanner = new QuoteScanner();
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) scanner.feed(chunk as string);
  const opened = scanner.unclosed();
  return opened === null ? null : { opened, lastLine: scanner.lastLineRead() };
}
