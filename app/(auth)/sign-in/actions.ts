"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { lineOfText } from "@/lib/validation";
import { echo, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { signIn } from "@/app/_lib/auth";
import { minutesText } from "@/lib/errors";
import { safeCallbackPath } from "./callback-path";

const signInInput = z.object({
  identifier: lineOfText().min(1, "Enter your login name or email").max(320, "That is too long to be a login name or email"),
  password: z.string().min(1, "Enter your password").max(1024, "That is too long to be a password"),
});

// The same words whether the account is missing, the password is wrong or the account is disabled (SPEC §6).
const GENERIC = "That login name or email and password don't match an account. Check them and try again.";

export async function signInAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (!(error instanceof CredentialsSignin)) throw error;
    const throttled = /^throttled:(\d+)$/.exec(error.code);
    const message = throttled ? `Too many sign-in attempts. Try again in ${minutesText(Number(throttled[1]))}.` : GENERIC;
    return { ok: false, error: message, values: echo(formData) };
  }
  redirect(safeCallbackPath(formData.get("callbackUrl")));
}
