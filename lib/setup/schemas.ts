import { z } from "zod";
import { emailAddress, lineOfText, optional, personName, timeZone } from "../validation";

export const setupInput = z
  .object({
    organizationName: lineOfText("Enter your organization's name").min(2, "Enter your organization's name").max(100, "Use at most 100 characters"),
    slug: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1 to 40 lower-case letters, digits and dashes, e.g. acme"),
    ),
    firstName: personName("first name"),
    lastName: personName("last name"),
    email: emailAddress("Enter your email address"),
    password: z.string("Enter a password").min(1, "Enter a password"),
    confirmPassword: z.string().optional(),
    timeZone: z.preprocess((v) => (typeof v === "string" && v ? v : "UTC"), timeZone),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords don't match" });
export type SetupInput = z.infer<typeof setupInput>;
