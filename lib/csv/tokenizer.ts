/** The incremental RFC 4180 state machine shared by the streaming and synchronous parsers. */

export class CsvError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`Line ${line}: ${message}`);
    this.name = "CsvError";
    this.line = line;
  }
}

export interface CsvRecord {
  /** 1-based physical line on which the record starts (multi-line quoted fields push later records down). */
  line: number;
  record: string[];
}

export interface CsvOptions {
  delimiter?: string;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3; // inside a quoted field, just after a quote: either the closing one or half of ""

export function checkDelimiter(delimiter: string): string {
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) throw new TypeError(`Invalid CSV delimiter: ${JSON.stringify(delimiter)}`);
  return delimiter;
}

/** Incremental state machine: all state lives on the instance so a chunk may end anywhere. */
export class Tokenizer {
  private readonly delim: number;
  private state = FIELD_START;
  private field = "";
  private record: string[] = [];
  private line = 1;
  private startLine = 1;
  private quoteLine = 1;
  private lastWasCR = false;
  private hasContent = false;
  private atInputStart = true;

  constructor(delimiter = ",") {
    this.delim = checkDelimiter(delimiter).charCodeAt(0);
  }

  get currentLine(): number {
    return this.line;
  }

  push(text: string, out: CsvRecord[]): void {
    let run = -1; // start of field text not yet copied into this.field; slicing beats per-char concat
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.atInputStart) {
        this.atInputStart = false;
        if (c === BOM) continue;
      }
      if (c === LF && this.lastWasCR) {
        // Second half of a CRLF, possibly split across chunks: the line was already counted.
        this.lastWasCR = false;
        if (this.state === QUOTED && run < 0) run = i;
        continue;
      }
      this.lastWasCR = c === CR;
      const lineBreak = c === CR || c === LF;
      if (!this.hasContent && !lineBreak) {
        this.hasContent = true;
        this.startLine = this.line;
      }
      switch (this.state) {
        case QUOTED:
          if (c === QUOTE) {
            if (run >= 0) this.field += text.slice(run, i);
            run = -1;
            this.state = QUOTE_SEEN;
          } else {
            if (run < 0) run = i;
            if (lineBreak) this.line++;
          }
          break;
        case UNQUOTED:
          if (c === QUOTE) throw new CsvError(this.line, "quote in the middle of an unquoted field");
          if (c !== this.delim && !lineBreak) {
            if (run < 0) run = i;
            break;
          }
          if (run >= 0) this.field += text.slice(run, i);
          run = -1;
          this.endField(c, out);
          break;
        case QUOTE_SEEN:
          if (c === QUOTE) {
            this.state = QUOTED;
            run = i; // the second quote of "" is literal text
          } else if (c === this.delim || lineBreak) this.endField(c, out);
          else throw new CsvError(this.line, "unexpected character after a closing quote");
          break;
        default: // FIELD_START
          if (c === QUOTE) {
            this.state = QUOTED;
            this.quoteLine = this.line;
          } else if (c === this.delim || lineBreak) this.endField(c, out);
          else {
            this.state = UNQUOTED;
            run = i;
          }
      }
    }
    if (run >= 0) this.field += text.slice(run);
  }

  end(out: CsvRecord[]): void {
    if (this.state === QUOTED) throw new CsvError(this.quoteLine, "unterminated quoted field");
    if (this.hasContent) this.endRecord(out);
  }

  private endField(c: number, out: CsvRecord[]): void {
    if (c === this.delim) {
      this.record.push(this.field);
      this.field = "";
      this.state = FIELD_START;
      return;
    }
    if (this.hasContent) this.endRecord(out); // otherwise a fully empty line: skip it
    this.line++;
  }

  private endRecord(out: CsvRecord[]): void {
    this.record.push(this.field);
    out.push({ line: this.startLine, record: this.record });
    this.record = [];
    this.field = "";
    this.state = FIELD_START;
    this.hasContent = false;
  }
}
