package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The healthcheck's answer follows Accept as oslo.middleware's does: text first, then HTML, then JSON. */
class HealthcheckAcceptTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "NONE | text/plain",
                "*/* | text/plain",
                "application/json | application/json",
                "text/html | text/html",
                "text/* | text/plain",
                "application/json;q=0.9, text/html;q=0.5 | application/json",
                "text/plain;q=0.1, application/json | application/json",
                "image/png | text/plain",
            })
    void prefersByQualityThenInOslosOrder(String accept, String answer) {
        assertThat(HealthcheckResource.preferred(accept)).isEqualTo(answer);
    }
}
