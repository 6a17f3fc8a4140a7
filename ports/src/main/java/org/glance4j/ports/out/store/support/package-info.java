/**
 * What every store author needs besides the SPI, published once for the built-in stores and outside ones alike
 * (the declaration and reading of a store's options, {@link org.glance4j.ports.out.store.StoreOptions}, lives
 * with the SPI): bounded streams for ranged reads
 * ({@link org.glance4j.ports.out.store.support.BoundedInputStream},
 * {@link org.glance4j.ports.out.store.support.RangeInputStream},
 * {@link org.glance4j.ports.out.store.support.ByteRanges}); backend failures in the port's categories
 * ({@link org.glance4j.ports.out.store.support.StoreErrors}); and a local spool for uploads whose length the
 * backend wants up front ({@link org.glance4j.ports.out.store.support.Spool}); a region of a local file that HTTP
 * sends zero-copy ({@link org.glance4j.ports.out.store.support.FileRegionInputStream}); and a factory base that
 * states a store type's name, options and summary once
 * ({@link org.glance4j.ports.out.store.support.DeclaredImageStoreFactory}). JDK only.
 */
package org.glance4j.ports.out.store.support;
