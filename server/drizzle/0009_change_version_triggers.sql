-- The single row of change_versions, and the triggers that bump it inside the writing transaction (see schema.ts).
INSERT INTO `change_versions` (`id`, `callers`, `seats`) VALUES (1, 0, 0);
--> statement-breakpoint
CREATE TRIGGER `change_versions_api_tokens_update` AFTER UPDATE ON `api_tokens` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_api_tokens_delete` AFTER DELETE ON `api_tokens` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_users_update` AFTER UPDATE ON `users` FOR EACH ROW WHEN old.`status` IS NOT new.`status` OR old.`email` IS NOT new.`email` BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_users_delete` AFTER DELETE ON `users` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_orgs_insert` AFTER INSERT ON `orgs` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_user_orgs_insert` AFTER INSERT ON `user_orgs` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1, `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_assignments_insert` AFTER INSERT ON `assignments` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_pools_insert` AFTER INSERT ON `pools` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_activity_insert` AFTER INSERT ON `activity` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_orgs_update` AFTER UPDATE ON `orgs` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_user_orgs_update` AFTER UPDATE ON `user_orgs` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1, `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_assignments_update` AFTER UPDATE ON `assignments` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_pools_update` AFTER UPDATE ON `pools` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_activity_update` AFTER UPDATE ON `activity` FOR EACH ROW WHEN old.`last_at` IS NOT new.`last_at` BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_orgs_delete` AFTER DELETE ON `orgs` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_user_orgs_delete` AFTER DELETE ON `user_orgs` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1, `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_assignments_delete` AFTER DELETE ON `assignments` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_pools_delete` AFTER DELETE ON `pools` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_activity_delete` AFTER DELETE ON `activity` FOR EACH ROW BEGIN UPDATE `change_versions` SET `seats` = `seats` + 1; END;
