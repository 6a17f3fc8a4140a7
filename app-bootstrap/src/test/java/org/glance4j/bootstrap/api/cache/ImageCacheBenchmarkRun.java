package org.glance4j.bootstrap.api.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link ImageCacheBenchmark} from Maven, only when asked:
 * {@code mvn -o verify -pl app-bootstrap -am -Dtest=ImageCacheBenchmarkRun -Dsurefire.failIfNoSpecifiedTests=false
 * -Dglance4j.bench.cache=1024,8}. It measures and prints; it asserts nothing.
 */
class ImageCacheBenchmarkRun {

    @Test
    @EnabledIfSystemProperty(named = "glance4j.bench.cache", matches = "\\d+,\\d+")
    void run() throws Exception {
        String[] sizeAndClients = System.getProperty("glance4j.bench.cache").split(",");
        ImageCacheBenchmark.main(new String[] {sizeAndClients[0], sizeAndClients[1],
                "target/image-cache-bench"});
    }
}
