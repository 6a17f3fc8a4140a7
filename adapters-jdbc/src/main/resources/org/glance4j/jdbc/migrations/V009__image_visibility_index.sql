-- Version 9: the public and community images in the list order. A non-administrator's list reads its own images
-- (images_owner_idx), the public ones, the community ones and the ones shared with its project each in the sort order
-- and merges them, instead of filtering every image in that order; this index serves the public and community parts.

CREATE INDEX images_visibility_idx ON images (visibility, created_at, id);
