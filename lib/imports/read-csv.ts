import { Readable, pipeline } from "node:stream";
import { CsvError, parse, type CsvErrorCode, type InfoRecord, type Options } from "csv-parse";
import { DomainError } from "@/lib/errors";

/**
 * Reads an uploaded member list (SPEC §4.5) as a stream: bytes → text (encoding from the BOM) → csv-parse → rows with
 * their line numbers. Memory stays flat whatever the file's size; a limit or a bad byte stops the upload at once.
 * Headers and values are left as they are (no trimming, no matching): the import's validation does that.
 */

export type CsvRow = {
  /** The 1-based physical line where the row starts (a quoted value may run over several lines). */
  line: number;
  values: string[];
};
export type CsvDelimiter = "," | ";" | "\t";
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be";
export type CsvReadOptions = {
  maxBytes: number;
  /** Data rows, the header not counted. */
  maxRows: number;
  /** Called with the bytes read so far, every 64 KiB or so and once at the end. */
  onProgress?: (bytesRead: number) => void;
  signal?: AbortSignal;
};
/** A request body (`request.body`, `file.stream()`) or any stream of bytes, such as a Node stream. */
export type CsvSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
export type CsvFile = {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** The first row that isn't blank. */
  header: CsvRow;
  /**
   * The data rows, read from the upload as you iterate. Blank rows (nothing but spaces and delimiters, as Excel
   * writes for empty lines) are skipped. Throws CsvFileError midway for a bad file; stop early with
   * `rows.return()` (or `break` in a for await) to release the upload.
   */
  rows: AsyncGenerator<CsvRow, void, undefined>;
};

export type CsvFileErrorCode =
  | "empty" | "workbook" | "not-text" | "invalid-utf8" | "too-large" | "too-many-rows" | "malformed" | "cancelled";

/** A file the import refuses as a whole, with a message a manager can act on. */
export class CsvFileError extends DomainError {
  constructor(readonly code: CsvFileErrorCode, message: string, readonly line?: number) {
    super(message);
  }
}

const SAVE_AS_CSV = "In Excel, choose File › Save As › 'CSV UTF-8 (Comma delimited)' and upload that file.";
const SPLIT = "the most one import takes. Split it into smaller files.";
const numbers = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

