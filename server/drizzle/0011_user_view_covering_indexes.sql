CREATE INDEX `activity_user_last` ON `activity` (`user_id`,`last_at`);--> statement-breakpoint
CREATE INDEX `assignments_user_view` ON `assignments` (`user_id`,`product`,`pool_id`,`state`,`since`);--> statement-breakpoint
CREATE INDEX `user_orgs_user_position` ON `user_orgs` (`user_id`,`position`,`org_id`);