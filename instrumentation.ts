/** Runs once when a server process starts; the work is Node-only, so it lives in its own module. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
