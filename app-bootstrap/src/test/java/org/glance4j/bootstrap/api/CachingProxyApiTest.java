package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A shared cache in front of the server: Debian's Varnish with its stock configuration (see {@link VarnishProxy}).
 * Its built-in VCL caches GET answers without looking at the identity headers ({@code X-Auth-Token}, or the
 * {@code X-Project-Id}/{@code X-Roles} that keystonemiddleware sets), so the server's answers must keep it from
 * storing anything that depends on the caller. Each test asks the same URLs through Varnish as several personas in
 * turn, and every persona must get through Varnish exactly what the server answers it directly: the owner's record
 * and bytes never reach another project or an anonymous caller, and a refusal for one caller never reaches the
 * owner. Real Glance 25.1.0 fails these tests: it sends no caching headers (nothing in glance/api or glance/common
 * sets {@code Cache-Control}). Differences are collected, so that a failing test lists every answer that went to
 * the wrong caller.
 */
@Tag(ApiTestSupport.GLANCE_BUG)
class CachingProxyApiTest extends ImageDataSupport {
    private VarnishProxy varnish;
    /** Every difference of a test, reported together when it ends. */
    private SoftAssertions softly;

    @BeforeAll
    void startVarnish() {
        varnish = VarnishProxy.start(ApiTarget.baseUri());
    }

    @AfterAll
    void stopVarnish() {
        if (varnish != null) {
            varnish.close();
        }
    }

    @BeforeEach
    void collectDifferences() {
        softly = new SoftAssertions();
    }

    @AfterEach
    void reportDifferences() {
        softly.assertAll();
    }

    @Test
    void aPrivateImageFetchedByItsOwnerReachesNoOtherCaller() {
        byte[] data = bytes(4096, 12);
        String name = unique("cached");
        String id = create(
                        people.memberA,
                        body("name", name, "visibility", "private", "disk_format", "raw", "container_format", "bare"))
                .get("id")
                .asText();
        assertThat(upload(people.memberA, id, data).status()).isEqualTo(204);

        for (String path : List.of(
                "/v2/images/" + id,
                "/v2/images/" + id + "/file",
                "/v2/images?name=" + name,
                "/v2/images/" + id + "/tasks")) {
            inTurn(
                    path,
                    people.memberA,
                    people.memberA,
                    people.memberB,
                    people.anonymous,
                    people.readerB,
                    people.memberA);
        }
        BinaryResponse stolen =
                Api.at(varnish.baseUri(), people.memberB).getBytes("GET", "/v2/images/" + id + "/file", Map.of());
        softly.assertThat(stolen.bytes())
                .as("the image's bytes as %s through Varnish", people.memberB)
                .isNotEqualTo(data);
    }

    @Test
    void aRefusalForOneCallerIsNotServedToTheOwner() {
        byte[] data = bytes(2048, 13);
        String name = unique("refused");
        String id = create(
                        people.memberA,
                        body("name", name, "visibility", "private", "disk_format", "raw", "container_format", "bare"))
                .get("id")
                .asText();
        assertThat(upload(people.memberA, id, data).status()).isEqualTo(204);

        for (String path : List.of("/v2/images/" + id, "/v2/images/" + id + "/file", "/v2/images?name=" + name)) {
            inTurn(path, people.memberA, people.memberB, people.anonymous, people.memberA);
        }
    }

    @Test
    void theMembersOfAnImageReachOnlyThoseWhoMaySeeThem() {
        String id = createWithVisibility(people.memberA, "shared");
        assertThat(Api.as(people.memberA)
                        .post("/v2/images/" + id + "/members", body("member", people.projectC))
                        .status())
                .isEqualTo(200);
        assertThat(Api.as(people.memberA)
                        .post("/v2/images/" + id + "/members", body("member", people.projectB))
                        .status())
                .isEqualTo(200);

        String members = "/v2/images/" + id + "/members";
        inTurn(
                members,
                people.memberA,
                people.memberA,
                people.imageMember,
                people.memberB,
                people.anonymous,
                people.readerA);
        inTurn(
                members + "/" + people.projectC,
                people.memberA,
                people.memberB,
                people.anonymous,
                people.imageMember,
                people.memberA,
                people.memberB);
    }

    @Test
    void tasksReachOnlyThoseWhoMaySeeThem() {
        inTurn("/v2/tasks", people.adminA, people.adminA, people.memberB, people.anonymous, people.adminA);
    }

    @Test
    void aPrivateMetadefNamespaceReachesOnlyItsProject() {
        String namespace = "glance4j-test::cached::" + unknownId().substring(0, 13);
        ApiResponse created = Api.as(people.adminA)
                .post(
                        "/v2/metadefs/namespaces",
                        body(
                                "namespace",
                                namespace,
                                "visibility",
                                "private",
                                "owner",
                                people.projectA,
                                "properties",
                                body("p", body("type", "string", "title", "P"))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        String path = "/v2/metadefs/namespaces/" + namespace;
        inTurn(path, people.readerA, people.readerA, people.memberB, people.anonymous, people.readerA);
        inTurn(
                path + "/properties/p",
                people.readerA,
                people.memberB,
                people.anonymous,
                people.readerA,
                people.memberB);
        inTurn("/v2/metadefs/namespaces?limit=1000", people.readerA, people.readerA, people.memberB, people.anonymous);
    }

    @Test
    void answersForAuthenticatedCallersAreNotServedToAnonymousOnes() {
        for (String path : List.of(
                "/v2/schemas/image", "/v2/schemas/images", "/v2/info/import", "/v2/schemas/metadefs/namespace")) {
            inTurn(path, people.memberA, people.memberA, people.anonymous, people.memberA);
        }
    }

    /**
     * GETs {@code path} through Varnish as each persona of {@code inTurn} in that order, and checks that each gets the
     * status and body the server answers it directly. {@code entitled} must be answered 200 directly, so that there
     * is something to leak.
     */
    private void inTurn(String path, Persona entitled, Persona... inTurn) {
        BinaryResponse entitledDirect = Api.as(entitled).getBytes("GET", path, Map.of());
        assertThat(entitledDirect.status())
                .as("%s as %s", entitledDirect, entitled)
                .isEqualTo(200);
        for (Persona who : inTurn) {
            sameThroughVarnish(path, who);
        }
    }

    private void sameThroughVarnish(String path, Persona who) {
        BinaryResponse proxied = Api.at(varnish.baseUri(), who).getBytes("GET", path, Map.of());
        BinaryResponse direct = Api.as(who).getBytes("GET", path, Map.of());
        softly.assertThat(proxied.status())
                .as(
                        "GET %s as %s through Varnish answered %s (age %s), directly %s",
                        path, who, proxied, proxied.header("Age").orElse("none"), direct)
                .isEqualTo(direct.status());
        softly.assertThat(Arrays.equals(proxied.bytes(), direct.bytes()))
                .as(
                        "GET %s as %s: the body through Varnish (age %s) is%n%s%nbut directly%n%s",
                        path, who, proxied.header("Age").orElse("none"), text(proxied), text(direct))
                .isTrue();
    }

    private static String text(BinaryResponse response) {
        String body = new String(response.bytes(), StandardCharsets.UTF_8);
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
