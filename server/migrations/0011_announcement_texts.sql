-- An announcement's texts in languages other than Japanese (docs/product.md §8, "Languages
-- everywhere"): a JSON object keyed by language (ja-easy, en, zh, ko, pt, vi), each optional;
-- `message` stays the Japanese text every announcement has. Older announcements have none.
ALTER TABLE announcements ADD COLUMN texts TEXT NOT NULL DEFAULT '{}';
