/**
 * The yardsticks of `npm run bench:set-password`, served by plain `node:http` with no framework, in a process started
 * like the app's (UV_THREADPOOL_SIZE = cores), on the benchmark's database and links. Not part of the app.
 *
 * - `GET /hashes?n=50`: 50 argon2id password hashes at once (the app's hashPassword), nothing else: how fast the
 *   hashing alone can go on this machine's cores. The figure the app's p95 is held against. A PIN is an HMAC
 *   (lib/passwords.ts), microseconds: no part of it.
 * - `POST /domain`: the set-password form's POST handled by the app's own domain function (`setPasswordWithLink`),
 *   answered 303 with a cookie: the app's work without Next.js and Auth.js.
 * - `POST /minimal`: only what no server can skip: find the link by its hash, hash the password (and HMAC the PIN), one UPDATE
 *   that uses the link and stores both, answer 303 with a cookie.
 *
 * Prints "listening" when it takes requests.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { sql } from "drizzle-orm";
import { getDb, rows } from "@/db";
import { setPasswordWithLink } from "@/lib/onboarding/set-password-with-link";
import { hashPassword, hashPin } from "@/lib/passwords";
import { hashTokenSecret } from "@/lib/tokens";

const port = Number(process.env.PORT);
const db = await getDb();

// The session cookie the app sets is an encrypted JWT of about this size.
const answer = (response: http.ServerResponse) => {
  response.writeHead(303, { location: "/", "set-cookie": `session=${randomBytes(300).toString("base64url")}; Path=/; HttpOnly; SameSite=Lax` });
  response.end();
};

async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
  const url = new URL(request.url ?? "/", "http://reference");
  if (request.method === "GET" && url.pathname === "/hashes") {
    const n = Number(url.searchParams.get("n") ?? 50);
    const started = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => hashPassword(`violet harbor lanterns ${i}`)));
    return response.end(JSON.stringify({ ms: performance.now() - started }));
  }
  let body = "";
  for await (const chunk of request) body += chunk;
  const form = new URLSearchParams(body);
  const secret = form.get("token") ?? "";
  const password = form.get("password") ?? "";
  const voicemailPin = form.get("voicemailPin") ?? "";
  if (url.pathname === "/domain") {
    await setPasswordWithLink({ purpose: "invite", input: { secret, password, confirmPassword: form.get("confirmPassword") ?? "", voicemailPin } });
    return answer(response);
  }
  if (url.pathname === "/minimal") {
    const [link] = await rows<{ id: string }>(db, sql`select id from token where secret_hash = ${hashTokenSecret(secret)} and used_at is null`);
    if (!link) throw new Error("unknown link");
    const pinHash = hashPin(voicemailPin);
    const passwordHash = await hashPassword(password);
    await db.execute(sql`with used as (update token set used_at = now() where id = ${link.id} and used_at is null returning member_id)
      update member set password_hash = ${passwordHash}, voicemail_pin_hash = ${pinHash}, status = 'active', confirmed_at = now()
      where id = (select member_id from used)`);
    return answer(response);
  }
  response.writeHead(404).end();
}

http
  .createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    });
  })
  .listen(port, "127.0.0.1", () => console.log("listening"));
