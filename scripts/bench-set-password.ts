/**
 * `npm run bench:set-password` (SPEC §7): 50 new employees submit the set-password form at the same moment, over HTTP,
 * against `next start` (the production build: run `npm run build` first) on a fresh PostgreSQL database. Each submission
 * is the form's own POST, as a browser without JavaScript sends it (progressive enhancement): to the form's `action`,
 * with the hidden fields the page rendered, the password, its confirmation and a voicemail PIN. Each must answer 303
 * to "You're all set" (/welcome) with the session cookie, and every member must end "Active".
 *
 * The target (SPEC §7) is measured against its limit in the same run, on the same machine and database, with the same
 * client: the 50 argon2id hashes alone, at once, in a plain node:http process started like the app
 * (scripts/set-password-reference-server.ts). The app's burst is run three times on fresh links and the median burst counts,
 * as the hashes alone are the median of three: on two shared cores one burst alone swings by a fifth. Targets: p95 ≤ 2 × the hashes alone ("p95 / hashes alone"); the
 * server's event-loop delay p99 during the burst ≤ 50 ms (measured inside the server: lib/diagnostics/event-loop.ts).
 * Exit code 1 when one is missed.
 *
 * Also printed, to read the figures with: p50/max, one argon2id hash's time and the hashing limit it implies (50 hashes
 * ÷ cores, every core at full speed), the server's CPU by thread, and two more yardsticks: the same submissions handled
 * by the app's own domain function without Next.js, and by a server doing only the minimum any server must.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { inArray, sql } from "drizzle-orm";
import { rows } from "@/db";
import { emailMessage, member, organization } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { renderDeferred } from "@/lib/email/deferred-content";
import { decodeAttribute, linksOf } from "@/lib/email/mailbox";
import { sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { hashPassword } from "@/lib/passwords";
import { percentile, withBenchDatabase } from "./bench-database";

const SUBMISSIONS = 50;
const WARM_UP = 20;
/** Bursts of the app measured, each on fresh links; the figures are the median burst's (as the hashes alone are the median of 3). */
const BURSTS = 3;
const PASSWORD = "violet harbor lanterns drift at midnight";
const CORES = os.availableParallelism();

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
process.env.AUTH_SECRET ??= "bench-set-password-secret-not-for-production-0123456789";
process.env.APP_URL = base;
process.env.MAIL_TRANSPORT = "outbox";

