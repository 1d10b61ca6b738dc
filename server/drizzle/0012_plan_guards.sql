-- Guards for changes planned from a read and applied in one write batch (engine/changes/write-batch.ts).
-- A batch's first statements insert one row per assumption its plan made, `ok` being that assumption
-- re-checked in SQL at write time. Nothing is ever stored: the view has no table behind it, and the
-- trigger aborts the statement (so the whole batch rolls back) when an assumption no longer holds.
-- The audit chain's tail has its own message: it is re-read and the batch resent, without re-planning.
CREATE VIEW `plan_guards` AS SELECT NULL AS `ok`, NULL AS `what`;
--> statement-breakpoint
CREATE TRIGGER `plan_guards_audit_tail` INSTEAD OF INSERT ON `plan_guards` WHEN NEW.`ok` IS NOT 1 AND NEW.`what` = 'audit tail' BEGIN SELECT RAISE(ABORT, 'stale plan: audit tail'); END;
--> statement-breakpoint
CREATE TRIGGER `plan_guards_check` INSTEAD OF INSERT ON `plan_guards` WHEN NEW.`ok` IS NOT 1 AND NEW.`what` IS NOT 'audit tail' BEGIN SELECT RAISE(ABORT, 'stale plan'); END;
