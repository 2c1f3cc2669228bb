/** Where to go after signing in: a path on this site only, never another origin ("//evil.example" included). */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/sign-in") || value.startsWith("/setup")) return "/";
  return value;
}
