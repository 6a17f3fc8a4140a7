package org.glance4j.ports.model;

import java.util.Locale;

/** For the enums Glance spells on the wire as the constant's name in lower case ({@code pending_delete}). */
final class LowerCaseWireNames {

    private LowerCaseWireNames() {}

    /** The wire name of {@code constant}. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire name is {@code value}, case-sensitively; {@code null} when none. */
    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(value)) {
                return constant;
            }
        }
        return null;
    }
}
