CREATE TABLE `change_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`callers` integer DEFAULT 0 NOT NULL,
	`seats` integer DEFAULT 0 NOT NULL
);
