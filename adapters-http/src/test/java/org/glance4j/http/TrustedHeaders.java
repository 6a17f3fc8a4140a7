package org.glance4j.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Header sets a keystonemiddleware in front of the server would send. */
final class TrustedHeaders {
    private TrustedHeaders() {}

    static String[] admin() {
        return new String[] {
            "X-Identity-Status", "Confirmed", "X-User-Id", "u1", "X-Project-Id", "p1", "X-Roles", "admin,member,reader"
        };
    }

    static String[] with(String... extra) {
        List<String> all = new ArrayList<>(Arrays.asList(admin()));
        all.addAll(Arrays.asList(extra));
        return all.toArray(String[]::new);
    }
}
