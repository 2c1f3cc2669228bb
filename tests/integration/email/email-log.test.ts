import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailStatus, member, organization } from "@/db/schema";
import { startOfDay } from "@/lib/calendar-days";
import { COUNT_LIMIT, listMemberEmails, listOrganizationEmails } from "@/lib/email/email-log";
import {
  DEFAULT_EMAIL_LOG_QUERY,
  EMAIL_STATUSES,
  emailLogHref,
  emailLogQuery,
  emailLogSearch,
  isEmailLogFiltered,
  parseEmailLogQuery,
  type EmailLogQuery,
} from "@/lib/email/email-log-query";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { insertEmail, insertEmails, insertEvents, insertManyEmails } from "@/tests/email-factories";
import { createMember, createSupportActor, seedOrganization } from "@/tests/factories";

/**
 * The email log (SPEC §4.11) through the functions its pages call: the organization's log with its filters and pages,
 * a member's log, each message's timeline, and who may read which. Every test seeds an organization of its own.
 */

const query = (change: Record<string, unknown> = {}): EmailLogQuery => emailLogQuery.parse(change);
const at = (iso: string) => new Date(iso);

async function orgLog(org: Awaited<ReturnType<typeof seedOrganization>>, change: Record<string, unknown> = {}) {
  return listOrganizationEmails(await getDb(), org.actors.admin, org.organization.id, query(change));
}
const recipients = (log: { rows: { to: string }[] }) => log.rows.map((r) => r.to);

describe("the email log's query in the URL", () => {
  it("opens with no filters, newest first, 50 a page", () => {
    expect(parseEmailLogQuery({})).toEqual({ recipient: "", page: 1, size: 50 });
    expect(emailLogSearch(DEFAULT_EMAIL_LOG_QUERY)).toBe("");
    expect(isEmailLogFiltered(DEFAULT_EMAIL_LOG_QUERY)).toBe(false);
  });

  it("falls back to the default for every value it can't read, so a hand-edited link still opens", () => {
    expect(
      parseEmailLogQuery({ status: "lost", template: "invoice", recipient: "x".repeat(300), from: "2026-02-30", to: "yesterday", page: "-1", size: "7" }),
    ).toEqual({ recipient: "", page: 1, size: 50 });
  });

  it("reads a shared link back exactly, a repeated key once, and lower-cases the recipient", () => {
    const read = parseEmailLogQuery(new URLSearchParams("status=bounced&template=password-reset&recipient=+Dana%40Example+&from=2026-03-01&to=2026-03-31&page=2&size=25&status=sent"));
    expect(read).toEqual({ status: "bounced", template: "password-reset", recipient: "dana@example", from: "2026-03-01", to: "2026-03-31", page: 2, size: 25 });
    expect(parseEmailLogQuery(new URLSearchParams(emailLogSearch(read)))).toEqual(read);
    expect(isEmailLogFiltered(read)).toBe(true);
  });

  it("swaps dates given the wrong way round", () => {
    expect(parseEmailLogQuery({ from: "2026-03-31", to: "2026-03-01" })).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
  });

  it("starts again at page 1 when a filter changes, and keeps the page when paging", () => {
    const onPage3 = query({ status: "failed", page: 3 });
    expect(emailLogHref("/email-log", onPage3, { template: "welcome" })).toBe("/email-log?status=failed&template=welcome");
    expect(emailLogHref("/email-log", onPage3, { page: 4 })).toBe("/email-log?status=failed&page=4");
  });

  it("offers every status the database knows", () => {
    expect([...EMAIL_STATUSES].sort()).toEqual([...emailStatus.enumValues].sort());
  });
});

describe("startOfDay: a calendar day in the organization's time zone", () => {
  it("is midnight there, across daylight saving changes", () => {
    expect(startOfDay("2026-01-15", "UTC").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfDay("2026-01-15", "Europe/Berlin").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDay("2026-07-15", "Europe/Berlin").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    // New York moves its clocks at 2 a.m. on 8 March 2026: that day starts in winter time, the next in summer time.
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDay("2026-03-01", "Asia/Kolkata").toISOString()).toBe("2026-02-28T18:30:00.000Z");
  });
});

