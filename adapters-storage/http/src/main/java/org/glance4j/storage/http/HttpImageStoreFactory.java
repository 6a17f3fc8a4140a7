package org.glance4j.storage.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.StoreSection;
import org.glance4j.ports.out.store.support.DeclaredImageStoreFactory;

/**
 * Builds read-only {@code http} stores ({@code enabled_backends = <id>:http}) with glance_store's http options:
 * <ul>
 * <li>{@code https_insecure} (default true, as in Glance): do not verify the certificates of https servers.
 * <li>{@code https_ca_certificates_file}: a PEM file of CA certificates to verify https servers with (implies
 * verification).
 * </ul>
 */
public final class HttpImageStoreFactory extends DeclaredImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "http";

    public static final StoreOption HTTPS_INSECURE = StoreOption.optional(
            "https_insecure",
            "True",
            "Do not verify" + " the certificates of https servers (Glance's default; a warning is logged).");
    public static final StoreOption HTTPS_CA_CERTIFICATES_FILE = StoreOption.optional(
                    "https_ca_certificates_file",
                    null,
                    "PEM file of CA certificates to verify https servers with (verification is then on).")
            .asPath();

    /** The declaration: glance_store's http options, those this store does not honour last. */
    public static final StoreOptions OPTIONS = StoreOptions.of(
            HTTPS_INSECURE,
            HTTPS_CA_CERTIFICATES_FILE,
            StoreOption.notHonoured("http_proxy_information", "No proxy; ignored."));

    private static final System.Logger LOG = System.getLogger(HttpImageStoreFactory.class.getName());

    /** For {@link java.util.ServiceLoader}. */
    public HttpImageStoreFactory() {
        super(
                TYPE,
                OPTIONS,
                "Read-only: image data at http and https URLs (locations added by operators), read with ranges.");
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        StoreSection reader = OPTIONS.read(storeId, options);
        String caFile = reader.text(HTTPS_CA_CERTIFICATES_FILE);
        boolean insecure = reader.bool(HTTPS_INSECURE) && caFile == null;
        HttpClient.Builder client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10));
        if (caFile != null) {
            client.sslContext(trusting(reader, caFile));
        } else if (insecure) {
            LOG.log(
                    Level.WARNING,
                    "Store ''{0}'': https certificates are not verified ({1} is true, Glance''s"
                            + " default); set it to false or give {2}",
                    storeId,
                    HTTPS_INSECURE.name(),
                    HTTPS_CA_CERTIFICATES_FILE.name());
            client.sslContext(trustingAll());
        }
        return new HttpImageStore(storeId, client.build(), Duration.ofMinutes(5));
    }

    private static SSLContext trusting(StoreSection reader, String caFile) {
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw reader.invalid(HTTPS_CA_CERTIFICATES_FILE, "holds no PEM certificate: " + caFile);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof org.glance4j.ports.error.GlanceException glance) {
                throw glance;
            }
            throw reader.invalid(HTTPS_CA_CERTIFICATES_FILE, "cannot be read as PEM certificates: " + caFile);
        }
    }

    private static SSLContext trustingAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    /** Accepts every certificate and host name: {@code https_insecure = true}. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
