import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { DatabaseQueryError } from "@/db/query-errors";
import { member } from "@/db/schema";
import { fromConstraintViolation } from "@/lib/errors";
import { createMember, createOrganization } from "../../factories";

/** A failed query is reported by its error code and statement, never with the values it carried (issue 13). */
describe("failed queries", () => {
  it("say the error code and the statement, and nothing the statement carried", async () => {
    const org = await createOrganization();
    const db = await getDb();
    const error = await db
      .insert(member)
      .values({ organizationId: org.id, firstName: "Secret\u0000Name", lastName: "Hidden", primaryEmail: "private.person@example.test", role: "member", status: "pending", portalAccess: true })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseQueryError);
    const logged = inspect(error, { depth: 10 }) + String((error as Error).stack);
    expect(logged).toContain("insert into member");
    expect(logged).toMatch(/Database error 22021|Database error 22P05/);
    for (const value of ["Secret", "Hidden", "private.person", org.id]) expect(logged).not.toContain(value);
  });

  it("keep the constraint, so a taken extension is still the message beside the field, and the duplicate value is not logged", async () => {
    const org = await createOrganization();
    await createMember(org.id, { extension: "4711" });
    const error = await createMember(org.id, { extension: "4711" }).then(() => null, (e: unknown) => e);
    expect(inspect(error, { depth: 10 })).not.toContain("4711");
    expect(fromConstraintViolation(error)).toMatchObject({ message: "This extension is already in use", field: "extension" });
  });
});
