package org.glance4j.bootstrap.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

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
     * @throws TypeConversionException for anything else (the command line reports it with the option's name)
     */
    public static DeletedRows parse(String text) {
        for (DeletedRows value : values()) {
            if (value.option().equals(text)) {
                return value;
            }
        }
        throw new TypeConversionException("takes skip or carry, not '" + text + "'");
    }

    /** The converter of {@code --deleted}. */
    public static final class Option implements ITypeConverter<DeletedRows> {
        @Override
        public DeletedRows convert(String value) {
            return parse(value);
        }
    }
}
