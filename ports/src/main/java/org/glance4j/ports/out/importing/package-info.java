/**
 * The outbound ports of interoperable image import: the {@link org.glance4j.ports.out.importing.StagingArea} that
 * holds staged data, the {@link org.glance4j.ports.out.importing.WebSource} that web-download reads from, and the
 * {@link org.glance4j.ports.out.importing.DiskImageTool} ({@code qemu-img}) that image conversion runs. The core
 * decides every rule (which URLs may be fetched, which formats are allowed, which findings fail an import, the
 * messages); these ports only move bytes and report facts.
 */
package org.glance4j.ports.out.importing;
