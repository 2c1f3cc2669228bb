"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/app/_lib/auth";

export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
  redirect("/sign-in?reason=signed-out");
}
