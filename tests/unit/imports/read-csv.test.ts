import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CsvFileError, readCsv, type CsvFileErrorCode, type CsvReadOptions, type CsvRow } from "@/lib/imports/read-csv";

const HEADER = ["First name", "Last name", "Email", "Extension", "Role", "Site", "Department", "Team", "Direct number"];
const LIMITS: CsvReadOptions = { maxBytes: 40 * 1024 * 1024, maxRows: 100_000 };

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "../../fixtures/imports", name)));
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part)))));

/** The upload as it arrives over the network: in chunks of `size` bytes. */
async function* chunks(data: Uint8Array, size = 64 * 1024) {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}
async function* toSource(...parts: Uint8Array[]) {
  yield* parts;
}

async function read(data: Uint8Array | AsyncIterable<Uint8Array>, options: Partial<CsvReadOptions> = {}) {
  const file = await readCsv(data instanceof Uint8Array ? chunks(data) : data, { ...LIMITS, ...options });
  const rows: CsvRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return { ...file, rows };
}

async function refusal(data: Uint8Array | AsyncIterable<Uint8Array>, code: CsvFileErrorCode, options: Partial<CsvReadOptions> = {}) {
  const error = await read(data, options).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(CsvFileError);
  expect((error as CsvFileError).code).toBe(code);
  return error as CsvFileError;
}

const namesOf = (rows: CsvRow[]) => rows.map((row) => `${row.line}: ${row.values[0]} ${row.values[1]}`);

