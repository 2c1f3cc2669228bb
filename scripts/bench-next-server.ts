import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** `next start` for a benchmark: the production build, on a free port, in its own process group. */

export function requireProductionBuild(): void {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("No production build: run `npm run build` first.");
    process.exit(1);
  }
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

export type NextServer = { base: string; child: ChildProcess; stop: () => Promise<void> };

/** Starts `next start` with this environment and waits until it answers `readyPath`. */
export async function startNextServer(port: number, env: NodeJS.ProcessEnv, readyPath = "/sign-in"): Promise<NextServer> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", APP_URL: base },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group, to stop all of it
  });
  const stop = async () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));
  };
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}${readyPath}`)).ok) return { base, child, stop };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop();
  throw new Error("next start did not answer within a minute");
}

/** Signs in through Auth.js's own endpoints, as the sign-in form does, and returns the session's Cookie header. */
export async function signInCookie(base: string, identifier: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ identifier, password, csrfToken, callbackUrl: `${base}/` }),
  });
  keep(signedIn);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) throw new Error(`sign-in as ${identifier} failed (${signedIn.status})`);
  return cookie();
}
