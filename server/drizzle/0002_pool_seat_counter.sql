ALTER TABLE `pools` ADD `assigned` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `pools` SET `assigned` = (SELECT count(DISTINCT `user_id`) FROM `assignments` WHERE `assignments`.`pool_id` = `pools`.`id`);