const fileErrors = {
  empty: () =>
    new CsvFileError("empty", "The file is empty. Download the sample file, fill in one row per member, and upload it."),
  workbook: (extension: string) =>
    new CsvFileError("workbook", `This is an Excel workbook (${extension}), not a CSV file. ${SAVE_AS_CSV}`),
  notText: (kind: string) =>
    new CsvFileError("not-text", `This file isn't a CSV file (it looks like ${kind}). Upload the CSV file you saved from your spreadsheet.`),
  invalidText: (encoding: CsvEncoding, line: number) =>
    new CsvFileError(
      "invalid-utf8",
      `This file has characters that aren't ${encoding === "utf-8" ? "UTF-8" : "Unicode"} text (around line ${line}). ${SAVE_AS_CSV}`,
      line,
    ),
  tooLarge: (maxBytes: number) => new CsvFileError("too-large", `The file is larger than ${sizeText(maxBytes)}, ${SPLIT}`),
  tooManyRows: (maxRows: number, line: number) =>
    new CsvFileError("too-many-rows", `The file has more than ${numbers.format(maxRows)} rows, ${SPLIT}`, line),
  cancelled: (cause: unknown) => {
    const error = new CsvFileError("cancelled", "The upload was cancelled before the whole file arrived. Nothing was imported.");
    error.cause = cause;
    return error;
  },
};

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${numbers.format(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${numbers.format(bytes / 1024)} KB`;
  return `${numbers.format(bytes)} bytes`;
}

/**
 * Opens an uploaded CSV: checks that it is text, picks the encoding and the delimiter, and reads up to the header.
 * Errors found by then (empty, a workbook, not text, too large…) are thrown here; later ones come from `rows`.
 */
export async function readCsv(source: CsvSource, options: CsvReadOptions): Promise<CsvFile> {
  const file: Pick<CsvFile, "encoding" | "delimiter"> = { encoding: "utf-8", delimiter: "," };
  const rows = readRows(decodeText(guardBytes(source, options), file), file, options.maxRows);
  const header = await rows.next();
  if (header.done) throw fileErrors.empty();
  return { ...file, header: header.value, rows };
}

const PROGRESS_STEP = 64 * 1024;

/** The upload's bytes, with the size limit, progress and cancellation applied as they arrive. */
async function* guardBytes(source: CsvSource, { maxBytes, onProgress, signal }: CsvReadOptions): AsyncGenerator<Uint8Array> {
  // Node's ReadableStream is async-iterable, but TypeScript's DOM types don't say so.
  const chunks = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let bytesRead = 0;
  let reported = 0;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await untilAborted(chunks.next(), signal);
      } catch (cause) {
        // A dropped connection or a cancelled upload: the file is incomplete, whatever the reason.
        throw fileErrors.cancelled(cause);
      }
      if (step.done) break;
      bytesRead += step.value.byteLength;
      if (bytesRead > maxBytes) throw fileErrors.tooLarge(maxBytes);
      if (onProgress && bytesRead - reported >= PROGRESS_STEP) onProgress((reported = bytesRead));
      yield step.value;
    }
    if (onProgress && reported !== bytesRead) onProgress(bytesRead);
  } finally {
    // Not awaited: a stalled upload may never answer, and we are done with it either way.
    Promise.resolve(chunks.return?.()).catch(() => undefined);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}

/** What a file starts with, checked before the BOM: people upload workbooks and screenshots too. */
const SIGNATURES: { bytes: number[]; error: () => CsvFileError }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], error: () => fileErrors.workbook(".xlsx") }, // a ZIP: .xlsx, .ods
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], error: () => fileErrors.workbook(".xls") },
  { bytes: [0x25, 0x50, 0x44, 0x46], error: () => fileErrors.notText("a PDF document") },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], error: () => fileErrors.notText("a PNG image") },
  { bytes: [0xff, 0xd8, 0xff], error: () => fileErrors.notText("a JPEG image") },
];
const BOMS: { bytes: number[]; encoding: CsvEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" }, // Excel's "Unicode Text"
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];
const SIGNATURE_LENGTH = 8;

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((byte, i) => data[i] === byte);

/**
 * Bytes to text. The encoding comes from the BOM (none means UTF-8), which is dropped. Decoding is strict, so a file
 * saved in a legacy code page (Windows-1252…) is refused instead of importing "JosÃ©".
 */
async function* decodeText(bytes: AsyncIterable<Uint8Array>, file: { encoding: CsvEncoding }): AsyncGenerator<string> {
  let head: Uint8Array = new Uint8Array(0); // the first bytes, until there are enough to check the signature
  let decoder: StrictDecoder | undefined;
  for await (const chunk of bytes) {
    if (decoder) {
      yield* decoder.decode(chunk);
      continue;
    }
    head = concat(head, chunk);
    if (head.length >= SIGNATURE_LENGTH) ({ decoder, head } = openDecoder(head, file));
    if (decoder) yield* decoder.decode(head);
  }
  if (!decoder) {
    if (head.length === 0) return;
    ({ decoder, head } = openDecoder(head, file));
    yield* decoder.decode(head);
  }
  yield* decoder.decode();
}

/** Checks what the file starts with and opens a decoder for its encoding; `head` is what follows the BOM. */
function openDecoder(start: Uint8Array, file: { encoding: CsvEncoding }): { decoder: StrictDecoder; head: Uint8Array } {
  for (const signature of SIGNATURES) if (startsWith(start, signature.bytes)) throw signature.error();
  const bom = BOMS.find((candidate) => startsWith(start, candidate.bytes));
  file.encoding = bom?.encoding ?? "utf-8";
  return { decoder: new StrictDecoder(file.encoding), head: start.subarray(bom?.bytes.length ?? 0) };
}

/** A streaming TextDecoder that refuses invalid bytes and NUL, saying on which line. */
class StrictDecoder {
  private readonly decoder: TextDecoder;
  private line = 1;

  constructor(private readonly encoding: CsvEncoding) {
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  /** The text of the next chunk (none when it is empty), or of what is left at the end (no chunk). */
  *decode(chunk?: Uint8Array): Generator<string> {
    let text: string;
    try {
      text = chunk ? this.decoder.decode(chunk, { stream: true }) : this.decoder.decode();
    } catch {
      throw fileErrors.invalidText(this.encoding, this.line + linesBeforeInvalid(chunk, this.encoding));
    }
    // NUL never occurs in a spreadsheet's text; it does in binary files (and in UTF-16 saved without a BOM).
    if (text.includes("\0")) throw fileErrors.notText("binary data rather than text");
    this.line += countOf("\n", text);
    if (text) yield text;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * Where in a chunk the decoder gave up, in lines, for "around line N": the chunk is decoded again, leniently. With no
 * U+FFFD in it, the bad sequence began at the end of the chunk before.
 */
function linesBeforeInvalid(chunk: Uint8Array | undefined, encoding: CsvEncoding): number {
  const text = chunk ? new TextDecoder(encoding, { ignoreBOM: true }).decode(chunk) : "";
  const bad = text.indexOf("\uFFFD");
  return bad < 0 ? 0 : countOf("\n", text.slice(0, bad));
}

function countOf(needle: string, text: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

const DELIMITERS: CsvDelimiter[] = [",", ";", "\t"];

/** The delimiter, from the header: Excel writes ";" where the decimal separator is a comma, and "Unicode Text" uses tabs. */
class DelimiterSniffer {
  static readonly LIMIT = 64 * 1024; // a header longer than this is not ours; decide with what we have
  private counts = { ",": 0, ";": 0, "\t": 0 };
  private quoted = false;
  private content = false; // the current line has more than spaces and delimiters
  private seen = 0;

  /** Reads text until the first line that isn't blank is complete; then returns its delimiter. */
  feed(text: string): CsvDelimiter | undefined {
    for (const char of text) {
      if (char === '"') this.quoted = !this.quoted; // "" inside quotes toggles twice
      else if (this.quoted) continue;
      else if (char === "\n" || char === "\r") {
        if (this.content) return this.best();
        this.counts = { ",": 0, ";": 0, "\t": 0 }; // a blank line, or ";;;;" for an empty Excel row
      } else if (char === "," || char === ";" || char === "\t") this.counts[char]++;
      else if (char.trim()) this.content = true;
    }
    this.seen += text.length;
    return this.seen >= DelimiterSniffer.LIMIT ? this.best() : undefined;
  }

  /** The delimiter seen most often outside quotes; on a tie the first of "," ";" tab, so "," when there is none. */
  best(): CsvDelimiter {
    return DELIMITERS.reduce((best, candidate) => (this.counts[candidate] > this.counts[best] ? candidate : best));
  }
}

/** Unquoted records end at any of these (an Excel file is CRLF, a Mac one LF); quoted values count lines alike. */
const LINE_BREAKS = ["\r\n", "\n", "\r"];
const LINE_BREAK = /\r\n|\n|\r/g;
/** Spaces and delimiters only, as Excel writes an empty row; any of the three, so ";;;;" lines are blank in any file. */
const BLANK = /^[\s,;]*$/;
/** A row longer than this (UTF-8 bytes) is almost always an unclosed quote swallowing the rest of the file. */
const MAX_ROW_BYTES = 1024 * 1024;
const PARSE_PIECE_CHARS = 2 * 1024;

/** Text to rows, header first, with the line each row starts on; blank rows are skipped but counted as lines. */
async function* readRows(
  texts: AsyncIterable<string>,
  file: { delimiter: CsvDelimiter },
  maxRows: number,
): AsyncGenerator<CsvRow, void, undefined> {
  const upstream = texts[Symbol.asyncIterator]();
  const head: string[] = [];
  const sniffer = new DelimiterSniffer();
  let delimiter: CsvDelimiter | undefined;
  while (delimiter === undefined) {
    const step = await upstream.next();
    if (step.done) break;
    head.push(step.value);
    delimiter = sniffer.feed(step.value);
  }
  file.delimiter = delimiter ?? sniffer.best();

  // csv-parse's info.lines counts a CRLF inside quotes twice, so lines are counted here, as csv-parse makes each record
  // (a row taken later, or lost to an error, changes nothing): a record spans one line plus the line breaks inside its
  // values, and info.empty_lines says how many blank lines were skipped before it.
  let linesBefore = 0;
  const toRow = (values: string[], { empty_lines }: InfoRecord): CsvRow | null => {
    const line = 1 + linesBefore + empty_lines;
    linesBefore += 1 + values.reduce((breaks, value) => breaks + (value.match(LINE_BREAK)?.length ?? 0), 0);
    return values.every((value) => BLANK.test(value)) ? null : { line, values };
  };
  const parser = parse({
    delimiter: file.delimiter,
    record_delimiter: LINE_BREAKS,
    bom: false,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
    // Its typings have no overload for an on_record that changes the record's type.
    on_record: toRow as unknown as Options["on_record"],
  });
  // Back-pressure throughout: the upload is read only as fast as rows are taken. The parser reads each piece of text
  // in one go, without a break: pieces of a few thousand characters keep that short, whatever size the chunks arrive in.
  const text = Readable.from((async function* () {
    for await (const chunk of (async function* () {
      yield* head;
      yield* { [Symbol.asyncIterator]: () => upstream };
    })()) {
      yield* inPieces(chunk);
    }
  })());
  pipeline(text, parser, () => {}); // errors reach us through the parser; stopping early (a break) destroys it all

  let dataRows = -1; // the header is not a data row
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      if (++dataRows > maxRows) throw fileErrors.tooManyRows(maxRows, row.line);
      yield row;
    }
  } catch (error) {
    // The blank lines skipped since the last record are in the error's context, as in a record's.
    if (error instanceof CsvError) throw malformed(error, 1 + linesBefore + Number(error.empty_lines ?? 0));
    throw error;
  }
}

/** A text in pieces of PARSE_PIECE_CHARS at most, never between the two halves of a character outside the BMP (an emoji). */
function* inPieces(text: string): Generator<string> {
  let at = 0;
  while (text.length - at > PARSE_PIECE_CHARS) {
    let end = at + PARSE_PIECE_CHARS;
    if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(at, end);
    at = end;
  }
  if (at < text.length) yield text.slice(at);
}
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

const UNCLOSED_QUOTE = "Add the closing quote, or remove the opening one.";
const QUOTE_INSIDE = `Put the whole value in quotes and write the quote inside it twice ("").`;
/** csv-parse's errors in a manager's words, after "Line N". */
const PARSE_PROBLEMS: Partial<Record<CsvErrorCode, string>> = {
  CSV_QUOTE_NOT_CLOSED: `has a quote (") that is never closed, so everything after it reads as one value. ${UNCLOSED_QUOTE}`,
  CSV_MAX_RECORD_SIZE: `starts a row longer than ${sizeText(MAX_ROW_BYTES)}: there is probably a quote (") that is never closed. ${UNCLOSED_QUOTE}`,
  INVALID_OPENING_QUOTE: `has a quote (") in the middle of a value. ${QUOTE_INSIDE}`,
  CSV_INVALID_CLOSING_QUOTE: `has text right after a closing quote ("). ${QUOTE_INSIDE}`,
};

/** `line` is where the row with the problem starts. */
function malformed(error: CsvError, line: number): CsvFileError {
  const problem = PARSE_PROBLEMS[error.code] ?? `can't be read as CSV. Check it for a stray quote (").`;
  const failure = new CsvFileError("malformed", `Line ${line} ${problem}`, line);
  failure.cause = error;
  return failure;
}
