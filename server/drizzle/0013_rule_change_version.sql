-- Role rules count as `callers` changes (like organizations): a process keeps the org tree and the rules
-- together while that counter stands, and a planned change guards the counter instead of re-reading both.
CREATE TRIGGER `change_versions_role_rules_insert` AFTER INSERT ON `role_rules` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_role_rules_update` AFTER UPDATE ON `role_rules` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `change_versions_role_rules_delete` AFTER DELETE ON `role_rules` FOR EACH ROW BEGIN UPDATE `change_versions` SET `callers` = `callers` + 1; END;
