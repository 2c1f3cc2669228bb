import { z } from "zod";
import { DomainError, InvalidFieldsError } from "@/lib/errors";
import { en, type Messages } from "@/lib/i18n/messages/en";

/** What every server action returns to its form (DEVELOPERS.md). */
export type ActionResult<T extends object = object> =
  | ({ ok: true; message: string } & T)
  | { ok: false; error: string; fieldErrors?: Partial<Record<string, string[]>>; values?: Record<string, string> };
export type ActionFailure = Extract<ActionResult, { ok: false }>;

// React resets a form after its action; echo what was typed so nothing is lost (never passwords, PINs or tokens).
export function echo(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData].filter((e): e is [string, string] => typeof e[1] === "string" && !/password|pin|token|^\$/i.test(e[0])),
  );
}

/** The two sentences every form may need, in the reader's language (English by default). */
type FormWords = Pick<Messages["forms"], "checkFields" | "somethingWrong">;

export function invalidInput(error: z.ZodError, formData: FormData, words: FormWords = en.forms): ActionFailure {
  return { ok: false, error: words.checkFields, fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>, values: echo(formData) };
}

/** Known domain errors become their message (beside the field when they name one); anything else is logged, never shown. */
export function actionFailure(error: unknown, formData: FormData, words: FormWords = en.forms): ActionFailure {
  if (error instanceof InvalidFieldsError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors, values: echo(formData) };
  if (error instanceof DomainError) {
    return { ok: false, error: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined, values: echo(formData) };
  }
  console.error("server action failed", error);
  return { ok: false, error: words.somethingWrong, values: echo(formData) };
}
