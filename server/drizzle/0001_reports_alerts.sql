CREATE TABLE `alert_state` (
	`alert_id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`raised_at` text NOT NULL,
	`payload` text NOT NULL,
	`acked_at` text,
	`acked_by` text
);
--> statement-breakpoint
CREATE TABLE `usage_snapshot_days` (
	`date` text PRIMARY KEY NOT NULL,
	`taken_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_snapshots` (
	`date` text NOT NULL,
	`org_id` text NOT NULL,
	`sku` text NOT NULL,
	`total` integer NOT NULL,
	`assigned` integer NOT NULL,
	`available` integer NOT NULL,
	`active_users` integer NOT NULL,
	`waiting` integer NOT NULL,
	PRIMARY KEY(`date`, `org_id`, `sku`)
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` text NOT NULL,
	`url` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_until` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_alert_url` ON `webhook_deliveries` (`alert_id`,`url`);--> statement-breakpoint
CREATE INDEX `webhook_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);