import { ConfigError, getConfig, startupWarnings, type Config } from "./lib/config";
import { getDatabaseHandle, getDb } from "./db";
import { startAuditRetention } from "./lib/audit-log/retention";
import { eventLoopDiagnosticsOn, startEventLoopMonitor } from "./lib/diagnostics/event-loop";
import { startDispatcher } from "./lib/email/runtime";
import { installPeerAddressStamp } from "./lib/http/client-address";

/**
 * Refuses to start on a bad configuration, one clear line per problem (SPEC §8), and warns once about a setting that
 * needs knowing; then opens the database so that migrations are applied before the first request, and starts this
 * instance's email dispatcher (SPEC §9) unless EMAIL_DISPATCHER=off leaves delivery to `npm run worker`.
 */
let config: Config;
try {
  config = getConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) console.error(`Gatehouse cannot start: ${problem}`);
  process.exit(1);
}
for (const warning of startupWarnings(config)) console.warn(warning);
installPeerAddressStamp();
await getDatabaseHandle();
// The background work: delivering email, and deleting audit events past their retention (never a request's job).
if (process.env.EMAIL_DISPATCHER !== "off") {
  await startDispatcher();
  startAuditRetention({ db: await getDb(), retentionDays: config.auditRetentionDays });
}
if (eventLoopDiagnosticsOn()) startEventLoopMonitor();
