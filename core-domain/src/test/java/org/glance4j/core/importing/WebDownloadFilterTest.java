package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glance4j.core.settings.ImportSettings.FilterRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of web-download filtering gives its own reason, which the client is told. */
class WebDownloadFilterTest {

    private static final WebDownloadFilter DEFAULTS = new WebDownloadFilter(FilterRules.defaults());
    private static final WebDownloadFilter DENY_LISTS = new WebDownloadFilter(new FilterRules(
            List.of(), List.of("http"), List.of(), List.of("bad.example.com"), List.of(), List.of(8443)));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://example.com:8080/x|the port 8080 is not allowed (allowed: 80, 443)",
                "ftp://example.com/x|the scheme ftp is not allowed (allowed: http, https)",
                "example.com/x|it has no scheme",
                "http://exa mple.com/x|it is not a valid URI",
                "http://127.1/x|the host is missing or is not a plain host name or IP address",
                "http://10.1.2.3/x|the host 10.1.2.3 is an internal address (loopback, private, link-local or the like), which is not fetched",
                "http://[fd00::1]/x|the host fd00:0:0:0:0:0:0:1 is an internal address (loopback, private, link-local or the like), which is not fetched",
                "http://localhost/x|the host localhost resolves to an internal address (loopback, private, link-local or the like), which is not fetched",
                "http://no-such-host.invalid/x|the host no-such-host.invalid does not resolve",
            })
    void theDefaultRulesSayWhy(String uri, String reason) {
        assertThat(DEFAULTS.why(uri)).isEqualTo(reason);
        assertThat(DEFAULTS.allows(uri)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://example.com/x|the scheme http is not allowed",
                "https://bad.example.com/x|the host bad.example.com is not allowed",
                "https://example.com:8443/x|the port 8443 is not allowed",
            })
    void denyListsSayWhichEntryMatched(String uri, String reason) {
        assertThat(DENY_LISTS.why(uri)).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"http://localhost/x", "http://127.0.0.1/x"})
    void theLogDetailNamesTheAddressAndTheOptionThatAllowsIt(String uri) {
        WebDownloadFilter.Refusal refusal = DEFAULTS.check(uri);
        assertThat(refusal.reason()).doesNotContain("allowed_hosts");
        assertThat(refusal.detail()).contains("127.0.0.1").contains("[import_filtering_opts] allowed_hosts");
    }
}
