-- Version 2: where each image's bytes are. A JSON array of strings, three per location (url, store id, and the
-- store's metadata as a JSON object), in order of preference; null while the image has no data. The repository
-- never searches inside it, so one column beside the image is enough and costs no join.

ALTER TABLE images ADD COLUMN locations TEXT;
