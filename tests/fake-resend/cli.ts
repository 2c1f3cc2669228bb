/**
 * Run the fake Resend server on its own, for manual use and for benchmarks in another process:
 *
 *   tsx tests/fake-resend/cli.ts --port 4010 --rate 10
 *   RESEND_BASE_URL=http://127.0.0.1:4010 RESEND_API_KEY=re_test <the app or the worker>
 *
 * The first line on stdout is the URL and nothing else (`URL=$(… | head -1)`); everything else goes to stderr.
 * Options: --port (default 4010; 0 = any free port), --host, --rate (requests per second, default unlimited),
 * --api-key, --seed, --error-rate-500, --error-rate-429, --timeout-rate, --delay-ms, --quiet.
 * Control it over HTTP while it runs: GET /__fake/stats, GET /__fake/accepted, GET /__fake/requests,
 * POST /__fake/reset, POST /__fake/inject (a Fault), POST /__fake/faults (a FaultPlan), POST /__fake/rate ({ rate }).
 * SIGINT / SIGTERM print the final stats (JSON) to stderr and exit.
 */
import { parseArgs } from "node:util";
import { startFakeResend, type FaultPlan } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    rate: { type: "string" },
    "api-key": { type: "string" },
    seed: { type: "string" },
    "error-rate-500": { type: "string" },
    "error-rate-429": { type: "string" },
    "timeout-rate": { type: "string" },
    "delay-ms": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
  strict: true,
});

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

const rate = number("rate", values.rate);
const seed = number("seed", values.seed);
const server = await startFakeResend({
  port: number("port", values.port) ?? 4010,
  host: values.host,
  rate: rate === undefined || rate === 0 ? Infinity : rate,
  apiKey: values["api-key"],
  seed,
});

const plan: FaultPlan = {
  errorRate500: number("error-rate-500", values["error-rate-500"]),
  errorRate429: number("error-rate-429", values["error-rate-429"]),
  timeoutRate: number("timeout-rate", values["timeout-rate"]),
  delayMs: number("delay-ms", values["delay-ms"]),
};
if (Object.values(plan).some((v) => v !== undefined)) server.setFaults({ ...plan, seed });

console.log(server.url);
console.error(`fake Resend listening on ${server.url} (rate: ${rate ? `${rate}/s` : "unlimited"}${values["api-key"] ? ", api key required" : ""})`);

if (!values.quiet) {
  let last = -1;
  const timer = setInterval(() => {
    if (server.requests.length === last) return;
    last = server.requests.length;
    const s = server.stats();
    console.error(`requests ${s.requests}, accepted ${s.accepted}, rate-limited ${s.rateLimited}, replays ${s.idempotentReplays}, by status ${JSON.stringify(s.byStatus)}`);
  }, 5_000);
  timer.unref();
}

async function stop() {
  console.error(JSON.stringify(server.stats()));
  await server.close();
  process.exit(0);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
