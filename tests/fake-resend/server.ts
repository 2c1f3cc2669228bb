/**
 * A local Resend-compatible HTTP server for tests and benchmarks (node:http only). It speaks the part of the Resend API
 * that the `resend` SDK (6.38) uses to send mail, with Resend's error bodies (`{ statusCode, name, message }`), so the
 * SDK returns `{ data: null, error: <that body>, headers }` exactly as it would against api.resend.com:
 *
 * - `POST /emails` (one email) → 200 `{ id }`; `POST /emails/batch` (≤ 100 emails) → 200 `{ data: [{ id }] }`, or with
 *   `x-batch-validation: permissive` → 200 `{ data: [{ id }...accepted only], errors: [{ index, message }] }`.
 * - `GET /emails/:id` → the accepted email (Resend's "retrieve email" shape).
 * - `Authorization: Bearer <key>` (401 missing_api_key; 403 invalid_api_key when `apiKey` is set and differs).
 * - `Idempotency-Key`: the same key and body within 24 h replays the original answer (same ids, nothing accepted
 *   again); another body → 409 invalid_idempotent_request; while the first is in flight → 409
 *   concurrent_idempotent_requests. Only 2xx answers are remembered.
 * - A sliding 1-second rate limit over the two send endpoints → 429 rate_limit_exceeded with `retry-after`; every
 *   answer carries `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`.
 * - Any recipient ending in `@invalid.test` is an invalid address (422), for permanent-failure and permissive tests.
 * - Faults: `inject()` queues status / delay / hang / drop-after-accept faults for the next send requests;
 *   `setFaults()` adds seeded random ones to every send request.
 *
 * When the server runs in another process (tests/fake-resend/cli.ts), `/__fake/*` exposes the same controls over
 * HTTP: GET stats, GET accepted, GET requests, POST reset, POST inject, POST faults, POST rate. Those requests need no
 * key, are not rate limited and are not recorded.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";

// ---------------------------------------------------------------------------------------------------------------
// Types

export type SendPath = "/emails" | "/emails/batch";

export type FakeResendOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Allowed send requests per second (sliding 1 s window over POST /emails and /emails/batch). Default Infinity. */
  rate?: number;
  /** When set, any other bearer key gets 403 invalid_api_key. A missing key always gets 401 missing_api_key. */
  apiKey?: string;
  /** Seed of the PRNG behind setFaults() (default 1), so random fault runs repeat exactly. */
  seed?: number;
  /** How long an idempotency key is remembered (default 24 h, like Resend). */
  idempotencyTtlMs?: number;
};

/** Status codes a `status` fault may answer with. */
export type FaultStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 502 | 503 | 504;

/** A queued fault. `times` defaults to 1; `path` limits it to one endpoint (default: either send endpoint). */
export type Fault = (
  | {
      kind: "status";
      status: FaultStatus;
      /** Seconds for the `retry-after` header of a 429 (default 1). */
      retryAfter?: number;
      /** Replaces the Resend-style JSON body. A string is sent as text/plain (the SDK then reports application_error). */
      body?: object | string;
    }
  /** Accept the email(s) at once, then hold the answer `ms`. The idempotency key stays "in flight" meanwhile. */
  | { kind: "delay"; ms: number }
  /** Never answer (until close()). Nothing is accepted and nothing is stored under the idempotency key. */
  | { kind: "hang" }
  /** Accept and record the email(s), store the answer under the idempotency key, then destroy the socket unanswered. */
  | { kind: "drop-after-accept" }
) & { times?: number; path?: SendPath };

export type FaultPlan = {
  /** Probability (0..1) that a send request gets 500 internal_server_error. */
  errorRate500?: number;
  /** Probability (0..1) that a send request gets 429 rate_limit_exceeded (retry-after: 1). */
  errorRate429?: number;
  /** Latency added to every answered send request, in ms. */
  delayMs?: number;
  /** Probability (0..1) that a send request hangs (never answered, nothing accepted). */
  timeoutRate?: number;
  /** Reseed the PRNG. */
  seed?: number;
};

