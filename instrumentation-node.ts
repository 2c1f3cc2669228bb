import { ConfigError, getConfig } from "./lib/config";
import { getDatabaseHandle } from "./db";

/**
 * Refuses to start on a bad configuration, one clear line per problem (SPEC §8), then opens the database so that
 * migrations are applied before the first request.
 */
try {
  getConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) console.error(`Gatehouse cannot start: ${problem}`);
  process.exit(1);
}
await getDatabaseHandle();
