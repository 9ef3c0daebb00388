-- The language a ticket was taken in (the kiosk's choice; NULL when the taker gave none, and for
-- tickets taken before this column): its phone page opens in it (docs/product.md §8 "Languages
-- everywhere").
ALTER TABLE tickets ADD COLUMN language TEXT;
