/** `npm run db:seed`: creates the demo organization (lib/demo/seed-demo.ts) and prints one sign-in per role. */
import { getConfig } from "@/lib/config";
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemoOrganization } from "@/lib/demo/seed-demo";
import { runScript } from "./run-script";

await runScript(async () => {
  const { organization, created, members } = await seedDemoOrganization({ actor: { kind: "system", name: "npm run db:seed" } });
  console.log(
    created
      ? `Created the demo organization "${organization.name}" with 3 sites, 5 teams and ${members} members.`
      : `The demo organization "${organization.name}" already exists; nothing changed.`,
  );
  console.log(`\nSign in at ${getConfig().appUrl}/sign-in with the password: ${DEMO_PASSWORD}\n`);
  for (const { role, login } of DEMO_SIGN_INS) console.log(`  ${role.padEnd(24)} ${login}`);
  console.log("\nPending, disabled and no-portal-access members are in the organization too; two pending members share frontdesk@demo-dental.test.");
});
