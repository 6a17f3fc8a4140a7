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
 * Who may move image data: upload, download, download of a deactivated image, deactivate and reactivate, as every
 * persona, on private, shared, public and community images of project A (created and filled by A's admin).
 * Upload cells get a fresh queued image, deactivate cells a fresh active one, reactivate cells a fresh deactivated
 * one; the download cells share one active and one deactivated image per visibility. Every cell was checked against
 * real Glance 25.1.0 with its default (secure RBAC) policies, which master keeps for these calls.
 */
class DataPersonaMatrixApiTest extends ImageDataSupport {

    private static final List<String> VISIBILITIES = List.of("private", "shared", "public", "community");
    private static final List<String> OPERATIONS =
            List.of("upload", "download", "download-deactivated", "deactivate", "reactivate");
    private static final byte[] DATA = bytes(4096, 99);

    /** Persona, then one row per visibility: the expected status of each operation, in OPERATIONS order. */
    private static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

    static {
        expect(
                "admin of A",
                "private:   204 200 200 204 204",
                "shared:    204 200 200 204 204",
                "public:    204 200 200 204 204",
                "community: 204 200 200 204 204");
        // image_data.py download(): a deactivated image is refused to every non-admin before the policy is asked.
        expect(
                "member of A",
                "private:   204 200 403 204 204",
                "shared:    204 200 403 204 204",
                "public:    204 200 403 204 204",
                "community: 204 200 403 204 204");
        // download_image, upload_image, deactivate and reactivate need "member" (glance/policies/image.py).
        expect(
                "reader of A",
                "private:   403 403 403 403 403",
                "shared:    403 403 403 403 403",
                "public:    403 403 403 403 403",
                "community: 403 403 403 403 403");
        // ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE lets any member download public and community images.
        expect(
                "member of B",
                "private:   404 404 404 404 404",
                "shared:    404 404 404 404 404",
                "public:    403 200 403 403 403",
                "community: 403 200 403 403 403");
        expect(
                "reader of B",
                "private:   404 404 404 404 404",
                "shared:    404 404 404 404 404",
                "public:    403 403 403 403 403",
                "community: 403 403 403 403 403");
        // The data calls load the image without asking get_image, so a token with "member" but not "reader"
        // uploads, downloads and acts on images it cannot show (404 on GET /v2/images/{id}).
        expect(
                "member-only token of A",
                "private:   204 200 403 204 204",
                "shared:    204 200 403 204 204",
                "public:    204 200 403 204 204",
                "community: 204 200 403 204 204");
        // download_image lets a member role download any image it can see, a shared image it is a member of too.
        expect(
                "member of the image",
                "private:   404 404 404 404 404",
                "shared:    403 200 403 403 403",
                "public:    403 200 403 403 403",
                "community: 403 200 403 403 403");
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

    private final Map<String, String> activeImages = new LinkedHashMap<>();
    private final Map<String, String> deactivatedImages = new LinkedHashMap<>();

    @BeforeAll
    void createImagesOfA() {
        for (String visibility : VISIBILITIES) {
            activeImages.put(visibility, activeImageOfA(visibility));
            deactivatedImages.put(visibility, deactivatedImage(visibility));
        }
    }

    private String deactivatedImage(String visibility) {
        String id = activeImageOfA(visibility);
        ApiResponse response = action(people.adminA, id, "deactivate");
        assertThat(response.status()).as("%s", response).isEqualTo(204);
        return id;
    }

    /** A queued image of A, shared with project C while shared, then given {@code visibility}. */
    private String queuedImageOfA(String visibility) {
        String id = queuedImage(people.adminA, "shared");
        shareAccepted(people.adminA, id, people.imageMember, visibility);
        return id;
    }

    private String activeImageOfA(String visibility) {
        String id = queuedImageOfA(visibility);
        ApiResponse response = upload(people.adminA, id, DATA);
        assertThat(response.status()).as("%s", response).isEqualTo(204);
        return id;
    }

    Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Persona persona : people.all()) {
            Map<String, String> rows = EXPECTED.get(persona.label());
            for (String visibility : VISIBILITIES) {
                String[] expected = rows.get(visibility).split("\\s+");
                for (int i = 0; i < OPERATIONS.size(); i++) {
                    cells.add(Arguments.of(persona, visibility, OPERATIONS.get(i), Integer.parseInt(expected[i])));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} / {1} image / {2} -> {3}")
    @MethodSource("cells")
    void personaGetsGlancesAnswer(Persona persona, String visibility, String operation, int expected) {
        int actual = perform(persona, visibility, operation);

        assertThat(actual)
                .as("%s %s on a %s image of A", persona, operation, visibility)
                .isEqualTo(expected);
    }

    private int perform(Persona persona, String visibility, String operation) {
        return switch (operation) {
            case "upload" -> uploadCell(persona, queuedImageOfA(visibility));
            case "download" -> downloadCell(persona, activeImages.get(visibility));
            case "download-deactivated" -> downloadCell(persona, deactivatedImages.get(visibility));
            case "deactivate" -> actionCell(persona, activeImageOfA(visibility), "deactivate", "deactivated", "active");
            case "reactivate" ->
                actionCell(persona, deactivatedImage(visibility), "reactivate", "active", "deactivated");
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** The upload's status; the image must be active with the bytes after a 204 and still queued otherwise. */
    private int uploadCell(Persona persona, String id) {
        ApiResponse response = upload(persona, id, DATA);
        assertThat(response.status()).as("%s", response).isNotEqualTo(500);
        String status = show(people.adminA, id).get("status").asText();
        assertThat(status).as("status after %s", response).isEqualTo(response.status() == 204 ? "active" : "queued");
        return response.status();
    }

    /** The download's status; after a 200 the bytes must be the image's. */
    private static int downloadCell(Persona persona, String id) {
        BinaryResponse response = download(persona, id, Map.of());
        if (response.status() == 200) {
            assertThat(response.bytes()).as("%s", response).isEqualTo(DATA);
        }
        return response.status();
    }

    /** The action's status; the image must have moved after a 204 and kept its status otherwise. */
    private int actionCell(Persona persona, String id, String action, String after, String before) {
        ApiResponse response = action(persona, id, action);
        String status = show(people.adminA, id).get("status").asText();
        assertThat(status).as("status after %s", response).isEqualTo(response.status() == 204 ? after : before);
        return response.status();
    }
}
