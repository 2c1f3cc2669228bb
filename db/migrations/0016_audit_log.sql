DROP INDEX "audit_event_org_time_idx";--> statement-breakpoint
DROP INDEX "audit_event_target_idx";--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "user_agent" text;--> statement-breakpoint
CREATE INDEX "audit_event_org_action_idx" ON "audit_event" USING btree ("organization_id","action","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_event_org_actor_idx" ON "audit_event" USING btree ("organization_id","actor_member_id","created_at","id") WHERE "audit_event"."actor_member_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_event_org_support_idx" ON "audit_event" USING btree ("organization_id","created_at","id") WHERE "audit_event"."actor_support_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_event_time_idx" ON "audit_event" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_event_org_time_idx" ON "audit_event" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_event_target_idx" ON "audit_event" USING btree ("target_id","created_at","id");