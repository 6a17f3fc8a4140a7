-- Version 2 on MariaDB: where each image's bytes are, as in the shared script (a JSON array of strings, three per
-- location). MEDIUMTEXT, so that many locations with their metadata fit.

ALTER TABLE images ADD COLUMN locations MEDIUMTEXT;
