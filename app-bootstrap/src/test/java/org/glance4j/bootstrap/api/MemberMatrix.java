package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The member calls of the persona matrix against one server: private, shared, public and community images of
 * project A, each shared with project C (accepted) while shared and then given its visibility. Operations:
 * "members" lists the members, "member" shows C's membership, "add" offers the image to a new project, "answer"
 * puts C's status to rejected, "remove" withdraws C. Writes act on a fresh image each, so cells stay independent.
 */
final class MemberMatrix {
    static final List<String> VISIBILITIES = List.of("private", "shared", "public", "community");
    static final List<String> OPERATIONS = List.of("members", "member", "add", "answer", "remove");

    private final URI base;
    private final Personas people;
    private final Map<String, String> readOnlyImages = new LinkedHashMap<>();

    MemberMatrix(URI base, Personas people) {
        this.base = base;
        this.people = people;
        for (String visibility : VISIBILITIES) {
            readOnlyImages.put(visibility, freshImage(visibility));
        }
    }

    /** The status code the persona gets for the operation on an image of that visibility. */
    int perform(Persona persona, String visibility, String operation) {
        Api api = Api.at(base, persona);
        String c = people.imageMember.projectId();
        return switch (operation) {
            case "members" ->
                api.get("/v2/images/" + readOnlyImages.get(visibility) + "/members")
                        .status();
            case "member" ->
                api.get("/v2/images/" + readOnlyImages.get(visibility) + "/members/" + c)
                        .status();
            case "add" ->
                checked(
                        api.post(
                                "/v2/images/" + freshImage(visibility) + "/members",
                                Map.of("member", UUID.randomUUID().toString().replace("-", ""))),
                        200);
            case "answer" ->
                checked(
                        api.send(
                                "PUT",
                                "/v2/images/" + freshImage(visibility) + "/members/" + c,
                                "application/json",
                                Map.of("status", "rejected"),
                                Map.of()),
                        200);
            case "remove" -> checked(api.delete("/v2/images/" + freshImage(visibility) + "/members/" + c), 204);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** Every cell, persona label to visibility to the statuses in OPERATIONS order. */
    Map<String, Map<String, List<Integer>>> table() {
        Map<String, Map<String, List<Integer>>> table = new LinkedHashMap<>();
        for (Persona persona : people.all()) {
            Map<String, List<Integer>> rows = new LinkedHashMap<>();
            for (String visibility : VISIBILITIES) {
                rows.put(
                        visibility,
                        OPERATIONS.stream()
                                .map(op -> perform(persona, visibility, op))
                                .toList());
            }
            table.put(persona.label(), rows);
        }
        return table;
    }

    private static int checked(ApiResponse response, int success) {
        assertThat(response.status()).as("%s", response).isNotEqualTo(500);
        if (response.status() == success && success == 200) {
            assertThat(response.json().get("schema").asText()).isEqualTo("/v2/schemas/member");
        }
        return response.status();
    }

    private String freshImage(String visibility) {
        Api admin = Api.at(base, people.adminA);
        ApiResponse created =
                admin.post("/v2/images", Map.of("name", "members-" + UUID.randomUUID(), "visibility", "shared"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiTestSupport.shareAccepted(base, people.adminA, id, people.imageMember, visibility);
        return id;
    }
}
