package org.glance4j.ports.model;

import java.util.Locale;

/**
 * The base image attributes a query can filter or sort on, with their wire names. Which fields Glance allows as a
 * sort key or as a filter is a rule of the core, not of this enum.
 */
public enum ImageField {
    ID,
    NAME,
    STATUS,
    VISIBILITY,
    OWNER,
    CONTAINER_FORMAT,
    DISK_FORMAT,
    SIZE,
    VIRTUAL_SIZE,
    MIN_DISK,
    MIN_RAM,
    PROTECTED,
    OS_HIDDEN,
    CHECKSUM,
    OS_HASH_VALUE,
    CREATED_AT,
    UPDATED_AT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The attribute's name on the wire: the constant's name in lower case ({@code container_format}, ...). */
    public String wireName() {
        return wireName;
    }

    /**
     * The value of this field in {@code image}, typed as {@link ImageQuery.Condition} documents (status and
     * visibility as their wire names), or null where the image has none. Repositories compare and order by it.
     */
    public Comparable<?> valueIn(Image image) {
        return switch (this) {
            case ID -> image.id();
            case NAME -> image.name();
            case STATUS -> image.status().wireName();
            case VISIBILITY -> image.visibility().wireName();
            case OWNER -> image.owner();
            case CONTAINER_FORMAT -> image.containerFormat();
            case DISK_FORMAT -> image.diskFormat();
            case SIZE -> image.size();
            case VIRTUAL_SIZE -> image.virtualSize();
            case MIN_DISK -> image.minDisk();
            case MIN_RAM -> image.minRam();
            case PROTECTED -> image.isProtected();
            case OS_HIDDEN -> image.osHidden();
            case CHECKSUM -> image.checksum();
            case OS_HASH_VALUE -> image.osHashValue();
            case CREATED_AT -> image.createdAt();
            case UPDATED_AT -> image.updatedAt();
        };
    }

    /** The field with this wire name, or {@code null}. */
    public static ImageField fromWire(String name) {
        for (ImageField f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