export type RecordedRequest = {
  /** Position in `requests` since the last reset(). */
  seq: number;
  /** Date.now() when the request arrived. */
  at: number;
  method: string;
  path: string;
  idempotencyKey?: string;
  batchValidation?: string;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** The HTTP status we answered; 0 while pending, and for hang / drop-after-accept (no answer was sent). */
  status: number;
  /** The fault that shaped the answer: "status:500", "delay", "hang", "drop-after-accept", "random:500", … */
  fault?: string;
  /** Rejected by the rate limiter (429). */
  rateLimited?: boolean;
  /** Answered from the idempotency store (nothing accepted). */
  replay?: boolean;
  /** Ids of the emails this request accepted. */
  acceptedIds?: string[];
  /** The client had gone (aborted, timed out, killed) when the answer was ready: `status` was never delivered. */
  clientClosed?: boolean;
};

export type EmailTag = { name: string; value: string };

export type AcceptedEmail = {
  id: string;
  /** Idempotency-Key of the request that carried it. */
  idempotencyKey: string | undefined;
  /** Position in the batch (0 for POST /emails). */
  index: number;
  path: SendPath;
  /** `seq` of the request that carried it. */
  requestSeq: number;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  reply_to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  /** As sent: `[{ name, value }]`. */
  tags: EmailTag[];
  /** The tags as a map, e.g. `tagValues.message_id`. */
  tagValues: Record<string, string>;
  headers: Record<string, string>;
  scheduled_at: string | undefined;
  /** Date.now() when accepted. */
  at: number;
};

export type FakeResendStats = {
  /** Every recorded request (all paths and methods). */
  requests: number;
  /** POST /emails and POST /emails/batch. */
  sendRequests: number;
  /** Emails accepted. */
  accepted: number;
  /** Answers by status code; "none" for status 0 (hang / drop-after-accept / still pending). */
  byStatus: Record<string, number>;
  rateLimited: number;
  idempotentReplays: number;
  /** Requests shaped by an injected or random fault. */
  faulted: number;
  hung: number;
  dropped: number;
  /** Accepted emails whose (idempotency key, batch index) had already been accepted. Must be 0. */
  duplicatesByIdempotencyKey: number;
  /** Only when stats(keyOf) was given a key: accepted emails beyond the first for each key. */
  duplicates?: number;
};

export type FakeResend = {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  /** Every request that arrived, in order. Cleared in place by reset(). */
  requests: RecordedRequest[];
  /** Every email accepted ("delivered"), in order. Cleared in place by reset(). */
  accepted: AcceptedEmail[];
  /** Queue a fault for the next matching send request(s). Queued faults apply in order. */
  inject(fault: Fault): void;
  /** Random faults on every send request (replaces the previous plan; `{}` turns them off). */
  setFaults(plan: FaultPlan): void;
  setRate(rate: number): void;
  /** Clear recorded requests and emails, queued and random faults, the idempotency store and the rate window. */
  reset(): void;
  /** The email accepted with this id, if any. */
  email(id: string): AcceptedEmail | undefined;
  stats(keyOf?: (email: AcceptedEmail) => string): FakeResendStats;
  /** End hanging and delayed requests, close every connection and the server. */
  close(): Promise<void>;
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers for tests and benchmarks

/** How many entries repeat a key already seen (sum over keys of count − 1), e.g. keyOf = e => `${e.to}|${e.tagValues.message_id}`. */
export function duplicates<T>(items: readonly T[], keyOf: (item: T) => string): number {
  return Math.max(0, items.length - new Set(items.map(keyOf)).size);
}

/** The keys that occur more than once, with their counts. */
export function duplicateGroups<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) if (count < 2) counts.delete(key);
  return counts;
}

