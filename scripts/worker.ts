/**
 * `npm run worker`: the email dispatcher on its own (SPEC §9), for deployments that run delivery apart from the web
 * instances (start those with EMAIL_DISPATCHER=off), and the deletion of audit events past AUDIT_RETENTION_DAYS. Any
 * number may run against one PostgreSQL database.
 * `npm run worker -- --drain` delivers what is queued, retries included, and exits.
 */
import { getDatabaseHandle, getDb } from "@/db";
import { startAuditRetention, stopAuditRetention } from "@/lib/audit-log/retention";
import { ConfigError, getConfig } from "@/lib/config";
import { configuredDispatcher, startDispatcher, stopDispatcher } from "@/lib/email/runtime";
import { runScript } from "./run-script";

await runScript(async () => {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`Gatehouse worker cannot start: ${problem}`);
    process.exitCode = 1;
    return;
  }
  const { kind } = await getDatabaseHandle();
  console.log(`Email worker delivering through ${config.mailTransport} (${kind}), ${config.emailRateLimit} requests/s for the deployment.`);
  if (process.argv.includes("--drain")) {
    await (await configuredDispatcher()).drain();
    console.log("Nothing left to deliver.");
    return;
  }
  await startDispatcher();
  startAuditRetention({ db: await getDb(), retentionDays: config.auditRetentionDays });
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve());
  });
  console.log("Stopping: finishing the requests in flight…");
  stopAuditRetention();
  await stopDispatcher();
});
