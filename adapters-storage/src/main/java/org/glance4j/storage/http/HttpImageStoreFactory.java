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
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.storage.jclouds.StoreOptions;

/**
 * Builds read-only {@code http} stores ({@code enabled_backends = <id>:http}) with glance_store's http options:
 * <ul>
 * <li>{@code https_insecure} (default true, as in Glance): do not verify the certificates of https servers.
 * <li>{@code https_ca_certificates_file}: a PEM file of CA certificates to verify https servers with (implies
 * verification).
 * </ul>
 */
public final class HttpImageStoreFactory implements ImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "http";

    public static final String HTTPS_INSECURE = "https_insecure";
    public static final String HTTPS_CA_CERTIFICATES_FILE = "https_ca_certificates_file";

    /** glance_store's http options that this store does not honour (reported, not fatal). */
    public static final List<String> NOT_HONOURED = List.of("http_proxy_information");

    private static final System.Logger LOG = System.getLogger(HttpImageStoreFactory.class.getName());

    /** For {@link java.util.ServiceLoader}. */
    public HttpImageStoreFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        StoreOptions reader = new StoreOptions(storeId, options);
        reader.warnNotHonoured(NOT_HONOURED);
        String caFile = reader.optional(HTTPS_CA_CERTIFICATES_FILE);
        boolean insecure = reader.bool(HTTPS_INSECURE, true) && caFile == null;
        HttpClient.Builder client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10));
        if (caFile != null) {
            client.sslContext(trusting(reader, caFile));
        } else if (insecure) {
            LOG.log(Level.WARNING, "Store ''{0}'': https certificates are not verified ({1} is true, Glance''s"
                    + " default); set it to false or give {2}", storeId, HTTPS_INSECURE, HTTPS_CA_CERTIFICATES_FILE);
            client.sslContext(trustingAll());
        }
        return new HttpImageStore(storeId, client.build(), Duration.ofMinutes(5));
    }

    private static SSLContext trusting(StoreOptions reader, String caFile) {
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
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
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