const ok = await withBenchDatabase("gh_bench_set_password", async ({ db, url }) => {
  const [org] = await db.insert(organization).values({ name: "Bench Dental", slug: "bench", senderName: "Bench Dental" }).returning();
  const [owner] = await db.insert(member).values({ organizationId: org!.id, firstName: "Olive", lastName: "Owner", loginName: "owner@bench", role: "owner", status: "active", primaryEmail: "owner@bench.example.com" }).returning();
  const actor = await memberActorOf(db, owner!);
  let hired = 0;
  /** Pending members, each with a welcome link, written as a bulk send writes them; the links as their emails carry them. */
  const newHires = async (n: number) => {
    const created = await db
      .insert(member)
      .values(Array.from({ length: n }, (_, k) => ({ organizationId: org!.id, extension: String(3000 + hired + k), firstName: "New", lastName: `Hire ${hired + k}`, loginName: `${3000 + hired + k}@bench`, primaryEmail: `hire${hired + k}@bench.example.com`, status: "pending" as const })))
      .returning({ id: member.id });
    hired += n;
    await sendLinkEmails({ actor, selection: { kind: "ids", ids: created.map((c) => c.id) }, purpose: "invite" });
    const queued = await db.select().from(emailMessage).where(inArray(emailMessage.memberId, created.map((c) => c.id)));
    return (await renderDeferred(queued.map((e) => ({ template: e.template, renderProps: e.renderProps ?? {} })))).map((email) => {
      if (email instanceof Error) throw email;
      return linksOf(email.html).find((l) => l.includes("/set-password/"))!;
    });
  };
  const serverEnv = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: url, APP_URL: base, UV_THREADPOOL_SIZE: String(CORES) };

  // The app, as it runs in production.
  const appLinks = await newHires(BURSTS * SUBMISSIONS + WARM_UP);
  const server = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...serverEnv, EMAIL_DISPATCHER: "off", EVENT_LOOP_DIAGNOSTICS: "on" }, // the welcome emails stay queued: the server does only what is measured
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group, to read its threads' CPU and to stop all of it
  });
  let app;
  try {
    await waitForServer(`${base}/sign-in`);
    const forms = [];
    for (const link of appLinks) forms.push(await formOf(link)); // each GET is "link opened"; none consumes the link
    await warmUp(forms.slice(BURSTS * SUBMISSIONS), submit);

    const bursts = [];
    for (let b = 0; b < BURSTS; b++) {
      await fetch(`${base}/api/diagnostics/event-loop?reset=1`);
      const before = threadTimes(server.pid!);
      const results = await Promise.all(forms.slice(b * SUBMISSIONS, (b + 1) * SUBMISSIONS).map(submit));
      const cpu = cpuDuringBurst(before, threadTimes(server.pid!), server.pid!);
      const loop = (await (await fetch(`${base}/api/diagnostics/event-loop`)).json()) as { samples: number; p99Ms: number; maxMs: number };
      const failed = results.filter((r) => r.status !== 303 || r.location !== "/welcome" || !r.signedIn);
      if (failed.length) throw new Error(`${failed.length} submissions failed (${JSON.stringify(failed.slice(0, 3))})`);
      bursts.push({ ms: results.map((r) => r.ms), cpu, loop });
      await sleep(500); // the server settles (its connections close) before the next burst
    }
    bursts.sort((a, b) => percentile(a.ms, 95) - percentile(b.ms, 95));
    app = { ...bursts[Math.floor(BURSTS / 2)]!, p95s: bursts.map((burst) => percentile(burst.ms, 95)) };
  } finally {
    await stop(server);
  }

  // The yardsticks, on their own fresh links.
  const domainLinks = await newHires(SUBMISSIONS + WARM_UP);
  const minimalLinks = await newHires(SUBMISSIONS + WARM_UP);
  const referencePort = await freePort();
  const reference = spawn(process.execPath, ["--import", "tsx", "scripts/set-password-reference-server.ts"], {
    env: { ...serverEnv, PORT: String(referencePort), EMAIL_DISPATCHER: "off" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  let yardsticks;
  try {
    await new Promise((resolve, reject) => {
      reference.stdout!.once("data", resolve);
      reference.once("exit", () => reject(new Error("the reference server did not start")));
    });
    const referenceBase = `http://127.0.0.1:${referencePort}`;
    const hashesAlone = async () => {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(((await (await fetch(`${referenceBase}/hashes?n=${SUBMISSIONS}`)).json()) as { ms: number }).ms);
      return percentile(runs, 50);
    };
    const burst = async (path: string, links: string[]) => {
      const post = (link: string) => submitTo(`${referenceBase}${path}`, new URLSearchParams({ token: link.slice(link.lastIndexOf("/") + 1), password: PASSWORD, confirmPassword: PASSWORD, voicemailPin: "4827" }));
      await warmUp(links.slice(SUBMISSIONS), post);
      const results = await Promise.all(links.slice(0, SUBMISSIONS).map(post));
      if (results.some((r) => r.status !== 303)) throw new Error(`the reference server refused a submission to ${path}`);
      return results.map((r) => r.ms);
    };
    yardsticks = { hashesAloneMs: await hashesAlone(), domain: await burst("/domain", domainLinks), minimal: await burst("/minimal", minimalLinks) };
  } finally {
    await stop(reference);
  }

  const [active] = await rows<{ n: number }>(db, sql`select count(*)::int as n from member where status = 'active' and confirmed_at is not null and id <> ${owner!.id}`);
  if (active!.n !== hired) throw new Error(`${active!.n} of ${hired} members active`);

  const hashMs = await oneHashMs();
  const limitMs = (SUBMISSIONS * hashMs) / CORES;
  const p95 = percentile(app.ms, 95);
  const alone = yardsticks.hashesAloneMs;
  const ratio = p95 / alone;
  const times = (ms: number[]) => `p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms = ${(percentile(ms, 95) / alone).toFixed(2)} × the hashes alone`;
  console.log(`${SUBMISSIONS} concurrent set-password submissions over HTTP (next start, PostgreSQL, ${CORES} cores, UV_THREADPOOL_SIZE=${CORES}), the median of ${BURSTS} bursts:`);
  console.log(`  responses: p50 ${percentile(app.ms, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...app.ms).toFixed(0)} ms (all 303 to /welcome, signed in, "Active")`);
  console.log(`  ${SUBMISSIONS} argon2id hashes alone, at once (yardstick below): ${alone.toFixed(0)} ms`);
  console.log(`  p95 / hashes alone: ${ratio.toFixed(2)} (target ≤ 2; median of ${BURSTS} bursts: ${app.p95s.map((ms) => (ms / alone).toFixed(2)).join(", ")})`);
  console.log(`  one argon2id hash here: ${hashMs.toFixed(1)} ms → hashing limit ${SUBMISSIONS} × ${hashMs.toFixed(1)} ms ÷ ${CORES} = ${limitMs.toFixed(0)} ms (p95 = ${(p95 / limitMs).toFixed(2)} × that)`);
  console.log(`  event-loop delay in the server during the burst: p99 ${app.loop.p99Ms} ms (target ≤ 50 ms), max ${app.loop.maxMs} ms (${app.loop.samples} samples)`);
  console.log(`  server CPU during the burst: main thread (event loop) ${app.cpu.main} ms, other threads (argon2 on libuv's threadpool, GC) ${app.cpu.other} ms`);
  console.log(`\nYardsticks, same run, same machine and client (plain node:http, UV_THREADPOOL_SIZE=${CORES}):`);
  console.log(`  ${SUBMISSIONS} argon2id password hashes at once, nothing else: ${alone.toFixed(0)} ms = ${(alone / limitMs).toFixed(2)} × the hashing limit (median of 3)`);
  console.log(`  the app's setPasswordWithLink without Next.js and Auth.js: ${times(yardsticks.domain)}`);
  console.log(`  the minimum (find the link, hash, one UPDATE): ${times(yardsticks.minimal)}`);
  console.log(`\n| p50 | p95 | hashes alone | p95 / hashes alone (≤ 2) | event-loop p99 (≤ 50 ms) |\n|---|---|---|---|---|`);
  console.log(`| ${percentile(app.ms, 50).toFixed(0)} ms | ${p95.toFixed(0)} ms | ${alone.toFixed(0)} ms | ${ratio.toFixed(2)} | ${app.loop.p99Ms} ms |`);
  return ratio <= 2 && app.loop.p99Ms <= 50;
});
console.log(ok ? "\nPASS" : "\nFAIL: a target was missed");
process.exit(ok ? 0 : 1);

/** In waves of 10, so the server has its code warm and its database connections open, as one that has been serving. */
async function warmUp<T>(items: T[], post: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += 10) await Promise.all(items.slice(i, i + 10).map(post));
}

