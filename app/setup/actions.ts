"use server";

import { redirect } from "next/navigation";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { signIn } from "@/app/_lib/auth";
import { flash } from "@/app/_lib/flash";
import { requestOrigin } from "@/app/_lib/request";
import { completeSetup } from "@/lib/setup/complete-setup";
import { setupInput } from "@/lib/setup/schemas";

/** Creates the organization and its owner, then signs the owner in (SPEC §4.1). */
export async function setupAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = setupInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  let loginName: string;
  try {
    const { owner } = await completeSetup({ input: parsed.data, ...(await requestOrigin()) });
    loginName = owner.loginName!;
  } catch (error) {
    return actionFailure(error, formData);
  }
  await signIn("credentials", { identifier: loginName, password: parsed.data.password, redirect: false });
  await flash(`Your organization is ready. Your login name is ${loginName}.`);
  redirect("/");
}
