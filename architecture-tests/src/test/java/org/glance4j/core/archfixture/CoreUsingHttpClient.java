package org.glance4j.core.archfixture;

/** Breaks the core's no-I/O rule: fetches a URL itself. */
public final class CoreUsingHttpClient {
    public java.net.http.HttpClient client() {
        return java.net.http.HttpClient.newHttpClient();
    }
}
