import { describe, expect, it } from "vitest";
import { senderAddress } from "@/lib/email/sender-address";

describe("the sender address the help page shows: EMAIL_FROM without its display name (SPEC §4.12, §8)", () => {
  it.each([
    ["onboarding@mail.example.com", "onboarding@mail.example.com"],
    ["  onboarding@mail.example.com  ", "onboarding@mail.example.com"],
    ["Gatehouse <onboarding@localhost>", "onboarding@localhost"],
    ["Gatehouse <onboarding@localhost>  ", "onboarding@localhost"],
    ['"Acme, Inc." <hi@example.com>', "hi@example.com"],
    ['"The \\"Best\\" Clinic" <hi@example.com>', "hi@example.com"],
    ['"Help <desk>" <hi@example.com>', "hi@example.com"],
  ])("%j gives %j", (emailFrom, expected) => {
    expect(senderAddress(emailFrom)).toBe(expected);
  });
});
