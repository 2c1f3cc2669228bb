import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirInUseError, openDatabase } from "@/db";

const dirs: string[] = [];
const newDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("the embedded database folder", () => {
  it("refuses a second process with a message that says what to do, and opens once that process is gone", async () => {
    const dir = newDataDir();
    // Another live process holds the folder (as `npm run dev` would).
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    fs.writeFileSync(path.join(dir, "gatehouse.pid"), String(holder.pid));
    try {
      const opening = openDatabase({ url: "", dataDir: dir });
      await expect(opening).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(opening).rejects.toThrow(/in use by process \d+ \(is `npm run dev` running\?\)/);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    const handle = await openDatabase({ url: "", dataDir: dir }); // the pid file of a dead process is taken over
    expect(fs.readFileSync(path.join(dir, "gatehouse.pid"), "utf8")).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(path.join(dir, "gatehouse.pid"))).toBe(false);
  });
});
