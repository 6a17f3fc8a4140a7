package org.glance4j.ports.out.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One part of an object written by {@link ImageStore#writeComposed(String, java.util.List)}.
 *
 * @param size      the part's size in bytes
 * @param opener    opens a fresh stream of the part from its start each time it is called; the caller closes it
 * @param localFile a local file holding the part that the store may move into its own storage instead of reading
 *                  it (it then no longer exists at that path); empty when the part is not in a local file
 */
public record ImagePart(long size, Supplier<InputStream> opener, Optional<Path> localFile) {}