describe("readCsv: files as spreadsheets save them", () => {
  it("reads Excel's semicolon export with a BOM and CRLF, accents and CJK intact", async () => {
    const file = await read(fixture("members-excel-semicolon.csv"));
    expect(file).toMatchObject({ encoding: "utf-8", delimiter: ";", header: { line: 1, values: HEADER } });
    expect(file.header.values[0]).toBe("First name"); // no BOM glued to the first column's name
    expect(namesOf(file.rows)).toEqual(["2: Zoë Søndergaard", "3: José Núñez", "4: Łukasz Wójcik", "5: 太郎 山田"]);
    expect(file.rows[1]!.values).toEqual(["José", "Núñez", "jose.nunez@example.com", "202", "supervisor", "Madrid", "Sales; EMEA", "Team B", "+34911234567"]);
    expect(file.rows[2]!.values[7]).toBe(""); // an empty cell stays a cell
    expect(file.rows[3]!.values).toHaveLength(9); // ends with an empty Direct number
  });

  it("reads Excel's 'Unicode Text' (UTF-16LE, tabs) as the same rows as the UTF-8 file", async () => {
    const utf8 = await read(fixture("members-excel-semicolon.csv"));
    const utf16 = await read(fixture("members-unicode-text.txt"));
    expect(utf16).toMatchObject({ encoding: "utf-16le", delimiter: "\t", header: utf8.header });
    expect(utf16.rows).toEqual(utf8.rows);
  });

  it("reads UTF-16BE with a BOM", async () => {
    const text = "\uFEFFFirst name\tLast name\r\nZoë\tSøndergaard\r\n太郎\t山田\r\n";
    const utf16be = Buffer.from(text, "utf16le").swap16();
    const file = await read(new Uint8Array(utf16be));
    expect(file).toMatchObject({ encoding: "utf-16be", delimiter: "\t", header: { values: ["First name", "Last name"] } });
    expect(namesOf(file.rows)).toEqual(["2: Zoë Søndergaard", "3: 太郎 山田"]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted values, and numbers the rows after them right", async () => {
    const file = await read(fixture("members-quoted.csv"));
    expect(file.delimiter).toBe(",");
    expect(namesOf(file.rows)).toEqual(['2: Dana Reyes', '3: Sam "Sammy" Okafor', "4: Priya Natarajan", "6: Lee Chen"]);
    expect(file.rows[1]!.values.slice(5, 7)).toEqual(["Austin, TX", "Sales, North"]);
    expect(file.rows[2]!.values[6]).toBe("Front desk\n(mornings)");
  });

  it("counts a CRLF inside a quoted value as one line", async () => {
    const file = await read(bytes('Name,Note\r\nAna,"one\r\ntwo\r\nthree"\r\n\r\nBen,x\r\n'));
    expect(file.rows).toEqual([
      { line: 2, values: ["Ana", "one\r\ntwo\r\nthree"] },
      { line: 6, values: ["Ben", "x"] },
    ]);
  });

  it("reads an LF file without a BOM, skipping blank lines but keeping line numbers, with no final newline", async () => {
    const file = await read(fixture("members-lf.csv"));
    expect(file).toMatchObject({ encoding: "utf-8", delimiter: ",", header: { line: 1, values: HEADER } });
    // Line 7 is ",,,,,,,,": an empty row as Excel exports it.
    expect(namesOf(file.rows)).toEqual(["3: Ana Silva", "6: Ben Okoro", "8: Cleo Park"]);
    expect(file.rows[2]!.values[8]).toBe("+82212345678"); // the last value, with no newline after it
  });

  it("reads the same rows with a trailing newline or without", async () => {
    const without = await read(bytes("Name,Extension\nAna,401\nBen,402"));
    const withOne = await read(bytes("Name,Extension\nAna,401\nBen,402\n"));
    expect(withOne.rows).toEqual(without.rows);
    expect(without.rows).toEqual([
      { line: 2, values: ["Ana", "401"] },
      { line: 3, values: ["Ben", "402"] },
    ]);
  });

  it("takes the header from the first line that isn't blank", async () => {
    const file = await read(bytes("\r\n;;;\r\nName;Extension\r\nAna;401\r\n"));
    expect(file).toMatchObject({ delimiter: ";", header: { line: 3, values: ["Name", "Extension"] } });
    expect(file.rows).toEqual([{ line: 4, values: ["Ana", "401"] }]);
  });

  it("picks the delimiter the header uses most outside quotes, and a comma for a single column", async () => {
    const delimiterOf = async (text: string) => (await read(bytes(text))).delimiter;
    expect(await delimiterOf('"Name; full",Email,Team\nAna,a@example.com,A\n')).toBe(",");
    expect(await delimiterOf("Name\tEmail, work\tTeam\n")).toBe("\t");
    expect(await delimiterOf("Email\na@example.com\n")).toBe(",");
  });

  it("returns the header alone when there are no members under it", async () => {
    const file = await read(bytes("First name;Last name\r\n\r\n"));
    expect(file.header.values).toEqual(["First name", "Last name"]);
    expect(file.rows).toEqual([]);
  });
});

describe("readCsv: rows the import reports on, passed through as they are", () => {
  it("gives rows with extra or missing values as they are, and a formula as plain text", async () => {
    const file = await read(fixture("members-ragged.csv"));
    expect(file.rows.map((row) => [row.line, row.values.length])).toEqual([[2, 11], [3, 4], [4, 9]]);
    expect(file.rows[0]!.values.slice(9)).toEqual(["extra", "values"]);
    expect(file.rows[1]!.values).toEqual(["Sam", "Okafor", "sam.okafor@example.com", "302"]);
    expect(file.rows[2]!.values[0]).toBe('=HYPERLINK("http://evil.example/","Click me")');
  });

  it("keeps a 10,000-character name whole, and spaces around values (the import trims)", async () => {
    const name = "Ab".repeat(5_000);
    const file = await read(bytes(`First name,Last name\n${name}, Reyes \n`));
    expect(file.rows[0]!.values).toEqual([name, " Reyes "]);
  });
});

describe("readCsv: chunks split anywhere", () => {
  it("reads the same rows when the upload arrives one byte at a time", async () => {
    for (const name of ["members-excel-semicolon.csv", "members-unicode-text.txt", "members-quoted.csv", "members-lf.csv"]) {
      const data = fixture(name);
      expect(await read(chunks(data, 1)), name).toEqual(await read(data));
    }
  });

  it("joins a UTF-8 character or a UTF-16 code unit split across chunks", async () => {
    const utf8 = bytes("Name\nZoë\n"); // ë is C3 AB: split after C3
    const split = utf8.indexOf(0xc3) + 1;
    expect((await read(toSource(utf8.subarray(0, split), utf8.subarray(split)))).rows[0]!.values).toEqual(["Zoë"]);
    const utf16 = new Uint8Array(Buffer.from("\uFEFFName\r\n山田\r\n", "utf16le"));
    expect((await read(toSource(utf16.subarray(0, 15), utf16.subarray(15)))).rows[0]!.values).toEqual(["山田"]);
  });

  it("keeps every emoji whole in a large chunk, wherever it falls, and counts lines across the whole of it", async () => {
    // One 1 MB chunk holds thousands of rows: the parser takes it in pieces, and a piece may end at any character.
    const lines = ["Name;Note", ...Array.from({ length: 20_000 }, (_, i) => `Person ${i};${"🙂".repeat(1 + (i % 7))}`)];
    const data = bytes(`${lines.join("\r\n")}\r\n`);
    const file = await read(toSource(data));
    expect(file.rows).toHaveLength(20_000);
    expect(file.rows.every((row, i) => row.line === i + 2 && row.values[1] === "🙂".repeat(1 + (i % 7)))).toBe(true);
  });
});

describe("readCsv: files it refuses, with one message saying what to do", () => {
  it("refuses an empty file, one of blank lines, and a BOM alone", async () => {
    for (const data of [bytes(""), bytes(" \r\n\r\n\t\r\n"), bytes(";;;;\r\n;;;;\r\n"), bytes([0xef, 0xbb, 0xbf])]) {
      const error = await refusal(data, "empty");
      expect(error.message).toBe("The file is empty. Download the sample file, fill in one row per member, and upload it.");
    }
  });

  it("refuses an Excel workbook (.xlsx or .xls) and says how to save it as CSV", async () => {
    const xlsx = await refusal(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "[Content_Types].xml"), "workbook");
    expect(xlsx.message).toBe(
      "This is an Excel workbook (.xlsx), not a CSV file. In Excel, choose File › Save As › 'CSV UTF-8 (Comma delimited)' and upload that file.",
    );
    const xls = await refusal(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "workbook");
    expect(xls.message).toContain("(.xls)");
  });

  it("refuses an image, a PDF or binary data as not a CSV file", async () => {
    const png = await refusal(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "not-text");
    expect(png.message).toBe(
      "This file isn't a CSV file (it looks like a PNG image). Upload the CSV file you saved from your spreadsheet.",
    );
    expect((await refusal(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "not-text")).message).toContain("a JPEG image");
    expect((await refusal(bytes("%PDF-1.7\n%âãÏÓ\n"), "not-text")).message).toContain("a PDF document");
    const nul = await refusal(bytes("Name,Email\nAna,a@exa", [0], "mple.com\n"), "not-text");
    expect(nul.message).toContain("binary data");
  });

  it("refuses bytes that aren't UTF-8, naming the line and how to save as UTF-8", async () => {
    const error = await refusal(bytes("Name,Email\nAna,a@example.com\nJos", [0xc3, 0x28], "e,j@example.com\n"), "invalid-utf8");
    expect(error.message).toBe(
      "This file has characters that aren't UTF-8 text (around line 3). In Excel, choose File › Save As › 'CSV UTF-8 (Comma delimited)' and upload that file.",
    );
    expect(error.line).toBe(3);
    // A file saved as Windows-1252: é on line 3 is a lone E9 byte. One byte at a time, the line is found the same.
    expect((await refusal(fixture("members-windows-1252.csv"), "invalid-utf8")).line).toBe(3);
    expect((await refusal(chunks(fixture("members-windows-1252.csv"), 1), "invalid-utf8")).line).toBe(3);
  });

  it("names the line of a bad UTF-8 sequence that starts at the end of one chunk", async () => {
    const error = await refusal(toSource(bytes("Name\nJos", [0xc3]), bytes("(\nAna\nBen\nCleo\n")), "invalid-utf8");
    expect(error.line).toBe(2);
  });

  it("refuses a file cut in the middle of a UTF-8 character", async () => {
    expect((await refusal(bytes("Name\nZo", [0xc3]), "invalid-utf8")).line).toBe(2);
  });

  it("refuses a file over the size limit, stopping the upload there", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield bytes("Name,Email\n".repeat(10_000)); // 110 KB a chunk
      }
    }
    const error = await refusal(endless(), "too-large", { maxBytes: 1024 * 1024 });
    expect(error.message).toBe("The file is larger than 1 MB, the most one import takes. Split it into smaller files.");
    expect(pulled).toBe(10);
    expect((await refusal(fixture("members-quoted.csv"), "too-large", { maxBytes: 200 })).message).toContain("larger than 200 bytes");
  });

  it("refuses more data rows than the limit, naming the limit", async () => {
    const error = await refusal(fixture("members-excel-semicolon.csv"), "too-many-rows", { maxRows: 3 });
    expect(error.message).toBe("The file has more than 3 rows, the most one import takes. Split it into smaller files.");
    expect(error.line).toBe(5);
    expect((await read(fixture("members-excel-semicolon.csv"), { maxRows: 4 })).rows).toHaveLength(4);
    const big = await refusal(chunks(bytes(`Name\n${"Ana\n".repeat(100_001)}`)), "too-many-rows");
    expect(big.message).toContain("more than 100,000 rows");
  });

  it("refuses a quote that is never closed, naming the line where it opens", async () => {
    const error = await refusal(bytes('Name,Team\r\nAna,"A\r\nB"\r\n\r\nBen,"Team B\r\nCleo,C\r\n'), "malformed");
    expect(error.line).toBe(5);
    expect(error.message).toBe(
      'Line 5 has a quote (") that is never closed, so everything after it reads as one value. Add the closing quote, or remove the opening one.',
    );
  });

  it("refuses a stray quote inside or after a value, naming its line", async () => {
    const inside = await refusal(bytes('Name,Team\nAna,A\nDwayne "The Rock" Johnson,B\n'), "malformed");
    expect(inside.message).toBe(
      'Line 3 has a quote (") in the middle of a value. Put the whole value in quotes and write the quote inside it twice ("").',
    );
    const after = await refusal(bytes('Name,Team\n\n"Ana" Reyes,A\n'), "malformed");
    expect(after).toMatchObject({ line: 3, message: expect.stringContaining('Line 3 has text right after a closing quote (")') });
  });

  it("refuses a row that runs on past 1 MB, which an unclosed quote does in a large file", async () => {
    const error = await refusal(bytes(`Name,Team\nAna,"${"x".repeat(1_100_000)}\nBen,B\n`), "malformed");
    expect(error.message).toMatch(/^Line 2 starts a row longer than 1 MB: there is probably a quote \(".+never closed/);
  });
});

