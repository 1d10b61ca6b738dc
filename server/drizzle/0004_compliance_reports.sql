CREATE TABLE `compliance_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`period` text NOT NULL,
	`generated_at` text NOT NULL,
	`summary` text NOT NULL,
	`html` text NOT NULL,
	`csv` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `compliance_reports_period_unique` ON `compliance_reports` (`period`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
