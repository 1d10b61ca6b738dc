ALTER TABLE `pools` ADD `name` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `pools` SET `name` = (CASE `sku` WHEN 'elearn' THEN 'eLearn' WHEN 'weclimb' THEN 'weCLIMB' ELSE 'Combined' END) || ' ' || substr(`starts_at`, 1, 4) || '–' || substr(`ends_at`, 3, 2) WHERE `name` = '';
