package org.glance4j.bootstrap.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.glance4j.bootstrap.DbCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenStack's own API tests of the Images API v2 ({@code tempest.api.image.v2} of Debian's tempest 33.0.0) against
 * glance4j, the way a cloud runs them: tempest authenticates with Keystone as {@code admin}, creates a project and
 * users for every test class, finds glance4j as the {@code image} service in Keystone's catalog, and glance4j
 * validates their tokens against the same Keystone. glance4j runs on its embedded defaults (SQLite and the file
 * store in a temporary folder) with Glance's standard metadefs catalog loaded, as {@code glance-manage db
 * load_metadefs} loads it in a Glance deployment.
 *
 * <p>The image cache is on ({@code image_cache_dir}; {@code image_caching_enabled = true} in tempest.conf), so that
 * {@code ImageCachingTest} runs.
 *
 * <p>Interoperable import is on in tempest.conf ({@code import_image = true}): glance-direct and web-download
 * import run, the latter from a small web server on loopback that glance4j's web-download filter is told to allow.
 * Real Glance 25.1.0 passes 62 of these tests in the same setup with import off; the workspace (tempest.conf, its
 * log, stestr's record) stays in {@code target/tempest-*} for a look after the run.
 */
@ExtendWith(KeystoneServer.class)
class TempestImageV2Test {
    private static final String IMAGE_V2 = "^tempest\\.api\\.image\\.v2";
    /** What Glance 25.1.0 passes in this setup (with import off). */
    private static final int GLANCE_PASSES = 62;

    @Test
    void tempestsImageV2TestsPassAgainstGlance4jWithKeystone() throws Exception {
        TempestWorkspace.requireInstalled();
        KeystoneServer.Running keystone = KeystoneServer.get();
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tempest-")
                .toAbsolutePath();
        HttpServer web = webImageServer();
        try {
            int webPort = web.getAddress().getPort();
            Path glanceDir = root.resolve("glance");
            DbCommand.run(
                    "load-metadefs",
                    catalog().toString(),
                    "--data-dir",
                    glanceDir.resolve("data").toString());
            try (KeystoneGlance glance = KeystoneGlance.start(
                    glanceDir,
                    keystone.url(),
                    "[import_filtering_opts]",
                    "allowed_hosts = 127.0.0.1",
                    "allowed_ports = " + webPort,
                    // the image cache, for ImageCachingTest; its prefetcher caches queued images every 10 s
                    "[DEFAULT]",
                    "image_cache_dir = " + glanceDir.resolve("cache"),
                    "cache_prefetcher_interval = 10")) {
                keystone.registerImageService(glance.base.toString());
                TempestWorkspace workspace = TempestWorkspace.create(root.resolve("workspace"));
                workspace.configure(tempestConf(workspace, keystone, "http://127.0.0.1:" + webPort + "/cirros.img"));

                TempestWorkspace.Outcome outcome = workspace.run(IMAGE_V2, 2, Duration.ofMinutes(15));

                String summary = "tempest.api.image.v2 against glance4j: " + outcome.count("success") + " passed, "
                        + outcome.count("skip") + " skipped, "
                        + outcome.failed().size() + " failed (workspace "
                        + workspace.root() + ")\nskipped:\n" + outcome.skipSummary();
                System.out.println(summary);
                assertThat(outcome.failed())
                        .as("%s%nfailures:%s", summary, outcome.failureSummary(40))
                        .isEmpty();
                assertThat(outcome.count("success")).as(summary).isGreaterThanOrEqualTo(GLANCE_PASSES);
            }
        } finally {
            web.stop(0);
        }
    }

    /** Glance's standard metadefs files, which the tests of the catalog commands use too. */
    private static Path catalog() throws Exception {
        return Path.of(TempestImageV2Test.class.getResource("/metadefs").toURI());
    }

    /** A web server on loopback serving {@code /cirros.img} (4 KiB), the image tempest's web-download test fetches. */
    private static HttpServer webImageServer() throws IOException {
        byte[] image = new byte[4096];
        new Random(13).nextBytes(image);
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/cirros.img", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, image.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(image);
            }
        });
        web.start();
        return web;
    }

    /**
     * tempest.conf: Keystone v3 with the bootstrap admin, dynamic credentials (a project and users with the
     * {@code member} role per test class), only the image service on, and the features glance4j has.
     */
    private static String tempestConf(TempestWorkspace workspace, KeystoneServer.Running keystone, String httpImage) {
        return String.join(
                "\n",
                "[DEFAULT]",
                "log_dir = " + workspace.logs(),
                "log_file = tempest.log",
                "",
                "[oslo_concurrency]",
                "lock_path = " + workspace.lock(),
                "",
                "[auth]",
                "admin_username = admin",
                "admin_password = " + KeystoneServer.ADMIN_PASSWORD,
                "admin_project_name = admin",
                "admin_domain_name = Default",
                "use_dynamic_credentials = true",
                "create_isolated_networks = false",
                "tempest_roles = member",
                "default_credentials_domain_name = Default",
                "",
                "[identity]",
                "uri_v3 = " + keystone.url() + "/v3",
                "auth_version = v3",
                "region = RegionOne",
                "v3_endpoint_type = public",
                "",
                "[identity-feature-enabled]",
                "api_v3 = true",
                "security_compliance = false",
                "",
                "[service_available]",
                "glance = true",
                "nova = false",
                "neutron = false",
                "cinder = false",
                "swift = false",
                "horizon = false",
                "",
                "[image]",
                "catalog_type = image",
                "region = RegionOne",
                "endpoint_type = publicURL",
                "http_image = " + httpImage,
                "build_timeout = 120",
                "build_interval = 1",
                "image_caching_enabled = true",
                // tempest's defaults, in their order: some tests take the first of each list, and
                // ListUserImagesTest looks for disk_format=raw among the images it made from the first six pairs
                "container_formats = ami,ari,aki,bare,ovf,ova",
                "disk_formats = ami,ari,aki,vhd,vmdk,raw,qcow2,vdi,iso,vhdx",
                "",
                "[image-feature-enabled]",
                "api_v2 = true",
                "api_v1 = false",
                "import_image = true",
                "os_glance_reserved = true",
                "manage_locations = false",
                "",
                "[enforce_scope]",
                "glance = false",
                "keystone = false",
                "");
    }
}
