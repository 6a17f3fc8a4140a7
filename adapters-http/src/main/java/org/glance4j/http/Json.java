package org.glance4j.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of the adapter, configured once: strict JSON in (no trailing content, no NaN, no
 * comments), plain JDK objects out. Integers too large for a {@code long} become {@code BigInteger}; duplicate keys
 * are accepted with the last one winning, as Glance's {@code json.loads} does.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {}
}