/** The address inside "Name <addr>" or the string itself, lower-cased. */
export function addressOf(recipient: string): string {
  const match = /<([^<>]+)>\s*$/.exec(recipient);
  return (match?.[1] ?? recipient).trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Resend-style errors

type ErrorName =
  | "validation_error"
  | "missing_required_field"
  | "missing_api_key"
  | "invalid_api_key"
  | "invalid_idempotency_key"
  | "invalid_idempotent_request"
  | "concurrent_idempotent_requests"
  | "not_found"
  | "method_not_allowed"
  | "rate_limit_exceeded"
  | "internal_server_error"
  | "application_error";

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const errorBody = (statusCode: number, name: ErrorName, message: string) => ({ statusCode, name, message });
const fail = (statusCode: number, name: ErrorName, message: string): Answer => ({ status: statusCode, body: errorBody(statusCode, name, message) });

const DEFAULT_FAULT_ERRORS: Record<FaultStatus, [ErrorName, string]> = {
  400: ["validation_error", "We found an error with one or more fields in the request."],
  401: ["missing_api_key", "Missing API key in the authorization header."],
  403: ["invalid_api_key", "API key is invalid"],
  404: ["not_found", "The requested endpoint does not exist."],
  409: ["concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress."],
  422: ["validation_error", "We found an error with one or more fields in the request."],
  429: ["rate_limit_exceeded", "Too many requests. Please slow down."],
  500: ["internal_server_error", "An unexpected error occurred."],
  502: ["internal_server_error", "Bad gateway."],
  503: ["internal_server_error", "Service unavailable."],
  504: ["internal_server_error", "Gateway timeout."],
};

// ---------------------------------------------------------------------------------------------------------------
// Validation

const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const MAX_BODY_BYTES = 40 * 1024 * 1024;
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const formatHint = "The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";

function plausibleRecipient(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const match = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  if (!address || !ADDRESS.test(address)) return false;
  return !address.toLowerCase().endsWith("@invalid.test");
}

type Invalid = { name: ErrorName; message: string };
type ValidEmail = Omit<AcceptedEmail, "id" | "idempotencyKey" | "index" | "path" | "requestSeq" | "at">;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function recipients(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}

function validateEmail(raw: unknown, inBatch: boolean): ValidEmail | Invalid {
  if (!isObject(raw)) return { name: "validation_error", message: "Each email must be a JSON object." };
  for (const field of ["from", "to", "subject"] as const) {
    const v = raw[field];
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) {
      return { name: "missing_required_field", message: `Missing \`${field}\` field.` };
    }
  }
  if (typeof raw.from !== "string" || !plausibleRecipient(raw.from)) return { name: "validation_error", message: `Invalid \`from\` field. ${formatHint}` };
  if (typeof raw.subject !== "string") return { name: "validation_error", message: "The `subject` field must be a string." };
  const lists: Record<"to" | "cc" | "bcc" | "reply_to", string[]> = { to: [], cc: [], bcc: [], reply_to: [] };
  for (const field of ["to", "cc", "bcc", "reply_to"] as const) {
    const list = recipients(raw[field]);
    if (!list || !list.every(plausibleRecipient)) return { name: "validation_error", message: `Invalid \`${field}\` field. ${formatHint}` };
    lists[field] = list;
  }
  if (lists.to.length > MAX_RECIPIENTS) return { name: "validation_error", message: `The \`to\` field can contain at most ${MAX_RECIPIENTS} recipients.` };
  for (const field of ["html", "text", "scheduled_at"] as const) {
    if (raw[field] !== undefined && raw[field] !== null && typeof raw[field] !== "string") {
      return { name: "validation_error", message: `The \`${field}\` field must be a string.` };
    }
  }
  if (inBatch && raw.attachments !== undefined) return { name: "validation_error", message: "Attachments are not supported in the batch endpoint." };
  if (inBatch && raw.scheduled_at !== undefined) return { name: "validation_error", message: "The `scheduled_at` field is not supported in the batch endpoint." };
  const tags: EmailTag[] = [];
  const tagValues: Record<string, string> = {};
  if (raw.tags !== undefined && raw.tags !== null) {
    if (!Array.isArray(raw.tags)) return { name: "validation_error", message: "The `tags` field must be an array of { name, value }." };
    for (const tag of raw.tags) {
      if (!isObject(tag) || typeof tag.name !== "string" || typeof tag.value !== "string" || !TAG_PART.test(tag.name) || !TAG_PART.test(tag.value)) {
        return { name: "validation_error", message: "Tags should only contain ASCII letters, numbers, underscores, or dashes (at most 256 characters)." };
      }
      tags.push({ name: tag.name, value: tag.value });
      tagValues[tag.name] = tag.value;
    }
  }
  const headers: Record<string, string> = {};
  if (raw.headers !== undefined && raw.headers !== null) {
    if (!isObject(raw.headers) || !Object.values(raw.headers).every((v) => typeof v === "string")) {
      return { name: "validation_error", message: "The `headers` field must be an object of strings." };
    }
    Object.assign(headers, raw.headers);
  }
  return {
    from: raw.from,
    ...lists,
    subject: raw.subject,
    html: typeof raw.html === "string" ? raw.html : undefined,
    text: typeof raw.text === "string" ? raw.text : undefined,
    tags,
    tagValues,
    headers,
    scheduled_at: typeof raw.scheduled_at === "string" ? raw.scheduled_at : undefined,
  };
}

