-- Version 10: the last verification result of each stored copy of an image (glance4j images verify and the periodic
-- verification). One row per image and location; location_key is the lower-case hex SHA-256 of location_url, so
-- that the key stays short whatever the URL. status is ok, missing, short, corrupted or unreadable; checked_at is
-- nanoseconds since the epoch.

CREATE TABLE image_verifications (
    image_id      VARCHAR(36)${text}   NOT NULL,
    location_key  VARCHAR(64)${text}   NOT NULL,
    store_id      VARCHAR(255)${text}  NOT NULL,
    location_url  TEXT${text}          NOT NULL,
    status        VARCHAR(16)${text}   NOT NULL,
    checked_at    BIGINT               NOT NULL,
    detail        TEXT${text}          NOT NULL,
    PRIMARY KEY (image_id, location_key)
);

CREATE INDEX image_verifications_status ON image_verifications (status);