describe("listOrganizationEmails: the organization's email log", () => {
  it("[Office Manager] sees the organization's emails newest first, with the member's name and no bodies", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const dana = await createMember(org.organization.id, { firstName: "Dana", lastName: "Reyes", primaryEmail: "dana@example.test" });
    await insertEmails(org.organization.id, [
      { memberId: dana.id, to: "dana@example.test", createdAt: at("2026-03-01T09:00:00Z") },
      { memberId: dana.id, to: "dana@example.test", template: "password-reset", subject: "Reset your password", createdAt: at("2026-03-02T09:00:00Z") },
      { memberId: null, to: "gone@example.test", createdAt: at("2026-03-03T09:00:00Z") },
    ]);
    await insertEmail(other.organization.id, { to: "elsewhere@example.test" });

    const log = await orgLog(org);
    expect(log).toMatchObject({ total: 3, totalIsAtLeast: false, page: 1, pageCount: 1, timeZone: "UTC" });
    expect(recipients(log)).toEqual(["gone@example.test", "dana@example.test", "dana@example.test"]);
    expect(log.rows[1]).toMatchObject({ template: "password-reset", subject: "Reset your password", status: "queued", attempts: 0, member: { id: dana.id, name: "Dana Reyes" } });
    expect(log.rows[0]!.member).toBeNull(); // the member was deleted since
    expect(log.rows[0]).not.toHaveProperty("html");
    expect(log.rows[0]).not.toHaveProperty("text");
  });

  it("[Office Manager] narrows by status and by email", async () => {
    const org = await seedOrganization();
    await insertEmails(org.organization.id, [
      { to: "a@example.test", status: "delivered", template: "welcome" },
      { to: "b@example.test", status: "bounced", template: "welcome" },
      { to: "c@example.test", status: "bounced", template: "password-reset" },
      { to: "d@example.test", status: "failed", template: "email-verify", lastError: "422 Invalid `to` field" },
    ]);
    expect(recipients(await orgLog(org, { status: "bounced" })).sort()).toEqual(["b@example.test", "c@example.test"]);
    expect(recipients(await orgLog(org, { template: "welcome" })).sort()).toEqual(["a@example.test", "b@example.test"]);
    expect(recipients(await orgLog(org, { status: "bounced", template: "password-reset" }))).toEqual(["c@example.test"]);
    expect((await orgLog(org, { status: "failed" })).rows).toMatchObject([{ to: "d@example.test", lastError: "422 Invalid `to` field" }]);
    expect((await orgLog(org, { status: "complained" })).total).toBe(0);
  });

  it("[Office Manager] finds a recipient by any part of the address, in any case, with % and _ taken literally", async () => {
    const org = await seedOrganization();
    await insertEmails(org.organization.id, [
      { to: "Dana.Reyes@Example.test" },
      { to: "danny@example.test" },
      { to: "a_b@example.test" },
      { to: "axb@example.test" },
      { to: "50%off@example.test" },
      { to: "50off@example.test" },
    ]);
    expect(recipients(await orgLog(org, { recipient: "dana.reyes@example.test" }))).toEqual(["Dana.Reyes@Example.test"]);
    expect(recipients(await orgLog(org, { recipient: "REYES" }))).toEqual(["Dana.Reyes@Example.test"]);
    expect(recipients(await orgLog(org, { recipient: "dan" })).sort()).toEqual(["Dana.Reyes@Example.test", "danny@example.test"]);
    expect(recipients(await orgLog(org, { recipient: "a_b" }))).toEqual(["a_b@example.test"]);
    expect(recipients(await orgLog(org, { recipient: "50%" }))).toEqual(["50%off@example.test"]);
    expect(recipients(await orgLog(org, { recipient: "%" }))).toEqual(["50%off@example.test"]);
    expect((await orgLog(org, { recipient: "nobody" })).total).toBe(0);
  });

  it("[Office Manager] opens the emails of one bulk send, as the audit log's link to it does", async () => {
    const org = await seedOrganization();
    const { jobId } = await sendLinkEmails({ actor: org.actors.admin, selection: { kind: "ids", ids: [org.members.inScope.id, org.members.outOfScope.id] }, purpose: "reset" });
    await insertEmail(org.organization.id, { to: "other@example.test" });
    const log = await orgLog(org, { job: jobId });
    expect(log.rows.map((r) => r.to).sort()).toEqual([org.members.inScope.primaryEmail, org.members.outOfScope.primaryEmail].sort());
    expect(isEmailLogFiltered(query({ job: jobId }))).toBe(true);
    expect((await orgLog(org, { job: "not-a-job" })).total).toBe(3);
  });

  it("[Office Manager] narrows to whole days in the organization's time zone, both ends included", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await db.update(organization).set({ defaultTimeZone: "America/New_York" }).where(eq(organization.id, org.organization.id));
    await insertEmails(org.organization.id, [
      { to: "late-on-the-9th@example.test", createdAt: at("2026-03-10T03:30:00Z") }, // 23:30 on 9 March in New York
      { to: "early-on-the-10th@example.test", createdAt: at("2026-03-10T04:30:00Z") }, // 00:30 on 10 March
      { to: "end-of-the-10th@example.test", createdAt: at("2026-03-11T03:59:59Z") }, // 23:59:59 on 10 March
      { to: "on-the-11th@example.test", createdAt: at("2026-03-11T04:00:00Z") }, // midnight on 11 March
    ]);
    expect(recipients(await orgLog(org, { from: "2026-03-10", to: "2026-03-10" }))).toEqual(["end-of-the-10th@example.test", "early-on-the-10th@example.test"]);
    expect(recipients(await orgLog(org, { to: "2026-03-09" }))).toEqual(["late-on-the-9th@example.test"]);
    expect(recipients(await orgLog(org, { from: "2026-03-11" }))).toEqual(["on-the-11th@example.test"]);
    expect((await orgLog(org)).timeZone).toBe("America/New_York");
  });

  it("[Office Manager] pages through every email once, even when several were queued at the same instant", async () => {
    const org = await seedOrganization();
    const sameInstant = at("2026-03-01T09:00:00Z");
    await insertEmails(
      org.organization.id,
      Array.from({ length: 30 }, (_, i) => ({ to: `p${i}@example.test`, createdAt: i < 20 ? sameInstant : at(`2026-03-02T09:00:${String(i).padStart(2, "0")}Z`) })),
    );
    const first = await orgLog(org, { size: 25 });
    const second = await orgLog(org, { size: 25, page: 2 });
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(5);
    expect(new Set([...recipients(first), ...recipients(second)]).size).toBe(30);
    expect(recipients(first).slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `p${29 - i}@example.test`));
    // A page past the end shows the last page.
    expect(await orgLog(org, { size: 25, page: 9 })).toMatchObject({ page: 2, rows: second.rows });
  });

  it(`[Office Manager] counts up to ${COUNT_LIMIT.toLocaleString("en-US")} and says there are more, instead of counting 100,000s`, async () => {
    const org = await seedOrganization();
    await insertManyEmails(org.organization.id, COUNT_LIMIT + 5, at("2026-03-01T00:00:00Z"));
    const log = await orgLog(org, { size: 100, page: 1000 });
    expect(log).toMatchObject({ total: COUNT_LIMIT, totalIsAtLeast: true, pageCount: COUNT_LIMIT / 100, page: COUNT_LIMIT / 100 });
    expect(log.rows).toHaveLength(100);
    expect(log.rows.at(-1)!.to).toBe(`bulk${COUNT_LIMIT}@example.test`);
    // Narrowing the dates reaches the older ones: before 23 February, minutes 8,641 to 10,005 back.
    const older = await orgLog(org, { to: "2026-02-22", size: 100, page: 14 });
    expect(older).toMatchObject({ total: 1365, totalIsAtLeast: false, pageCount: 14 });
    expect(older.rows.at(-1)!.to).toBe(`bulk${COUNT_LIMIT + 5}@example.test`);
  });

  it("[Owner] [Support] may read it; site managers, supervisors, members and other organizations may not", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await insertEmail(org.organization.id);
    const db = await getDb();
    const read = (actor: Parameters<typeof listOrganizationEmails>[1], organizationId = org.organization.id) =>
      listOrganizationEmails(db, actor, organizationId, DEFAULT_EMAIL_LOG_QUERY);
    expect((await read(org.actors.owner)).total).toBe(1);
    expect((await read(await createSupportActor())).total).toBe(1);
    for (const actor of [org.actors.siteManager, org.actors.supervisor, org.actors.member]) {
      await expect(read(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(read(other.actors.admin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(read(await createSupportActor(), "7d4f1f9e-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(read(await createSupportActor(), "not-an-id")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("timelines", () => {
  it("[Office Manager] sees queued, sent and every event in the order they happened, with errors, reasons and scanners", async () => {
    const org = await seedOrganization();
    const message = await insertEmail(org.organization.id, {
      status: "bounced",
      attempts: 2,
      createdAt: at("2026-03-01T09:00:00Z"),
      sentAt: at("2026-03-01T09:00:40Z"),
    });
    // Written out of order, as webhooks arrive.
    await insertEvents(message.id, [
      { type: "bounced", occurredAt: at("2026-03-01T09:01:30Z"), details: { reason: "550 5.1.1 Mailbox does not exist", bounceType: "Permanent", bounceSubType: "General" } },
      { type: "link_opened", occurredAt: at("2026-03-01T09:01:05Z"), details: { method: "HEAD", probablyScanner: true } },
      { type: "retry", occurredAt: at("2026-03-01T09:00:10Z"), details: { attempt: 1, error: "503 Service Unavailable", retryAt: "2026-03-01T09:00:40.000Z" } },
      { type: "delivered", occurredAt: at("2026-03-01T09:01:00Z") },
      { type: "email.scheduled", occurredAt: at("2026-03-01T09:00:05Z") },
    ]);
    const [row] = (await orgLog(org)).rows;
    expect(row!.timeline.map((e) => [e.at.toISOString().slice(11, 19), e.label])).toEqual([
      ["09:00:00", "Queued"],
      ["09:00:05", "Scheduled"],
      ["09:00:10", "Send failed, will retry"],
      ["09:00:40", "Sent"],
      ["09:01:00", "Delivered"],
      ["09:01:05", "Link page opened"],
      ["09:01:30", "Bounced"],
    ]);
    expect(row!.timeline[2]).toMatchObject({ detail: "Attempt 1: 503 Service Unavailable", retryAt: at("2026-03-01T09:00:40Z") });
    expect(row!.timeline[5]).toMatchObject({ probablyScanner: true, detail: null });
    expect(row!.timeline[6]).toMatchObject({ detail: "550 5.1.1 Mailbox does not exist (Permanent, General)", probablyScanner: false });
  });

  it("[Office Manager] sees why a message failed, and a person opening a link unmarked", async () => {
    const org = await seedOrganization();
    const failed = await insertEmail(org.organization.id, { status: "failed", createdAt: at("2026-03-01T09:00:00Z") });
    const opened = await insertEmail(org.organization.id, { status: "delivered", createdAt: at("2026-03-01T08:00:00Z"), sentAt: at("2026-03-01T08:00:01Z") });
    await insertEvents(failed.id, [{ type: "failed", occurredAt: at("2026-03-01T09:00:02Z"), details: { error: "422 The `to` address is invalid" } }]);
    await insertEvents(opened.id, [
      { type: "delivered", occurredAt: at("2026-03-01T08:00:03Z") },
      { type: "link_opened", occurredAt: at("2026-03-01T08:30:00Z"), details: { method: "GET", probablyScanner: false } },
      // Details that don't have the expected shape are left out rather than shown wrong.
      { type: "bounced", occurredAt: at("2026-03-01T08:40:00Z"), details: { reason: 42 } },
    ]);
    const [failedRow, openedRow] = (await orgLog(org)).rows;
    expect(failedRow!.timeline).toMatchObject([{ label: "Queued" }, { label: "Failed", detail: "422 The `to` address is invalid" }]);
    expect(openedRow!.timeline.map((e) => e.label)).toEqual(["Queued", "Sent", "Delivered", "Link page opened", "Bounced"]);
    expect(openedRow!.timeline[3]).toMatchObject({ probablyScanner: false });
    expect(openedRow!.timeline[4]).toMatchObject({ detail: null });
  });
});

describe("listMemberEmails: a member's Email log tab", () => {
  it("[Office Manager] sees only that member's emails, even when another member shares the address", async () => {
    const org = await seedOrganization();
    const shared = "front-desk@example.test";
    const dana = await createMember(org.organization.id, { primaryEmail: shared });
    const eli = await createMember(org.organization.id, { primaryEmail: shared });
    await insertEmails(org.organization.id, [
      { memberId: dana.id, to: shared, subject: "Dana 1", createdAt: at("2026-03-01T09:00:00Z") },
      { memberId: eli.id, to: shared, subject: "Eli 1", createdAt: at("2026-03-01T10:00:00Z") },
      { memberId: dana.id, to: shared, subject: "Dana 2", createdAt: at("2026-03-02T09:00:00Z") },
    ]);
    const log = await listMemberEmails(await getDb(), org.actors.admin, dana.id, DEFAULT_EMAIL_LOG_QUERY);
    expect(log.rows.map((r) => r.subject)).toEqual(["Dana 2", "Dana 1"]);
    expect(log).toMatchObject({ total: 2, page: 1, pageCount: 1, emailProblem: null, member: { id: dana.id } });
  });

  it("[Office Manager] is told why the member's address is flagged: the last bounce to that address", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const dana = await createMember(org.organization.id, { primaryEmail: "dana@example.test" });
    const [old, first, last] = await insertEmails(org.organization.id, [
      { memberId: dana.id, to: "dana.old@example.test", status: "bounced" },
      { memberId: dana.id, to: "dana@example.test", status: "bounced" },
      { memberId: dana.id, to: "dana@example.test", status: "bounced" },
    ]);
    await insertEvents(old!.id, [{ type: "bounced", occurredAt: at("2026-03-05T00:00:00Z"), details: { reason: "the old address" } }]);
    await insertEvents(first!.id, [{ type: "bounced", occurredAt: at("2026-03-01T00:00:00Z"), details: { reason: "550 first" } }]);
    await insertEvents(last!.id, [{ type: "bounced", occurredAt: at("2026-03-02T00:00:00Z"), details: { reason: "550 5.1.1 Mailbox does not exist" } }]);
    const problem = async () => (await listMemberEmails(db, org.actors.admin, dana.id, DEFAULT_EMAIL_LOG_QUERY)).emailProblem;

    expect(await problem()).toBeNull(); // not flagged by the engine: nothing to fix
    await db.update(member).set({ primaryEmailProblem: "bounced" }).where(eq(member.id, dana.id));
    expect(await problem()).toEqual({ kind: "bounced", address: "dana@example.test", reason: "550 5.1.1 Mailbox does not exist", at: at("2026-03-02T00:00:00Z") });
    await db.update(member).set({ primaryEmailProblem: "complained" }).where(eq(member.id, dana.id));
    expect(await problem()).toEqual({ kind: "complained", address: "dana@example.test", reason: null, at: null });
  });

  it("[Call Center Supervisor] sees the log of their agents and of nobody else", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await insertEmails(org.organization.id, [
      { memberId: org.members.inScope.id, to: "in@example.test" },
      { memberId: org.members.outOfScope.id, to: "out@example.test" },
    ]);
    const read = (memberId: string) => listMemberEmails(db, org.actors.supervisor, memberId, DEFAULT_EMAIL_LOG_QUERY);
    expect(recipients(await read(org.members.inScope.id))).toEqual(["in@example.test"]);
    await expect(read(org.members.outOfScope.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(read(org.members.admin.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("[Site Manager] sees the log of the people of their site, not of the other site", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await insertEmail(org.organization.id, { memberId: org.members.inScope.id });
    expect((await listMemberEmails(db, org.actors.siteManager, org.members.inScope.id, DEFAULT_EMAIL_LOG_QUERY)).total).toBe(1);
    await expect(listMemberEmails(db, org.actors.siteManager, org.members.outOfScope.id, DEFAULT_EMAIL_LOG_QUERY)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("[Office Manager] gets not found for a member of another organization or an id that isn't one", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const db = await getDb();
    await insertEmail(other.organization.id, { memberId: other.members.inScope.id });
    await expect(listMemberEmails(db, org.actors.admin, other.members.inScope.id, DEFAULT_EMAIL_LOG_QUERY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listMemberEmails(db, org.actors.admin, "../../etc", DEFAULT_EMAIL_LOG_QUERY)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("[Member] may not read their own email log in the portal", async () => {
    const org = await seedOrganization();
    await expect(listMemberEmails(await getDb(), org.actors.member, org.members.member.id, DEFAULT_EMAIL_LOG_QUERY)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("[Support] reads any member's log", async () => {
    const org = await seedOrganization();
    await insertEmail(org.organization.id, { memberId: org.members.outOfScope.id });
    expect((await listMemberEmails(await getDb(), await createSupportActor(), org.members.outOfScope.id, DEFAULT_EMAIL_LOG_QUERY)).total).toBe(1);
  });

  it("[Office Manager] pages through a member's emails", async () => {
    const org = await seedOrganization();
    const dana = await createMember(org.organization.id);
    await insertEmails(
      org.organization.id,
      Array.from({ length: 27 }, (_, i) => ({ memberId: dana.id, subject: `Email ${i}`, createdAt: at(`2026-03-01T09:${String(i).padStart(2, "0")}:00Z`) })),
    );
    const second = await listMemberEmails(await getDb(), org.actors.admin, dana.id, { page: 2, size: 25 });
    expect(second).toMatchObject({ total: 27, page: 2, pageCount: 2 });
    expect(second.rows.map((r) => r.subject)).toEqual(["Email 1", "Email 0"]);
  });
});
