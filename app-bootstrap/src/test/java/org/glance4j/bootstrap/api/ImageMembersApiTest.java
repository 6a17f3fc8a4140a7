package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member calls' answers in detail: bodies, messages, and what membership does to the member's lists. */
class ImageMembersApiTest extends ApiTestSupport {

    private String sharedImageOfA() {
        return createWithVisibility(people.memberA, "shared");
    }

    private ApiResponse offer(String id, String project) {
        return Api.as(people.memberA).post("/v2/images/" + id + "/members", body("member", project));
    }

    private ApiResponse answer(Persona who, String id, String status) {
        return Api.as(who)
                .send(
                        "PUT",
                        "/v2/images/" + id + "/members/" + who.projectId(),
                        "application/json",
                        body("status", status),
                        Map.of());
    }

    @Test
    void anOfferIsPendingUntilTheMemberAcceptsIt() {
        String id = sharedImageOfA();
        ApiResponse offered = offer(id, people.projectB);
        assertThat(offered.status()).isEqualTo(200);
        JsonNode member = offered.json();
        assertThat(member.get("member_id").asText()).isEqualTo(people.projectB);
        assertThat(member.get("image_id").asText()).isEqualTo(id);
        assertThat(member.get("status").asText()).isEqualTo("pending");
        assertThat(member.get("schema").asText()).isEqualTo("/v2/schemas/member");
        assertThat(member.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        assertThat(ids(Api.as(people.memberB).get("/v2/images?visibility=shared")))
                .doesNotContain(id);
        assertThat(ids(Api.as(people.memberB).get("/v2/images?visibility=shared&member_status=pending")))
                .contains(id);

        ApiResponse accepted = answer(people.memberB, id, "accepted");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        assertThat(ids(Api.as(people.memberB).get("/v2/images"))).contains(id);
        assertThat(ids(Api.as(people.memberB).get("/v2/images?member_status=accepted&visibility=shared")))
                .contains(id);
    }

    @Test
    void theOwnerSeesAllMembersAndAMemberOnlyItself() {
        String id = sharedImageOfA();
        offer(id, people.projectB);
        offer(id, people.projectC);
        ApiResponse all = Api.as(people.readerA).get("/v2/images/" + id + "/members");
        assertThat(all.json().get("schema").asText()).isEqualTo("/v2/schemas/members");
        assertThat(all.json().get("members").findValuesAsText("member_id"))
                .containsExactlyInAnyOrder(people.projectB, people.projectC);
        assertThat(Api.as(people.readerB)
                        .get("/v2/images/" + id + "/members")
                        .json()
                        .get("members")
                        .findValuesAsText("member_id"))
                .containsExactly(people.projectB);
        ApiResponse other = Api.as(people.readerB).get("/v2/images/" + id + "/members/" + people.projectC);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("message").asText())
                .contains(people.projectC + " not found in the member list of the image " + id);
    }

    @Test
    void refusalsCarryGlancesMessages() {
        String id = sharedImageOfA();
        offer(id, people.projectB);
        ApiResponse duplicate = offer(id, people.projectB);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("message").asText())
                .contains("Member " + people.projectB + " is duplicated for image " + id);

        ApiResponse badStatus = answer(people.memberB, id, "maybe");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("message").asText()).contains("Status must be \"pending\", \"accepted\" or");

        ApiResponse ownerAnswers = Api.as(people.memberA)
                .send(
                        "PUT",
                        "/v2/images/" + id + "/members/" + people.projectB,
                        "application/json",
                        body("status", "accepted"),
                        Map.of());
        assertThat(ownerAnswers.status()).isEqualTo(403);

        String privateId = createWithVisibility(people.memberA, "private");
        ApiResponse notShared = offer(privateId, people.projectB);
        assertThat(notShared.status()).isEqualTo(403);
        assertThat(notShared.json().get("message").asText())
                .contains("Not allowed to create members for image " + privateId);

        ApiResponse unknown = Api.as(people.memberA).get("/v2/images/" + unknownId() + "/members");
        assertThat(unknown.status()).isEqualTo(404);

        ApiResponse empty = Api.as(people.memberA).post("/v2/images/" + id + "/members", body("member", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asText()).contains("Member can't be empty");
    }

    @Test
    void aWithdrawnMemberLosesTheImage() {
        String id = sharedImageOfA();
        offer(id, people.projectB);
        answer(people.memberB, id, "accepted");
        assertThat(Api.as(people.memberB).get("/v2/images/" + id).status()).isEqualTo(200);
        assertThat(Api.as(people.memberA)
                        .delete("/v2/images/" + id + "/members/" + people.projectB)
                        .status())
                .isEqualTo(204);
        assertThat(Api.as(people.memberB).get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(Api.as(people.memberA)
                        .delete("/v2/images/" + id + "/members/" + people.projectB)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void memberSchemasDescribeTheMemberDocument() {
        JsonNode member = Api.as(people.readerA).get("/v2/schemas/member").json();
        assertThat(member.get("name").asText()).isEqualTo("member");
        assertThat(member.get("properties").get("status").get("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("pending", "accepted", "rejected");
        assertThat(member.get("properties").has("member_id")).isTrue();
        JsonNode members = Api.as(people.readerA).get("/v2/schemas/members").json();
        assertThat(members.get("name").asText()).isEqualTo("members");
        assertThat(members.get("properties")
                        .get("members")
                        .get("items")
                        .get("name")
                        .asText())
                .isEqualTo("member");
        assertThat(members.get("links")).extracting(l -> l.get("rel").asText()).containsExactly("describedby");
        assertThat(members.get("properties").has("next")).isFalse();
        assertThat(member.has("additionalProperties")).isFalse();
    }
}
