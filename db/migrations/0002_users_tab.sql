ALTER TABLE "member" DROP CONSTRAINT "member_portal_access_needs_login";--> statement-breakpoint
DROP INDEX "member_org_status_idx";--> statement-breakpoint
CREATE INDEX "member_org_extension_sort_idx" ON "member" USING btree ("organization_id",length("extension"),"extension","id");--> statement-breakpoint
CREATE INDEX "member_org_status_sort_idx" ON "member" USING btree ("organization_id","status","portal_access" DESC NULLS LAST,"last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "member_org_role_idx" ON "member" USING btree ("organization_id","role");--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_portal_access_needs_login" CHECK (not "member"."portal_access" or "member"."login_name" is not null);