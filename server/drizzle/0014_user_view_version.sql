ALTER TABLE `change_versions` ADD `views` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- `views`: what a user's view (a lookup entry) shows that `callers` and `seats` do not already cover. With them it covers
-- every column the view reads: users (status, email, deletion: callers; insertion, names, external id: views), user_orgs
-- (both), user_roles (views), assignments, pools, activity (seats). A process keeps lookup entries while all three stand.
CREATE TRIGGER `change_versions_users_insert` AFTER INSERT ON `users` FOR EACH ROW BEGIN UPDATE `change_versions` SET `views` = `views` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_users_update_view` AFTER UPDATE ON `users` FOR EACH ROW WHEN old.`first_name` IS NOT new.`first_name` OR old.`last_name` IS NOT new.`last_name` OR old.`external_id` IS NOT new.`external_id` OR old.`id` IS NOT new.`id` BEGIN UPDATE `change_versions` SET `views` = `views` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_user_roles_insert` AFTER INSERT ON `user_roles` FOR EACH ROW BEGIN UPDATE `change_versions` SET `views` = `views` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_user_roles_update` AFTER UPDATE ON `user_roles` FOR EACH ROW BEGIN UPDATE `change_versions` SET `views` = `views` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_user_roles_delete` AFTER DELETE ON `user_roles` FOR EACH ROW BEGIN UPDATE `change_versions` SET `views` = `views` + 1; END;
