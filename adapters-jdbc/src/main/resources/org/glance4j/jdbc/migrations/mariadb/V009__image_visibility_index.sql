-- Version 9 on MariaDB: the public and community images in the list order, as in the shared script.

CREATE INDEX images_visibility_idx ON images (visibility, created_at, id);