async function stop(child: ChildProcess) {
  if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM"); // the group: `next start` may serve from a child
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));
}

async function waitForServer(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error("next start did not answer within a minute");
}

type Form = { action: string; multipart: boolean; fields: [string, string][] };

/** The set-password form as the page renders it: where it posts, and every hidden field React put in it for a POST without JavaScript. */
async function formOf(link: string): Promise<Form> {
  const html = await (await fetch(link)).text();
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find((f) => f[2]!.includes('name="token"'));
  if (!form) throw new Error(`no set-password form at ${link}`);
  const action = decodeAttribute(/\baction="([^"]*)"/.exec(form[1]!)?.[1] ?? "");
  const fields = [...form[2]!.matchAll(/<input\b[^>]*>/g)].flatMap(([input]) => {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    const type = /\btype="([^"]*)"/.exec(input)?.[1];
    if (!name || type !== "hidden") return [];
    return [[decodeAttribute(name), decodeAttribute(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? "")] as [string, string]];
  });
  const multipart = /\benctype="multipart\/form-data"/i.test(form[1]!);
  return { action: new URL(action, link).toString(), multipart, fields }; // as a browser resolves it: "" is the page itself
}

type Submitted = { ms: number; status: number; location: string | null; signedIn: boolean };

async function submit(form: Form): Promise<Submitted> {
  // The page's form without JavaScript is urlencoded (app/api/set-password/route.ts); encoded as a browser does.
  if (form.multipart) throw new Error("the set-password form posts multipart: this benchmark sends what a browser without JavaScript sends");
  const body = new URLSearchParams(form.fields);
  body.append("password", PASSWORD);
  body.append("confirmPassword", PASSWORD);
  body.append("voicemailPin", "4827");
  return submitTo(form.action, body);
}

