package org.glance4j.ports.testing.archfixture;

/** Breaks rule (h): an in-memory adapter (adapters-memory) calling an inbound use case instead of being an SPI. */
public final class MemoryAdapterUsingUseCase {
    public org.glance4j.ports.in.ImageService images;
}
