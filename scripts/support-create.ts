/**
 * `npm run support:create -- --email ada@gatehouse.example --name "Ada Support"`: creates a platform support account.
 * The password is read from SUPPORT_PASSWORD, or typed at the prompt (not echoed), or piped on standard input.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { createSupportStaff } from "@/lib/support/create-support-staff";
import { runScript } from "./run-script";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email || !values.name) {
  console.error('Usage: npm run support:create -- --email ada@example.com --name "Ada Lovelace"');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.SUPPORT_PASSWORD) return process.env.SUPPORT_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write("Password (at least 15 characters): ");
    // Keep the typed password off the screen.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  const line: string = await new Promise((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write("\n");
  return line;
}

await runScript(async () => {
  const password = await readPassword();
  const staff = await createSupportStaff({ actor: { kind: "system", name: "npm run support:create" }, email: values.email!, name: values.name!, password });
  console.log(`Support account created: ${staff.email}. Sign in at /sign-in with this email and the password you set.`);
});
