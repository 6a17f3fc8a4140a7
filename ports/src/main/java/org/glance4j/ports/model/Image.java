package org.glance4j.ports.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An image record: Glance's base properties, its tags and its custom (extra) properties. Immutable; change it
 * with the {@code with...} methods or {@link #toBuilder()}.
 *
 * <p>Nullable components are those Glance shows as {@code null}: name, checksum, os_hash_algo, os_hash_value,
 * owner, size, virtual_size, container_format, disk_format, deletedAt. {@code tags} keeps insertion order and
 * holds no duplicates; {@code properties} is sorted by key; {@code locations} lists where the bytes are, in order
 * of preference (empty while the image has no data). {@code revision} grows by one with every stored
 * change and lets a repository refuse a lost update (see {@code ImageRepository#update}).
 */
public record Image(
        String id,
        String name,
        ImageStatus status,
        Visibility visibility,
        boolean isProtected,
        boolean osHidden,
        String checksum,
        String osHashAlgo,
        String osHashValue,
        String owner,
        Long size,
        Long virtualSize,
        String containerFormat,
        String diskFormat,
        int minDisk,
        int minRam,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        List<String> tags,
        Map<String, String> properties,
        List<ImageLocation> locations,
        long revision) {

    public Image {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        tags = tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(tags));
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(properties));
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** Whether the image has bytes in at least one store. */
    public boolean hasData() {
        return !locations.isEmpty();
    }

    /** Whether the image has been deleted (its id stays taken forever). */
    public boolean isDeleted() {
        return status == ImageStatus.DELETED;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String id, Instant now) {
        return new Builder(id, now);
    }

    /** A mutable helper for building changed copies. */
    public static final class Builder {
        private String id;
        private String name;
        private ImageStatus status = ImageStatus.QUEUED;
        private Visibility visibility = Visibility.SHARED;
        private boolean isProtected;
        private boolean osHidden;
        private String checksum;
        private String osHashAlgo;
        private String osHashValue;
        private String owner;
        private Long size;
        private Long virtualSize;
        private String containerFormat;
        private String diskFormat;
        private int minDisk;
        private int minRam;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deletedAt;
        private List<String> tags = new ArrayList<>();
        private Map<String, String> properties = new TreeMap<>();
        private List<ImageLocation> locations = new ArrayList<>();
        private long revision;

        private Builder(String id, Instant now) {
            this.id = id;
            this.createdAt = now;
            this.updatedAt = now;
        }

        private Builder(Image i) {
            id = i.id;
            name = i.name;
            status = i.status;
            visibility = i.visibility;
            isProtected = i.isProtected;
            osHidden = i.osHidden;
            checksum = i.checksum;
            osHashAlgo = i.osHashAlgo;
            osHashValue = i.osHashValue;
            owner = i.owner;
            size = i.size;
            virtualSize = i.virtualSize;
            containerFormat = i.containerFormat;
            diskFormat = i.diskFormat;
            minDisk = i.minDisk;
            minRam = i.minRam;
            createdAt = i.createdAt;
            updatedAt = i.updatedAt;
            deletedAt = i.deletedAt;
            tags = new ArrayList<>(i.tags);
            properties = new TreeMap<>(i.properties);
            locations = new ArrayList<>(i.locations);
            revision = i.revision;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder status(ImageStatus v) {
            status = v;
            return this;
        }

        public Builder visibility(Visibility v) {
            visibility = v;
            return this;
        }

        public Builder isProtected(boolean v) {
            isProtected = v;
            return this;
        }

        public Builder osHidden(boolean v) {
            osHidden = v;
            return this;
        }

        public Builder checksum(String v) {
            checksum = v;
            return this;
        }

        public Builder osHashAlgo(String v) {
            osHashAlgo = v;
            return this;
        }

        public Builder osHashValue(String v) {
            osHashValue = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder size(Long v) {
            size = v;
            return this;
        }

        public Builder virtualSize(Long v) {
            virtualSize = v;
            return this;
        }

        public Builder containerFormat(String v) {
            containerFormat = v;
            return this;
        }

        public Builder diskFormat(String v) {
            diskFormat = v;
            return this;
        }

        public Builder minDisk(int v) {
            minDisk = v;
            return this;
        }

        public Builder minRam(int v) {
            minRam = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Builder deletedAt(Instant v) {
            deletedAt = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = new ArrayList<>(v);
            return this;
        }

        public Builder properties(Map<String, String> v) {
            properties = new TreeMap<>(v);
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder removeProperty(String key) {
            properties.remove(key);
            return this;
        }

        public Builder locations(List<ImageLocation> v) {
            locations = new ArrayList<>(v);
            return this;
        }

        public Builder revision(long v) {
            revision = v;
            return this;
        }

        public Image build() {
            return new Image(
                    id,
                    name,
                    status,
                    visibility,
                    isProtected,
                    osHidden,
                    checksum,
                    osHashAlgo,
                    osHashValue,
                    owner,
                    size,
                    virtualSize,
                    containerFormat,
                    diskFormat,
                    minDisk,
                    minRam,
                    createdAt,
                    updatedAt,
                    deletedAt,
                    tags,
                    properties,
                    locations,
                    revision);
        }
    }
}
