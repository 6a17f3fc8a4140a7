package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what with image members: every member call, as every persona, on private, shared, public and
 * community images of project A that project C was made a member of while they were shared (see
 * {@link MemberMatrix}). Only shared images have members: on the others the calls are refused (403, or 404 for a
 * single membership) even though C's membership is still recorded.
 */
class MemberPersonaMatrixApiTest extends ApiTestSupport {

    /** Persona, then one row per visibility: members, member, add, answer, remove. */
    static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

    static {
        expect(
                "admin of A",
                "private:   403 404 403 403 403",
                "shared:    200 200 200 200 204",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        // modify_member is for the member project (or an admin): the owner cannot answer for C.
        expect(
                "member of A",
                "private:   403 404 403 403 403",
                "shared:    200 200 200 403 204",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        expect(
                "reader of A",
                "private:   403 404 403 403 403",
                "shared:    200 200 403 403 403",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        expect(
                "member of B",
                "private:   404 404 404 404 404",
                "shared:    404 404 404 404 404",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        expect(
                "reader of B",
                "private:   404 404 404 404 404",
                "shared:    404 404 404 404 404",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        // Every member policy first needs get_image, which needs "reader".
        expect(
                "member-only token of A",
                "private:   403 404 403 403 403",
                "shared:    404 404 404 404 404",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        expect(
                "member of the image",
                "private:   404 404 404 404 404",
                "shared:    200 200 403 200 403",
                "public:    403 404 403 403 403",
                "community: 403 404 403 403 403");
        expect(
                "anonymous",
                "private:   401 401 401 401 401",
                "shared:    401 401 401 401 401",
                "public:    401 401 401 401 401",
                "community: 401 401 401 401 401");
    }

    private static void expect(String persona, String... rows) {
        Map<String, String> byVisibility = new LinkedHashMap<>();
        for (String row : rows) {
            String[] parts = row.split(":", 2);
            byVisibility.put(parts[0].strip(), parts[1].strip());
        }
        EXPECTED.put(persona, byVisibility);
    }

    /** The expected table in the shape {@link MemberMatrix#table()} answers. */
    static Map<String, Map<String, List<Integer>>> expectedTable() {
        Map<String, Map<String, List<Integer>>> table = new LinkedHashMap<>();
        EXPECTED.forEach((persona, rows) -> {
            Map<String, List<Integer>> parsed = new LinkedHashMap<>();
            rows.forEach((visibility, row) -> parsed.put(
                    visibility,
                    Stream.of(row.split("\\s+")).map(Integer::valueOf).toList()));
            table.put(persona, parsed);
        });
        return table;
    }

    private MemberMatrix matrix;

    @BeforeAll
    void createImages() {
        matrix = new MemberMatrix(ApiTarget.baseUri(), people);
    }

    Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Persona persona : people.all()) {
            Map<String, String> rows = EXPECTED.get(persona.label());
            for (String visibility : MemberMatrix.VISIBILITIES) {
                String[] expected = rows.get(visibility).split("\\s+");
                for (int i = 0; i < MemberMatrix.OPERATIONS.size(); i++) {
                    cells.add(Arguments.of(
                            persona, visibility, MemberMatrix.OPERATIONS.get(i), Integer.parseInt(expected[i])));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} / {1} image / {2} -> {3}")
    @MethodSource("cells")
    void personaGetsGlancesAnswer(Persona persona, String visibility, String operation, int expected) {
        int actual = matrix.perform(persona, visibility, operation);

        assertThat(actual)
                .as("%s %s on a %s image of A", persona, operation, visibility)
                .isEqualTo(expected);
    }
}