describe("readCsv: an upload that stops", () => {
  const CANCELLED = "The upload was cancelled before the whole file arrived. Nothing was imported.";

  it("says the upload was cancelled when the connection drops midway", async () => {
    async function* dropped() {
      yield bytes("Name,Email\nAna,a@example.com\n");
      throw new Error("aborted");
    }
    const error = await refusal(dropped(), "cancelled");
    expect(error.message).toBe(CANCELLED);
    expect((error.cause as Error).message).toBe("aborted");
  });

  it("stops at once when the signal aborts, even while waiting for bytes that never come", async () => {
    const controller = new AbortController();
    async function* stalled() {
      yield bytes("Name,Email\nAna,a@example.com\n");
      await new Promise(() => {}); // the browser stopped sending
    }
    const file = await readCsv(stalled(), { ...LIMITS, signal: controller.signal });
    expect(file.header.values).toEqual(["Name", "Email"]);
    const next = file.rows.next();
    setTimeout(() => controller.abort(), 10);
    await expect(next).rejects.toMatchObject({ code: "cancelled", message: CANCELLED });
  });

  it("refuses at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await refusal(fixture("members-lf.csv"), "cancelled", { signal: controller.signal });
  });

  it("stops reading the upload when the caller stops taking rows", async () => {
    let pulled = 0;
    let released = false;
    async function* upload() {
      try {
        yield bytes("Name\n");
        for (;;) {
          pulled++;
          yield bytes("Ana\n".repeat(1_000));
        }
      } finally {
        released = true;
      }
    }
    const file = await readCsv(upload(), LIMITS);
    for await (const row of file.rows) if (row.line > 10) break;
    await vi.waitFor(() => expect(released).toBe(true));
    expect(pulled).toBeLessThan(50);
  });
});

