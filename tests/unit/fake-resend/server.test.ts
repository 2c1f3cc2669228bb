import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { duplicateGroups, duplicates, startFakeResend, type FakeResend } from "@/tests/fake-resend/server";

/** The real SDK against the fake server: what the SDK sees is what the app will see. */
const FROM = "Gatehouse <no-reply@gatehouse.test>";
const mail = (to: string | string[], extra: { subject?: string; messageId?: string } = {}) => ({
  from: FROM,
  to,
  subject: extra.subject ?? "Welcome to Gatehouse",
  html: "<p>Hello</p>",
  text: "Hello",
  tags: [{ name: "message_id", value: extra.messageId ?? "m-1" }],
});

describe("fake Resend server, driven by the resend SDK", () => {
  let server: FakeResend;
  let resend: Resend;

  beforeAll(async () => {
    server = await startFakeResend();
    resend = new Resend("re_test", { baseUrl: server.url });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it("accepts one email, records it as the SDK sent it and serves it back by id", async () => {
    const result = await resend.emails.send(
      { ...mail("dana.reyes@example.com"), replyTo: "Support <help@gatehouse.test>", headers: { "X-Entity-Ref-ID": "abc" } },
      { idempotencyKey: "welcome/member-1" },
    );
    expect(result.error).toBeNull();
    const id = result.data!.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.headers).toMatchObject({ "ratelimit-limit": expect.any(String), "ratelimit-remaining": expect.any(String), "ratelimit-reset": expect.any(String) });

    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]).toMatchObject({
      id,
      idempotencyKey: "welcome/member-1",
      index: 0,
      path: "/emails",
      from: FROM,
      to: ["dana.reyes@example.com"],
      reply_to: ["Support <help@gatehouse.test>"],
      subject: "Welcome to Gatehouse",
      html: "<p>Hello</p>",
      text: "Hello",
      tags: [{ name: "message_id", value: "m-1" }],
      tagValues: { message_id: "m-1" },
      headers: { "X-Entity-Ref-ID": "abc" },
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/emails", idempotencyKey: "welcome/member-1", status: 200, acceptedIds: [id] });
    expect(server.requests[0]!.body).toMatchObject({ reply_to: "Support <help@gatehouse.test>" });

    const fetched = await resend.emails.get(id);
    expect(fetched.data).toMatchObject({ object: "email", id, to: ["dana.reyes@example.com"], subject: "Welcome to Gatehouse", last_event: "delivered" });
    const missing = await resend.emails.get("00000000-0000-0000-0000-000000000000");
    expect(missing.error).toMatchObject({ statusCode: 404, name: "not_found" });
  });

  it("accepts a strict batch and answers { data: [{ id }...] } in order", async () => {
    const emails = ["a@example.com", "b@example.com", "c@example.com"].map((to, i) => mail(to, { messageId: `m-${i}` }));
    const result = await resend.batch.send(emails, { idempotencyKey: "import-42/batch-0" });
    expect(result.error).toBeNull();
    expect(result.data!.data).toHaveLength(3);
    expect(result.data).not.toHaveProperty("errors");
    expect(server.accepted.map((e) => [e.id, e.index, e.to[0]])).toEqual(result.data!.data.map((d, i) => [d.id, i, emails[i]!.to]));
    expect(server.requests[0]).toMatchObject({ path: "/emails/batch", batchValidation: "strict", idempotencyKey: "import-42/batch-0", status: 200 });
  });

  it("rejects a whole strict batch when one address is @invalid.test", async () => {
    const result = await resend.batch.send([mail("a@example.com"), mail("bounce@invalid.test"), mail("c@example.com")]);
    expect(result.data).toBeNull();
    expect(result.error).toMatchObject({ statusCode: 422, name: "validation_error", message: expect.stringMatching(/Invalid `to` field/) });
    expect(server.accepted).toHaveLength(0);
  });

  it("accepts the valid emails of a permissive batch and lists the others in errors", async () => {
    const result = await resend.batch.send([mail("a@example.com"), mail("Bad <bounce@invalid.test>"), mail("c@example.com")], { batchValidation: "permissive" });
    expect(result.error).toBeNull();
    expect(result.data!.data).toHaveLength(2);
    expect(result.data!.errors).toEqual([{ index: 1, message: expect.stringMatching(/Invalid `to` field/) }]);
    expect(server.accepted.map((e) => [e.index, e.to[0]])).toEqual([
      [0, "a@example.com"],
      [2, "c@example.com"],
    ]);
    expect(server.accepted.map((e) => e.id)).toEqual(result.data!.data.map((d) => d.id));
    expect(server.requests[0]!.batchValidation).toBe("permissive");
  });

  it("validates like Resend: required fields, addresses, batch size", async () => {
    const noSubject = await resend.emails.send({ ...mail("a@example.com"), subject: "" });
    expect(noSubject.error).toMatchObject({ statusCode: 422, name: "missing_required_field", message: "Missing `subject` field." });
    const badTo = await resend.emails.send(mail(["a@example.com", "not-an-address"]));
    expect(badTo.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    const badFrom = await resend.emails.send({ ...mail("a@example.com"), from: "nobody" });
    expect(badFrom.error).toMatchObject({ statusCode: 422, name: "validation_error", message: expect.stringMatching(/Invalid `from` field/) });
    const badTag = await resend.emails.send({ ...mail("a@example.com"), tags: [{ name: "message id", value: "x" }] });
    expect(badTag.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    const tooMany = await resend.batch.send(Array.from({ length: 101 }, (_, i) => mail(`u${i}@example.com`)));
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: "validation_error", message: expect.stringMatching(/maximum is 100/) });
    expect(server.accepted).toHaveLength(0);
  });

  it("requires a bearer key, checks it when configured, and answers unknown paths with JSON 404", async () => {
    const noKey = await fetch(`${server.url}/emails`, { method: "POST", body: JSON.stringify(mail("a@example.com")) });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    expect(noKey.headers.get("ratelimit-limit")).not.toBeNull();

    const unknown = await fetch(`${server.url}/domains`, { headers: { authorization: "Bearer re_test" } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, name: "not_found" });

    const strict = await startFakeResend({ apiKey: "re_right" });
    try {
      const wrong = await new Resend("re_wrong", { baseUrl: strict.url }).emails.send(mail("a@example.com"));
      expect(wrong.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
      const right = await new Resend("re_right", { baseUrl: strict.url }).emails.send(mail("a@example.com"));
      expect(right.error).toBeNull();
      expect(strict.accepted).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it("replays the original answer for the same key and body, and accepts once", async () => {
    const first = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-1" });
    const again = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-1" });
    expect(again.data!.id).toBe(first.data!.id);

    const batch = [mail("a@example.com"), mail("b@example.com")];
    const b1 = await resend.batch.send(batch, { idempotencyKey: "k-batch" });
    const b2 = await resend.batch.send(batch, { idempotencyKey: "k-batch" });
    expect(b2.data).toEqual(b1.data);

    expect(server.accepted).toHaveLength(3);
    expect(server.requests.map((r) => r.replay ?? false)).toEqual([false, true, false, true]);
    expect(server.stats()).toMatchObject({ accepted: 3, idempotentReplays: 2, duplicatesByIdempotencyKey: 0 });
  });

  it("answers 409 invalid_idempotent_request for the same key with another body", async () => {
    await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-2" });
    const other = await resend.emails.send(mail("b@example.com"), { idempotencyKey: "k-2" });
    expect(other.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(server.accepted).toHaveLength(1);
  });

  it("answers 409 concurrent_idempotent_requests while the first request with the key is in flight", async () => {
    server.inject({ kind: "delay", ms: 300 });
    const slow = resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-3" });
    await new Promise((r) => setTimeout(r, 100));
    const during = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-3" });
    expect(during.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    const first = await slow;
    expect(first.error).toBeNull();
    const after = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-3" });
    expect(after.data!.id).toBe(first.data!.id);
    expect(server.accepted).toHaveLength(1);
  });

  it("does not remember failed answers: the retry of a 500 is processed fresh", async () => {
    server.inject({ kind: "status", status: 500 });
    const failed = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-4" });
    expect(failed.error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
    expect(failed.headers).toMatchObject({ "ratelimit-limit": expect.any(String) });
    const retried = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-4" });
    expect(retried.error).toBeNull();
    expect(server.accepted).toHaveLength(1);
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([
      [500, "status:500"],
      [200, undefined],
    ]);
  });

  it("injects 429 with retry-after, several times, limited to one endpoint", async () => {
    server.inject({ kind: "status", status: 429, retryAfter: 7, times: 2, path: "/emails/batch" });
    const single = await resend.emails.send(mail("a@example.com"));
    expect(single.error).toBeNull();
    for (let i = 0; i < 2; i++) {
      const limited = await resend.batch.send([mail("a@example.com")]);
      expect(limited.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
      expect(limited.headers).toMatchObject({ "retry-after": "7", "ratelimit-remaining": "0" });
    }
    const ok = await resend.batch.send([mail("a@example.com")]);
    expect(ok.error).toBeNull();
    expect(server.accepted).toHaveLength(2);
  });

  it("lets a fault body be plain text: the SDK then reports application_error with the status", async () => {
    server.inject({ kind: "status", status: 502, body: "<html>Bad Gateway</html>" });
    const result = await resend.emails.send(mail("a@example.com"));
    expect(result.error).toMatchObject({ statusCode: 502, name: "application_error" });
  });

  it("delays the answer but accepts the email", async () => {
    server.inject({ kind: "delay", ms: 200 });
    const started = performance.now();
    const result = await resend.emails.send(mail("a@example.com"));
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(result.error).toBeNull();
    expect(server.accepted).toHaveLength(1);
    expect(server.requests[0]!.fault).toBe("delay");
  });

  it("a client that gives up during a delay still had its email accepted (the delay holds only the answer)", async () => {
    server.inject({ kind: "delay", ms: 300 });
    const gaveUp = await resend.emails.send(mail("a@example.com"), { signal: AbortSignal.timeout(100) });
    expect(gaveUp.error).toMatchObject({ statusCode: null, name: "application_error" });
    expect(server.accepted).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests[0]).toMatchObject({ status: 200, clientClosed: true });
  });

  it("hangs without accepting: the SDK forwards an AbortSignal and reports the abort as statusCode null, never throwing", async () => {
    server.inject({ kind: "hang" });
    const timedOut = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-5", signal: AbortSignal.timeout(200) });
    expect(timedOut).toEqual({
      data: null,
      error: { name: "application_error", statusCode: null, message: "Unable to fetch data. The request could not be resolved." },
      headers: null,
    });
    expect(server.accepted).toHaveLength(0);
    expect(server.requests[0]).toMatchObject({ status: 0, fault: "hang" });

    const retried = await resend.emails.send(mail("a@example.com"), { idempotencyKey: "k-5" });
    expect(retried.error).toBeNull();
    expect(server.accepted).toHaveLength(1);
  });

  it("drop-after-accept: the client sees a network failure, the retry with the same key gets the original id", async () => {
    server.inject({ kind: "drop-after-accept" });
    const dropped = await resend.batch.send([mail("a@example.com"), mail("b@example.com")], { idempotencyKey: "k-6" });
    expect(dropped.error).toMatchObject({ statusCode: null, name: "application_error" });
    expect(server.accepted).toHaveLength(2);

    const retried = await resend.batch.send([mail("a@example.com"), mail("b@example.com")], { idempotencyKey: "k-6" });
    expect(retried.data!.data.map((d) => d.id)).toEqual(server.accepted.map((e) => e.id));
    expect(server.accepted).toHaveLength(2);
    expect(server.stats()).toMatchObject({ dropped: 1, idempotentReplays: 1, accepted: 2, byStatus: { none: 1, 200: 1 } });
  });

  it("counts duplicates by any key", async () => {
    await resend.emails.send(mail("a@example.com", { messageId: "m-1" }));
    await resend.emails.send(mail("a@example.com", { messageId: "m-1" }));
    await resend.emails.send(mail("b@example.com", { messageId: "m-2" }));
    const keyOf = (e: FakeResend["accepted"][number]) => `${e.to.join(",")}|${e.tagValues.message_id}`;
    expect(duplicates(server.accepted, keyOf)).toBe(1);
    expect([...duplicateGroups(server.accepted, keyOf)]).toEqual([["a@example.com|m-1", 2]]);
    expect(server.stats(keyOf).duplicates).toBe(1);
  });

  it("is controllable over HTTP for a server in another process", async () => {
    await fetch(`${server.url}/__fake/inject`, { method: "POST", body: JSON.stringify({ kind: "status", status: 503 }) });
    const failed = await resend.emails.send(mail("a@example.com"));
    expect(failed.error).toMatchObject({ statusCode: 503 });
    await resend.emails.send(mail("a@example.com"));
    const stats = (await (await fetch(`${server.url}/__fake/stats`)).json()) as { accepted: number; byStatus: Record<string, number> };
    expect(stats).toMatchObject({ accepted: 1, byStatus: { 200: 1, 503: 1 } });
    await fetch(`${server.url}/__fake/reset`, { method: "POST" });
    expect(server.requests).toHaveLength(0);
  });

  it("handles 10,000 emails in batches of 100 quickly and without duplicates", async () => {
    const started = performance.now();
    const batches = Array.from({ length: 100 }, (_, b) => Array.from({ length: 100 }, (_, i) => mail(`user${b * 100 + i}@example.com`, { messageId: `m-${b * 100 + i}` })));
    const results = [];
    for (let i = 0; i < batches.length; i += 10) {
      results.push(...(await Promise.all(batches.slice(i, i + 10).map((batch, j) => resend.batch.send(batch, { idempotencyKey: `bench/${i + j}` })))));
    }
    expect(results.every((r) => r.error === null)).toBe(true);
    expect(server.accepted).toHaveLength(10_000);
    expect(duplicates(server.accepted, (e) => `${e.to[0]}|${e.tagValues.message_id}`)).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("fake Resend server: rate limit, random faults, close", () => {
  it("enforces the rate over a sliding second with 429 + retry-after visible in the SDK's headers", async () => {
    const server = await startFakeResend({ rate: 3 });
    const resend = new Resend("re_test", { baseUrl: server.url });
    try {
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => resend.emails.send(mail(`u${i}@example.com`))));
      const limited = results.filter((r) => r.error);
      expect(limited).toHaveLength(1);
      expect(limited[0]!.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
      expect(Number(limited[0]!.headers!["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(limited[0]!.headers).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "0" });
      expect(server.accepted).toHaveLength(3);
      expect(server.stats().rateLimited).toBe(1);

      await new Promise((r) => setTimeout(r, 1_050));
      const later = await resend.emails.send(mail("late@example.com"));
      expect(later.error).toBeNull();
      expect(later.headers).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "2" });

      server.setRate(100);
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => resend.emails.send(mail(`b${i}@example.com`))));
      expect(burst.every((r) => r.error === null)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("repeats the same random faults for the same seed", async () => {
    const run = async () => {
      const server = await startFakeResend({ seed: 42 });
      server.setFaults({ errorRate500: 0.3, errorRate429: 0.2 });
      const resend = new Resend("re_test", { baseUrl: server.url });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await resend.emails.send(mail("a@example.com"))).error?.statusCode ?? 200);
      await server.close();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(429);
    expect(first).toContain(200);
  });

  it("close() ends hanging requests and returns promptly", async () => {
    const server = await startFakeResend();
    server.inject({ kind: "hang", times: 3 });
    const pending = Array.from({ length: 3 }, () =>
      fetch(`${server.url}/emails`, { method: "POST", headers: { authorization: "Bearer re_test" }, body: JSON.stringify(mail("a@example.com")) }).then(
        () => "answered",
        () => "failed",
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(await Promise.all(pending)).toEqual(["failed", "failed", "failed"]);
    expect(server.accepted).toHaveLength(0);
  });
});
