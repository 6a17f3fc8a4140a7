package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;

class CodecsTest {

    @Test
    void queryEncodingMatchesPythonUrlencode() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("name", List.of("a b/c~d_e.f-g"));
        p.put("ü", List.of("&=+%"));
        p.put("tag", List.of("x", "y"));
        assertThat(UrlCodec.encodeQuery(p)).isEqualTo("name=a+b%2Fc~d_e.f-g&%C3%BC=%26%3D%2B%25&tag=x&tag=y");
    }

    @Test
    void queryParsingDecodesPlusAndPercentAndKeepsRepeats() {
        assertThat(UrlCodec.parseQuery("a=1+2&b=%C3%BC&a=3&c&d=&e=%zz"))
                .containsExactly(
                        Map.entry("a", List.of("1 2", "3")),
                        Map.entry("b", List.of("ü")),
                        Map.entry("c", List.of("")),
                        Map.entry("d", List.of("")),
                        Map.entry("e", List.of("%zz")));
        assertThat(UrlCodec.parseQuery("")).isEmpty();
        assertThat(UrlCodec.parseQuery(null)).isEmpty();
    }

    @Test
    void pathSegmentsAreDecodedOneByOneAndPlusStaysPlus() {
        assertThat(UrlCodec.segments("/images/x/tags/a%2Fb+c")).containsExactly("images", "x", "tags", "a/b+c");
        assertThat(UrlCodec.segments("/")).isEmpty();
        assertThat(UrlCodec.segments("/images/")).containsExactly("images", "");
        assertThatThrownBy(() -> UrlCodec.segments("/images/%C3"))
                .isInstanceOf(GlanceException.class)
                .hasMessageStartingWith("Error decoding your request.");
    }

    @Test
    void errorMediaTypeFollowsWebobNegotiation() {
        assertThat(ErrorMediaType.negotiate(null)).isEqualTo(ErrorMediaType.HTML);
        assertThat(ErrorMediaType.negotiate("*/*")).isEqualTo(ErrorMediaType.HTML);
        assertThat(ErrorMediaType.negotiate("application/json")).isEqualTo(ErrorMediaType.JSON);
        assertThat(ErrorMediaType.negotiate("application/json, */*;q=0.1")).isEqualTo(ErrorMediaType.JSON);
        assertThat(ErrorMediaType.negotiate("text/plain")).isEqualTo(ErrorMediaType.PLAIN);
        assertThat(ErrorMediaType.negotiate("text/*")).isEqualTo(ErrorMediaType.HTML);
        assertThat(ErrorMediaType.negotiate("text/html;q=0, application/json;q=0"))
                .isEqualTo(ErrorMediaType.PLAIN);
        assertThat(ErrorMediaType.negotiate("text/html;q=0.3, application/json;q=0.9"))
                .isEqualTo(ErrorMediaType.JSON);
    }

    @Test
    void plainErrorBodyHasStatusLineAndMessage() {
        assertThat(new String(
                        ErrorBody.render(ErrorMediaType.PLAIN, HttpStatus.CONFLICT, "busy"),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("409 Conflict\n\nbusy\n\n");
    }
}
