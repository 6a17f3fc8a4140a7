package org.glance4j.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy in this JVM on a free loopback port, over jclouds' filesystem blob store in a temporary directory (so
 * objects stay off the small test heap). Signature v2 and v4 are accepted with {@link #ACCESS_KEY} /
 * {@link #SECRET_KEY}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "glance4j-access";
    public static final String SECRET_KEY = "glance4j-secret";

    private final Path baseDir;
    private final BlobStoreContext backend;
    private final S3Proxy proxy;

    private S3ProxyServer(Path baseDir, BlobStoreContext backend, S3Proxy proxy) {
        this.baseDir = baseDir;
        this.backend = backend;
        this.proxy = proxy;
    }

    public static S3ProxyServer start() throws Exception {
        Path baseDir = Files.createTempDirectory("glance4j-s3proxy-");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        BlobStoreContext backend = ContextBuilder.newBuilder("filesystem")
                .credentials("unused", "unused")
                .overrides(properties)
                .buildView(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(backend.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(5);
        }
        return new S3ProxyServer(baseDir, backend, proxy);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Every file the backend keeps for {@code bucket}: objects, parts of unfinished uploads, anything else. */
    long filesIn(String bucket) throws IOException {
        Path dir = baseDir.resolve(bucket);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Creates a bucket behind S3's back. */
    void createBucket(String bucket) {
        backend.getBlobStore().createContainerInLocation(null, bucket);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        backend.close();
        try (Stream<Path> paths = Files.walk(baseDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