/**
 * One form POST over its own connection, as each of fifty browsers sends it, with node:http rather than fetch: on two
 * cores the client's own CPU is taken from the server it measures (fetch: ~110 ms a burst, node:http: 70–90 ms).
 * The same client serves the yardsticks.
 */
function submitTo(action: string, body: URLSearchParams): Promise<Submitted> {
  const payload = Buffer.from(body.toString());
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(action, {
      method: "POST",
      agent: false,
      // A browser's form POST says it comes from the page's own origin (Sec-Fetch-Site; Origin is "null" under the
      // link page's no-referrer policy).
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": payload.length, origin: base, "sec-fetch-site": "same-origin" },
    });
    request.once("error", reject);
    request.once("response", (response) => {
      response.resume();
      response.once("error", reject);
      response.once("end", () => {
        const location = response.headers.location ?? null;
        const resolved = location ? new URL(location, action) : null;
        resolve({
          ms: performance.now() - started,
          status: response.statusCode ?? 0,
          location: resolved && resolved.origin === new URL(action).origin ? resolved.pathname : location,
          signedIn: (response.headers["set-cookie"] ?? []).some((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?=/.test(c)),
        });
      });
    });
    request.end(payload);
  });
}

/** The median of 20 argon2id hashes with the app's own parameters, one at a time. */
async function oneHashMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await hashPassword(`${PASSWORD} ${i}`);
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/** Where the server's CPU went: its main thread (the event loop) and its other threads (hashing, GC, I/O). */
function cpuDuringBurst(before: Map<string, number>, after: Map<string, number>, pid: number) {
  const spent = [...after].map(([thread, ms]) => ({ thread, ms: ms - (before.get(thread) ?? 0) }));
  const main = spent.filter((t) => t.thread.startsWith(`${pid}/${pid} `)).reduce((sum, t) => sum + t.ms, 0);
  const all = spent.reduce((sum, t) => sum + t.ms, 0);
  return { main: Math.round(main), other: Math.round(all - main) };
}

/** CPU time (ms) of every thread of every process in the server's process group, by "pid/tid name" (Linux /proc). */
function threadTimes(pgid: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        const t = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = t.slice(t.indexOf("(") + 1, t.lastIndexOf(")"));
        const f = t.slice(t.lastIndexOf(")") + 2).split(" ");
        times.set(`${pid}/${tid} ${name}`, ((Number(f[11]) + Number(f[12])) * 1000) / 100);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return times;
}
