/**
 * The bare address of EMAIL_FROM (SPEC §8), which may carry a display name: "Gatehouse <onboarding@example.com>" and
 * "onboarding@example.com" both give "onboarding@example.com". The From header and the help page both use it.
 */
export function senderAddress(emailFrom: string): string {
  // The last <…> at the end: a quoted display name may hold angle brackets of its own ("Help <desk>" <a@b.c>).
  return (/<([^<>]+)>\s*$/.exec(emailFrom)?.[1] ?? emailFrom).trim();
}
