import { describe, expect, it } from "vitest";
import { hash } from "@node-rs/argon2";
import { es } from "@/lib/i18n/messages/es";
import { describePasswordProblem, hashPassword, hashPin, passwordProblem, passwordProblems, pinProblem, pinProblems, verifyPassword, verifyPin } from "@/lib/passwords";

const context = { minLength: 15, loginName: "201@acme", email: "dana.reyes@example.com" };

describe("password rules (SPEC §6)", () => {
  it("accepts a long passphrase with no composition rules", () => {
    expect(passwordProblem("lantern orbit pebble canyon", context)).toBeNull();
  });

  it("says how many characters are missing, counting characters not bytes", () => {
    expect(passwordProblem("short", context)).toBe("Use at least 15 characters (you have 5).");
    expect(passwordProblem("ñandú", { ...context, minLength: 6 })).toBe("Use at least 6 characters (you have 5).");
  });

  it("accepts up to 128 characters and no more", () => {
    const words = "maple river quartz ";
    expect(passwordProblem(words.repeat(7).slice(0, 128), context)).toBeNull();
    expect(passwordProblem("x".repeat(129), context)).toBe("Use at most 128 characters.");
  });

  it("refuses common passwords, the login name and the email, saying which rule was broken", () => {
    expect(passwordProblem("1qaz2wsx3edc4rfv", context)).toMatch(/list of common passwords/);
    expect(passwordProblem("my login is 201@acme ok", context)).toBe("Don't use your login name in your password.");
    expect(passwordProblem("dana.reyes forever and ever", context)).toBe("Don't use your email address in your password.");
  });

  it("refuses common passwords dressed up, repeats and sequences, in words that say so", () => {
    expect(passwordProblem("password12345678", context)).toBe("This password is a common password with a few characters added. Choose another.");
    expect(passwordProblem("!!P@ssw0rd!!2024", context)).toMatch(/common password with a few characters added/);
    expect(passwordProblem("pass word 1234567", context)).toMatch(/common password/);
    expect(passwordProblem("aaaaaaaaaaaaaaaaaaaa", context)).toMatch(/repeats just a few characters/);
    expect(passwordProblem("abababababababab", context)).toMatch(/repeats just a few characters/);
    expect(passwordProblem("abcdefghijklmnopq", context)).toMatch(/sequence/);
    expect(passwordProblem("98765432109876543", context)).toMatch(/sequence/);
    expect(passwordProblem("qwertyuiopasdfghj", context)).toMatch(/sequence/);
    expect(passwordProblem("Dana Reyes 2026!!!", { ...context, names: ["Dana", "Reyes"] })).toMatch(/own name/);
    // A phrase is fine, however plain its words.
    expect(passwordProblem("the cat sat on the mat today", context)).toBeNull();
  });

  it("lists every rule a password breaks at once, in order, so one submit shows them all", () => {
    expect(passwordProblems("hi 201@acme", context)).toEqual([{ rule: "tooShort", min: 15, length: 11 }, { rule: "loginName" }]);
    expect(passwordProblems("password", context).map((p) => p.rule)).toEqual(["tooShort", "common"]);
    expect(passwordProblems("               ", context).map((p) => p.rule)).toEqual(["fewCharacters"]);
    expect(passwordProblems("lantern orbit pebble canyon", context)).toEqual([]);
  });

  it("words each rule in the member's language", () => {
    const [short, login] = passwordProblems("hi 201@acme", context);
    expect(describePasswordProblem(short!, es.password.rules)).toBe("Usa al menos 15 caracteres (llevas 11).");
    expect(describePasswordProblem(login!, es.password.rules)).toBe("No uses tu nombre de usuario en la contraseña.");
    expect(passwordProblem("hi 201@acme", context, es.password.rules)).toBe("Usa al menos 15 caracteres (llevas 11).");
  });

  it("lists every rule a voicemail PIN breaks, in the member's language", () => {
    expect(pinProblems("12a4")).toEqual(["digits"]);
    expect(pinProblems("1234", { extension: "1234" })).toEqual(["run", "extension"]);
    expect(pinProblems("2580", { extension: "201" })).toEqual([]);
    expect(pinProblem("0000", {}, es.pin.rules)).toBe("No repitas una sola cifra: elige un PIN más difícil de adivinar.");
  });

  it("hashes with argon2id and treats composed and decomposed accents as the same password (NFKC)", async () => {
    const composed = "crème brûlée at the café";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const hash = await hashPassword(composed);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, decomposed)).toBe(true);
    expect(await verifyPassword(hash, "crème brûlée at the cafe")).toBe(false);
    expect(await verifyPassword("not a hash", composed)).toBe(false);
  });
});

describe("voicemail PIN storage", () => {
  it("keeps a PIN as a salted, keyed MAC: the right PIN verifies, a wrong one or a tampered hash does not", async () => {
    const stored = hashPin("5093");
    expect(stored).toMatch(/^\$hmac-sha256\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain("5093");
    expect(hashPin("5093")).not.toBe(stored); // salted: two members with the same PIN don't look alike
    expect(await verifyPin(stored, "5093")).toBe(true);
    expect(await verifyPin(stored, "5094")).toBe(false);
    expect(await verifyPin(stored.slice(0, -2), "5093")).toBe(false);
    expect(await verifyPin("$hmac-sha256$only-a-salt", "5093")).toBe(false);
  });

  it("still verifies a PIN stored as argon2id before", async () => {
    const old = await hash("2468", { algorithm: 2, memoryCost: 2048, timeCost: 1, parallelism: 1 });
    expect(await verifyPin(old, "2468")).toBe(true);
    expect(await verifyPin(old, "2469")).toBe(false);
  });
});
