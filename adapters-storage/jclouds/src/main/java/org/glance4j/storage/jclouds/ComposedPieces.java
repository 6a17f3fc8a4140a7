package org.glance4j.storage.jclouds;

import com.google.common.io.ByteSource;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.glance4j.ports.out.store.ImagePart;

/**
 * The bytes of a composed write cut into pieces of one size (the last may be shorter), whatever the boundaries of
 * the parts: each piece is a {@link ByteSource} that reads the slices of the parts it covers, opening them afresh
 * each time it is read (so a backend client may retry a piece). A piece never holds bytes; it reads a local file
 * with a seek, or a part's stream after skipping to the slice.
 *
 * <p>The first failure of a part (its opener, its stream, a part that ends early) is remembered, and the stream
 * then fails with an unchecked exception, which a backend client does not retry: {@link #partFailure()} gives the
 * compose the part's own exception to propagate, whatever the client made of it.
 */
final class ComposedPieces {
    private final List<ImagePart> parts;
    private final long total;
    private final long pieceSize;
    private final AtomicReference<RuntimeException> partFailure = new AtomicReference<>();

    /**
     * @param parts          the parts in order
     * @param preferredSize  the size of a piece, unless that makes more than {@code maximumPieces} pieces
     * @param maximumPieces  how many pieces the backend accepts in one object
     */
    ComposedPieces(List<ImagePart> parts, long preferredSize, int maximumPieces) {
        this.parts = List.copyOf(parts);
        long sum = 0;
        for (ImagePart part : this.parts) {
            sum = Math.addExact(sum, part.size());
        }
        this.total = sum;
        long ceiling = (sum + maximumPieces - 1) / maximumPieces;
        this.pieceSize = Math.max(preferredSize, Math.max(ceiling, 1));
    }

    /** The sum of the parts' sizes. */
    long total() {
        return total;
    }

    /** How many pieces: at least one (an empty one for no bytes). */
    int count() {
        return total == 0 ? 1 : (int) ((total + pieceSize - 1) / pieceSize);
    }

    /** The length of piece {@code index} (from 0). */
    long length(int index) {
        long start = index * pieceSize;
        return Math.min(pieceSize, total - start);
    }

    /** Piece {@code index} (from 0) as a source that can be read any number of times. */
    ByteSource piece(int index) {
        long start = index * pieceSize;
        long end = start + length(index);
        List<ByteSource> slices = new ArrayList<>();
        long partStart = 0;
        for (int i = 0; i < parts.size() && partStart < end; i++) {
            ImagePart part = parts.get(i);
            long partEnd = partStart + part.size();
            if (partEnd > start && part.size() > 0) {
                long from = Math.max(start, partStart) - partStart;
                long to = Math.min(end, partEnd) - partStart;
                slices.add(new Slice(part, i + 1, from, to - from));
            }
            partStart = partEnd;
        }
        return ByteSource.concat(slices);
    }

    /** The first failure of a part, or null when every part read well so far. */
    RuntimeException partFailure() {
        return partFailure.get();
    }

    private RuntimeException remember(RuntimeException failure) {
        partFailure.compareAndSet(null, failure);
        return failure;
    }

    /** {@code length} bytes of one part from {@code offset}. */
    private final class Slice extends ByteSource {
        private final ImagePart part;
        private final int number;
        private final long offset;
        private final long length;

        Slice(ImagePart part, int number, long offset, long length) {
            this.part = part;
            this.number = number;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public com.google.common.base.Optional<Long> sizeIfKnown() {
            return com.google.common.base.Optional.of(length);
        }

        @Override
        public InputStream openStream() {
            InputStream in;
            try {
                in = open();
            } catch (RuntimeException e) {
                throw remember(e);
            }
            try {
                in.skipNBytes(offset);
            } catch (EOFException e) {
                closeQuietly(in);
                throw remember(endedEarly());
            } catch (IOException e) {
                closeQuietly(in);
                throw remember(new UncheckedIOException(e));
            }
            return new ExactStream(in);
        }

        private InputStream open() {
            if (part.localFile().isPresent()) {
                try {
                    return Files.newInputStream(part.localFile().get());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return part.opener().get();
        }

        private UncheckedIOException endedEarly() {
            return new UncheckedIOException(new EOFException(
                    "part " + number + " of a composed write ended before" + " its " + part.size() + " bytes"));
        }

        /** The slice's bytes exactly; a failure of the part is remembered and thrown unchecked. */
        private final class ExactStream extends FilterInputStream {
            private long left = length;

            ExactStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (left == 0) {
                    return -1;
                }
                int n;
                try {
                    n = in.read(b, off, (int) Math.min(len, left));
                } catch (IOException e) {
                    throw remember(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    throw remember(e);
                }
                if (n < 0) {
                    throw remember(endedEarly());
                }
                left -= n;
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] buffer = new byte[8192];
                long skipped = 0;
                while (skipped < n) {
                    int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }

            @Override
            public int available() {
                return 0;
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the failure that brought us here is the one to report
        }
    }
}
