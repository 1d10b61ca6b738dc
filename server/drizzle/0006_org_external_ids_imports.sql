CREATE TABLE `import_mappings` (
	`district_id` text NOT NULL,
	`kind` text NOT NULL,
	`columns` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`district_id`, `kind`),
	FOREIGN KEY (`district_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `import_rows` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`line` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `orgs` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orgs_external_id` ON `orgs` (`external_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `state_educator_id` text;--> statement-breakpoint
CREATE INDEX `users_state_educator_id` ON `users` (`state_educator_id`);