package org.glance4j.bootstrap.cli;

import java.util.Locale;

/** {@code import-glance --deleted}: what becomes of the rows Glance soft-deleted. */
public enum DeletedRows {
    /** They are not copied (the default). */
    SKIP,
    /** Deleted images and tasks are copied as deleted (images) or expired (tasks), so their ids stay taken. */
    CARRY;

    /** The spelling on the command line. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code skip} or {@code carry}.
     *
     * @throws UsageException for anything else
     */
    public static DeletedRows parse(String text) {
        for (DeletedRows value : values()) {
            if (value.option().equals(text)) {
                return value;
            }
        }
        throw new UsageException("--deleted takes skip or carry, not '" + text + "'");
    }
}
