import { describe, expect, it } from "vitest";
import { readCsv, type CsvRow } from "@/lib/imports/read-csv";
import { escapeFormula, toCsv, unescapeFormula } from "@/lib/imports/write-csv";

async function readBack(csv: string) {
  const file = await readCsv((async function* () { yield new TextEncoder().encode(csv); })(), { maxBytes: 1e6, maxRows: 1e3 });
  const rows: CsvRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return { ...file, rows: rows.map((row) => row.values) };
}

describe("toCsv", () => {
  it("writes UTF-8 with a BOM and CRLF, so Excel opens accents right", () => {
    const csv = toCsv(["First name", "Last name"], [["Zoë", "Søndergaard"], ["太郎", "山田"]]);
    expect(csv).toBe("\uFEFFFirst name,Last name\r\nZoë,Søndergaard\r\n太郎,山田\r\n");
  });

  it("quotes values with a comma, a quote or a line break, and reads back the same", async () => {
    const rows = [
      ['Sam "Sammy"', "Austin, TX", "Front desk\n(mornings)"],
      ["Line\r\nbreak", "Carriage\rreturn", ""],
    ];
    const csv = toCsv(["Name", "Site", "Department"], rows);
    expect(csv).toBe('\uFEFFName,Site,Department\r\n"Sam ""Sammy""","Austin, TX","Front desk\n(mornings)"\r\n"Line\r\nbreak","Carriage\rreturn",\r\n');
    expect(await readBack(csv)).toMatchObject({ header: { values: ["Name", "Site", "Department"] }, rows });
  });

  it("escapes a formula-looking cell so a spreadsheet shows it as text", async () => {
    const hyperlink = '=HYPERLINK("http://evil.example/","Click me")';
    const csv = toCsv(["First name", "Direct number"], [[hyperlink, "+14155550123"], ["@SUM(A1)", "-2+3"]]);
    expect(csv).toBe(`\uFEFFFirst name,Direct number\r\n"'=HYPERLINK(""http://evil.example/"",""Click me"")",'+14155550123\r\n'@SUM(A1),'-2+3\r\n`);
    const back = await readBack(csv);
    expect(back.rows.map((values) => values.map(unescapeFormula))).toEqual([[hyperlink, "+14155550123"], ["@SUM(A1)", "-2+3"]]);
  });
});

describe("escapeFormula", () => {
  it("prefixes ' to what Excel, LibreOffice or Numbers would run: = + - @, tab, CR and their full-width forms", () => {
    for (const cell of ["=1+2", "+1", "-1", "@A1", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠A1", " =1", "   +1", " \t@A1", "\u00A0=1", "\n-1"]) {
      expect(escapeFormula(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
  });

  it("leaves everything else alone, including an apostrophe already there", () => {
    for (const cell of ["Dana", "", " Dana", "O'Brien", "'=1", "a=b", "101", "dana@example.com", "  a=1"]) {
      expect(escapeFormula(cell), JSON.stringify(cell)).toBe(cell);
    }
  });
});

describe("unescapeFormula", () => {
  it("takes the ' back off an escaped cell only", () => {
    expect(unescapeFormula("'+14155550123")).toBe("+14155550123");
    expect(unescapeFormula("'=HYPERLINK(1)")).toBe("=HYPERLINK(1)");
    expect(unescapeFormula("'  =1")).toBe("  =1");
    for (const cell of ["'Tis", "O'Brien", "'", "Dana"]) expect(unescapeFormula(cell)).toBe(cell);
  });
});