describe("readCsv: a large file", () => {
  it("reports progress as bytes arrive, at most every 64 KB, ending with the total", async () => {
    const data = bytes(`Name,Email\n${"Ana,ana@example.com\n".repeat(50_000)}`); // ~1 MB
    const seen: number[] = [];
    await read(chunks(data, 1000), { onProgress: (bytesRead) => seen.push(bytesRead) });
    expect(seen.at(-1)).toBe(data.length);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(data.length / (64 * 1024)) + 1);
    expect(seen.length).toBeGreaterThan(10);
    const steps = seen.map((bytesRead, i) => bytesRead - (seen[i - 1] ?? 0));
    expect(steps.slice(0, -1).every((step) => step >= 64 * 1024)).toBe(true);
  });

  it("reads 100,000 rows", async () => {
    const rows = 100_000;
    let size = 0;
    async function* upload() {
      yield bytes(`${HEADER.join(",")}\r\n`);
      for (let from = 0; from < rows; from += 1_000) {
        let text = "";
        for (let n = from; n < from + 1_000; n++) {
          text += `Dana${n},"Reyes, ${n}",dana.reyes.${n}@example.com,${10_000 + n},member,Austin,Support,Team A,+1512555${String(n % 10_000).padStart(4, "0")}\r\n`;
        }
        const chunk = bytes(text);
        size += chunk.length;
        yield chunk;
      }
    }
    const started = performance.now();
    const file = await readCsv(upload(), LIMITS);
    let count = 0;
    let last: CsvRow | undefined;
    for await (const row of file.rows) {
      count++;
      last = row;
    }
    console.log(`readCsv: ${count.toLocaleString("en-US")} rows (${(size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`);
    expect(count).toBe(rows);
    expect(last).toEqual({ line: rows + 1, values: [`Dana${rows - 1}`, `Reyes, ${rows - 1}`, `dana.reyes.${rows - 1}@example.com`, "109999", "member", "Austin", "Support", "Team A", "+15125559999"] });
  });
});
