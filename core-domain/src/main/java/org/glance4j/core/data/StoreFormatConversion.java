package org.glance4j.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.out.importing.StagingArea;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;

/**
 * Uploads to a store that keeps one disk format ({@link ImageStores#outputFormatOf}): which format an upload is
 * converted to, and the conversion itself once the upload, checked, waits in the staging area ({@code PUT /file}
 * and completed tus uploads alike). The converted bytes go to the store with their own checksums; the client's
 * stay in the image's {@code os_glance_original_*} properties ({@link #originalData}).
 */
final class StoreFormatConversion {
    private final UploadConversion conversion;
    private final ImageStores stores;
    private final HashAlgorithm hashAlgorithm;
    private final ExecutorService digestThreads;
    private final long imageSizeCap;

    StoreFormatConversion(
            UploadConversion conversion,
            ImageStores stores,
            HashAlgorithm hashAlgorithm,
            ExecutorService digestThreads,
            long imageSizeCap) {
        this.conversion = conversion;
        this.stores = stores;
        this.hashAlgorithm = hashAlgorithm;
        this.digestThreads = digestThreads;
        this.imageSizeCap = imageSizeCap;
    }

    /** Where uploads wait to be converted. */
    StagingArea staging() {
        return conversion.staging();
    }

    /** What a converted upload left in its store, with the checksums and virtual size of the converted bytes. */
    record Converted(StoredObject stored, String md5, String hash, Long virtualSize) {}

    /**
     * The disk format an upload to {@code store} is converted to; null when it goes there as it comes.
     *
     * @throws GlanceException {@code INVALID} when the store wants a format the image's cannot be converted to
     */
    String targetFormat(ImageStore store, Image saving) {
        return UploadConversion.targetFormat(
                stores.outputFormatOf(store.id()), store.id(), saving.diskFormat(), saving.containerFormat());
    }

    /**
     * Converts the received upload in the staging area and writes the converted bytes to {@code store}, computing
     * their checksums on the way.
     */
    Converted convertAndStore(String imageId, String sourceFormat, String targetFormat, ImageStore store) {
        Long virtualSize;
        try {
            virtualSize = conversion.convert(imageId, sourceFormat, targetFormat, imageSizeCap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceException(ErrorCategory.UNAVAILABLE, "The upload was interrupted.", e);
        }
        long size = conversion.staging().size(imageId).orElseThrow(() -> missing(imageId));
        List<HashAlgorithm> algorithms = List.of(HashAlgorithm.MD5, hashAlgorithm);
        ParallelDigestInputStream digesting = null;
        StoredObject stored = null;
        try (SeekableByteChannel channel = conversion.staging().open(imageId).orElseThrow(() -> missing(imageId))) {
            digesting = new ParallelDigestInputStream(
                    Channels.newInputStream(channel),
                    Long.MAX_VALUE,
                    size,
                    algorithms.stream().map(HashAlgorithm::newDigest).toList(),
                    digestThreads);
            stored = store.write(imageId, digesting, size);
            List<String> digests = digesting.finish();
            if (stored.size() != size) {
                throw GlanceException.unavailable(
                        "Store '" + store.id() + "' reported " + stored.size() + " bytes written, but " + size
                                + " were sent.",
                        null);
            }
            return new Converted(stored, digests.get(0), digests.get(1), virtualSize);
        } catch (IOException e) {
            undoWrite(digesting, store, stored, imageId);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            undoWrite(digesting, store, stored, imageId);
            throw e;
        }
    }

    private static void undoWrite(
            ParallelDigestInputStream digesting, ImageStore store, StoredObject stored, String imageId) {
        if (digesting != null) {
            digesting.abort();
        }
        if (stored != null) {
            DefaultImageDataService.deleteQuietly(store, stored.location(), imageId);
        }
    }

    private static GlanceException missing(String imageId) {
        return GlanceException.unavailable(
                "The converted data of image " + imageId + " is missing from the staging area.", null);
    }

    /**
     * The read-only properties that keep what the client uploaded before it was converted: its disk format and
     * checksums ({@value DefaultImageDataService#ORIGINAL_CHECKSUM}, {@value DefaultImageDataService#ORIGINAL_HASH_VALUE}, with the image's {@code os_hash_algo}).
     */
    static Map<String, String> originalData(String diskFormat, String md5, String hash) {
        Map<String, String> original = new java.util.LinkedHashMap<>();
        original.put(DefaultImageDataService.ORIGINAL_DISK_FORMAT, diskFormat);
        original.put(DefaultImageDataService.ORIGINAL_CHECKSUM, md5);
        original.put(DefaultImageDataService.ORIGINAL_HASH_VALUE, hash);
        return original;
    }
}