const isInvalid = (v: ValidEmail | Invalid): v is Invalid => "message" in v;

/** JSON with sorted keys, so two bodies that differ only in key order fingerprint the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** mulberry32: small, fast and deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server

type IdempotencyEntry = { fingerprint: string; state: "in-flight" | "done"; answer?: Answer; storedAt: number };
type Applied = { kind: "none" } | { kind: "status"; answer: Answer; label: string } | { kind: "hang"; label: string } | { kind: "delay"; ms: number; label: string } | { kind: "drop"; label: string };

const UNLIMITED = String(Number.MAX_SAFE_INTEGER);

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const host = options.host ?? "127.0.0.1";
  const ttl = options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000;
  let rate = options.rate ?? Infinity;
  let random = prng(options.seed ?? 1);
  let plan: FaultPlan = {};

  const requests: RecordedRequest[] = [];
  const accepted: AcceptedEmail[] = [];
  const byId = new Map<string, AcceptedEmail>();
  const idempotency = new Map<string, IdempotencyEntry>();
  let queue: (Fault & { left: number })[] = [];

  // Sliding window: performance.now() of each admitted send request in the last second, oldest at `head`.
  let window: number[] = [];
  let head = 0;

  const hanging = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let closing = false;

  function prune(now: number) {
    while (head < window.length && window[head]! <= now - 1000) head++;
    if (head > 1024 && head * 2 > window.length) {
      window = window.slice(head);
      head = 0;
    }
  }

  function rateHeaders(now: number): Record<string, string> {
    if (!Number.isFinite(rate)) return { "ratelimit-limit": UNLIMITED, "ratelimit-remaining": UNLIMITED, "ratelimit-reset": "0" };
    prune(now);
    const used = window.length - head;
    const reset = used === 0 ? 0 : Math.max(1, Math.ceil((window[head]! + 1000 - now) / 1000));
    return { "ratelimit-limit": String(rate), "ratelimit-remaining": String(Math.max(0, Math.floor(rate - used))), "ratelimit-reset": String(reset) };
  }

  /** Admit a send request into the window, or return the 429 answer. */
  function admit(now: number): Answer | undefined {
    if (!Number.isFinite(rate)) return undefined;
    prune(now);
    if (window.length - head < rate) {
      window.push(now);
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((window[head]! + 1000 - now) / 1000));
    return {
      ...fail(429, "rate_limit_exceeded", `Too many requests. You can only make ${rate} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`),
      headers: { "retry-after": String(retryAfter), "ratelimit-remaining": "0", "ratelimit-reset": String(retryAfter) },
    };
  }

  function send(res: ServerResponse, answer: Answer) {
    if (res.headersSent || res.destroyed) return;
    const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...rateHeaders(performance.now()),
      "content-type": typeof answer.body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(text)),
      ...answer.headers,
    });
    res.end(text);
  }

  function later(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function takeFault(path: SendPath): Applied {
    const index = queue.findIndex((f) => f.path === undefined || f.path === path);
    if (index >= 0) {
      const fault = queue[index]!;
      if (--fault.left <= 0) queue.splice(index, 1);
      switch (fault.kind) {
        case "status": {
          const [name, message] = DEFAULT_FAULT_ERRORS[fault.status];
          const headers: Record<string, string> = {};
          if (fault.status === 429) {
            const retryAfter = String(Math.max(1, Math.ceil(fault.retryAfter ?? 1)));
            Object.assign(headers, { "retry-after": retryAfter, "ratelimit-remaining": "0", "ratelimit-reset": retryAfter });
          }
          return { kind: "status", label: `status:${fault.status}`, answer: { status: fault.status, body: fault.body ?? errorBody(fault.status, name, message), headers } };
        }
        case "delay":
          return { kind: "delay", ms: fault.ms, label: "delay" };
        case "hang":
          return { kind: "hang", label: "hang" };
        case "drop-after-accept":
          return { kind: "drop", label: "drop-after-accept" };
      }
    }
    const { timeoutRate = 0, errorRate500 = 0, errorRate429 = 0, delayMs = 0 } = plan;
    if (timeoutRate + errorRate500 + errorRate429 > 0) {
      const roll = random();
      if (roll < timeoutRate) return { kind: "hang", label: "random:hang" };
      if (roll < timeoutRate + errorRate500) return { kind: "status", label: "random:500", answer: fail(500, "internal_server_error", DEFAULT_FAULT_ERRORS[500][1]) };
      if (roll < timeoutRate + errorRate500 + errorRate429) {
        return {
          kind: "status",
          label: "random:429",
          answer: { ...fail(429, "rate_limit_exceeded", DEFAULT_FAULT_ERRORS[429][1]), headers: { "retry-after": "1", "ratelimit-remaining": "0", "ratelimit-reset": "1" } },
        };
      }
    }
    if (delayMs > 0) return { kind: "delay", ms: delayMs, label: "random:delay" };
    return { kind: "none" };
  }

  function acceptAll(emails: ValidEmail[], indexes: number[], path: SendPath, record: RecordedRequest): string[] {
    const at = Date.now();
    const ids: string[] = [];
    emails.forEach((email, i) => {
      const stored: AcceptedEmail = { id: randomUUID(), idempotencyKey: record.idempotencyKey, index: indexes[i]!, path, requestSeq: record.seq, at, ...email };
      accepted.push(stored);
      byId.set(stored.id, stored);
      ids.push(stored.id);
    });
    record.acceptedIds = ids;
    return ids;
  }

  /** Validate and accept: the part of a send request that the idempotency store remembers. */
  function validateAndAccept(path: SendPath, body: unknown, record: RecordedRequest, batchValidation: string): Answer {
    if (path === "/emails") {
      if (Array.isArray(body)) return fail(422, "validation_error", "POST /emails takes one email; send arrays to /emails/batch.");
      const email = validateEmail(body, false);
      if (isInvalid(email)) return fail(422, email.name, email.message);
      const [id] = acceptAll([email], [0], path, record);
      return { status: 200, body: { id } };
    }
    if (!Array.isArray(body)) return fail(422, "validation_error", "The request body must be an array of emails.");
    if (body.length === 0) return fail(422, "validation_error", "The batch must contain at least one email.");
    if (body.length > MAX_BATCH) return fail(422, "validation_error", `Too many emails in the batch (${body.length}). The maximum is ${MAX_BATCH}.`);
    if (batchValidation !== "strict" && batchValidation !== "permissive") {
      return fail(422, "validation_error", "The `x-batch-validation` header must be `strict` or `permissive`.");
    }
    const valid: ValidEmail[] = [];
    const indexes: number[] = [];
    const errors: { index: number; message: string }[] = [];
    for (let index = 0; index < body.length; index++) {
      const email = validateEmail(body[index], true);
      if (isInvalid(email)) {
        if (batchValidation === "strict") return fail(422, email.name, email.message);
        errors.push({ index, message: email.message });
      } else {
        valid.push(email);
        indexes.push(index);
      }
    }
    const data = acceptAll(valid, indexes, path, record).map((id) => ({ id }));
    return { status: 200, body: batchValidation === "permissive" ? { data, errors } : { data } };
  }

  async function handleSend(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, path: SendPath, rawBody: string) {
    const limited = admit(performance.now());
    if (limited) {
      record.rateLimited = true;
      return answer(res, record, limited);
    }
    const fault = takeFault(path);
    if (fault.kind !== "none") record.fault = fault.label;
    if (fault.kind === "status") return answer(res, record, fault.answer);
    if (fault.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return finish(res, record, fail(422, "validation_error", "The request body is not valid JSON."), fault);
    }
    const key = record.idempotencyKey;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      return finish(res, record, fail(400, "invalid_idempotency_key", "The key must be between 1-256 chars."), fault);
    }
    const batchValidation = (record.batchValidation ?? "strict").toLowerCase();
    if (key === undefined) return finish(res, record, validateAndAccept(path, body, record, batchValidation), fault);

    const fingerprint = createHash("sha256").update(`${path}\n${batchValidation}\n${canonical(body)}`).digest("hex");
    const known = idempotency.get(key);
    if (known && Date.now() - known.storedAt < ttl) {
      if (known.fingerprint !== fingerprint) {
        return finish(res, record, fail(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload."), fault);
      }
      if (known.state === "in-flight") {
        return finish(res, record, fail(409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress."), fault);
      }
      record.replay = true;
      return finish(res, record, known.answer!, fault);
    }
    const entry: IdempotencyEntry = { fingerprint, state: "in-flight", storedAt: Date.now() };
    idempotency.set(key, entry);
    const result = validateAndAccept(path, body, record, batchValidation);
    const keep = result.status >= 200 && result.status < 300;
    await finish(res, record, result, fault);
    // Resend remembers only successful answers: a failed request's retry is processed fresh.
    if (idempotency.get(key) !== entry) return;
    if (keep) Object.assign(entry, { state: "done", answer: result, storedAt: Date.now() });
    else idempotency.delete(key);
  }

  /** Answer after any delay, or drop the connection unanswered. */
  async function finish(res: ServerResponse, record: RecordedRequest, result: Answer, fault: Applied) {
    if (fault.kind === "delay") await later(fault.ms);
    if (fault.kind === "drop") {
      res.socket?.destroy();
      return;
    }
    answer(res, record, result);
  }

  function answer(res: ServerResponse, record: RecordedRequest | undefined, result: Answer) {
    if (closing) return;
    if (record) {
      record.status = result.status;
      if (res.destroyed || res.socket?.destroyed !== false) record.clientClosed = true;
    }
    send(res, result);
  }

  function handleGetEmail(res: ServerResponse, record: RecordedRequest, id: string) {
    const email = byId.get(id);
    if (!email) return answer(res, record, fail(404, "not_found", "Email not found"));
    answer(res, record, {
      status: 200,
      body: {
        object: "email",
        id: email.id,
        to: email.to,
        from: email.from,
        created_at: new Date(email.at).toISOString(),
        subject: email.subject,
        html: email.html ?? null,
        text: email.text ?? null,
        bcc: email.bcc.length ? email.bcc : null,
        cc: email.cc.length ? email.cc : null,
        reply_to: email.reply_to.length ? email.reply_to : null,
        last_event: "delivered",
        scheduled_at: email.scheduled_at ?? null,
        tags: email.tags,
      },
    });
  }

  function stats(keyOf?: (email: AcceptedEmail) => string): FakeResendStats {
    const byStatus: Record<string, number> = {};
    let sendRequests = 0;
    let rateLimited = 0;
    let idempotentReplays = 0;
    let faulted = 0;
    let hung = 0;
    let dropped = 0;
    for (const r of requests) {
      const status = r.status === 0 ? "none" : String(r.status);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (r.method === "POST" && (r.path === "/emails" || r.path === "/emails/batch")) sendRequests++;
      if (r.rateLimited) rateLimited++;
      if (r.replay) idempotentReplays++;
      if (r.fault) faulted++;
      if (r.fault?.endsWith("hang")) hung++;
      if (r.fault === "drop-after-accept") dropped++;
    }
    const withKey = accepted.filter((e) => e.idempotencyKey !== undefined);
    const result: FakeResendStats = {
      requests: requests.length,
      sendRequests,
      accepted: accepted.length,
      byStatus,
      rateLimited,
      idempotentReplays,
      faulted,
      hung,
      dropped,
      duplicatesByIdempotencyKey: duplicates(withKey, (e) => `${e.path}|${e.idempotencyKey}|${e.index}`),
    };
    if (keyOf) result.duplicates = duplicates(accepted, keyOf);
    return result;
  }

  const fake: FakeResend = {
    url: "",
    port: 0,
    requests,
    accepted,
    inject(fault) {
      const times = fault.times ?? 1;
      if (times > 0) queue.push({ ...fault, left: times });
    },
    setFaults(next) {
      if (next.seed !== undefined) random = prng(next.seed);
      plan = { ...next };
    },
    setRate(next) {
      rate = next > 0 ? next : Infinity;
    },
    reset() {
      requests.length = 0;
      accepted.length = 0;
      byId.clear();
      idempotency.clear();
      queue = [];
      plan = {};
      random = prng(options.seed ?? 1);
      window = [];
      head = 0;
    },
    email: (id) => byId.get(id),
    stats,
    close: () => close(),
  };

  function handleControl(req: IncomingMessage, res: ServerResponse, path: string, rawBody: string) {
    let body: Record<string, unknown> = {};
    try {
      if (rawBody) body = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      return send(res, fail(400, "validation_error", "Invalid JSON."));
    }
    const route = `${req.method} ${path}`;
    switch (route) {
      case "GET /__fake/stats":
        return send(res, { status: 200, body: stats() });
      case "GET /__fake/accepted":
        return send(res, { status: 200, body: accepted });
      case "GET /__fake/requests":
        return send(res, { status: 200, body: requests });
      case "POST /__fake/reset":
        fake.reset();
        return send(res, { status: 200, body: { ok: true } });
      case "POST /__fake/inject":
        fake.inject(body as Fault);
        return send(res, { status: 200, body: { ok: true } });
      case "POST /__fake/faults":
        fake.setFaults(body as FaultPlan);
        return send(res, { status: 200, body: { ok: true } });
      case "POST /__fake/rate":
        fake.setRate(typeof body.rate === "number" ? body.rate : Infinity);
        return send(res, { status: 200, body: { ok: true } });
      default:
        return send(res, fail(404, "not_found", "The requested endpoint does not exist."));
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, fail(413, "validation_error", "The request body is too large."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!.replace(/\/+$/, "") || "/";
    if (path.startsWith("/__fake/")) return handleControl(req, res, path, rawBody);

    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    let body: unknown = undefined;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    const method = req.method ?? "GET";
    const record: RecordedRequest = { seq: requests.length, at: Date.now(), method, path, body, status: 0 };
    const idempotencyKey = header("idempotency-key");
    if (idempotencyKey !== undefined) record.idempotencyKey = idempotencyKey;
    const batchValidation = header("x-batch-validation");
    if (path === "/emails/batch" && batchValidation !== undefined) record.batchValidation = batchValidation;
    requests.push(record);

    const isSend = path === "/emails" || path === "/emails/batch";
    const emailMatch = /^\/emails\/([^/]+)$/.exec(path);
    if (!isSend && !emailMatch) return answer(res, record, fail(404, "not_found", "The requested endpoint does not exist."));

    const auth = header("authorization");
    const bearer = auth && /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
    if (!bearer) {
      return answer(res, record, fail(401, "missing_api_key", "Missing API key in the authorization header. Include the following header Authorization: Bearer YOUR_API_KEY in the request."));
    }
    if (options.apiKey !== undefined && bearer !== options.apiKey) return answer(res, record, fail(403, "invalid_api_key", "API key is invalid"));

    if (isSend) {
      if (method !== "POST") return answer(res, record, fail(405, "method_not_allowed", "Method is not allowed for the requested route."));
      return handleSend(req, res, record, path, rawBody);
    }
    if (method !== "GET") return answer(res, record, fail(405, "method_not_allowed", "Method is not allowed for the requested route."));
    return handleGetEmail(res, record, decodeURIComponent(emailMatch![1]!));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closing) return;
      const message = error instanceof Error ? error.message : String(error);
      send(res, fail(500, "internal_server_error", `Fake Resend failed: ${message}`));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  let closed: Promise<void> | undefined;
  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      for (const res of hanging) res.socket?.destroy();
      hanging.clear();
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  fake.port = port;
  fake.url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return fake;
}
