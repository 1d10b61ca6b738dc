CREATE TABLE `seat_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`seats` text NOT NULL,
	`actor_id` text,
	`placed_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seat_holds_user_role` ON `seat_holds` (`user_id`,`role`);--> statement-breakpoint
CREATE INDEX `seat_holds_expires` ON `seat_holds` (`expires_at`);--> statement-breakpoint
ALTER TABLE `pools` ADD `held` integer DEFAULT 0 NOT NULL;