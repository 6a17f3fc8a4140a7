package org.glance4j.core.metadef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.metadef.MetadefCatalogService.LoadOutcome;
import org.glance4j.ports.in.metadef.MetadefNamespacePage;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.metadef.InMemoryMetadefRepository;
import org.junit.jupiter.api.Test;

/** The metadef use cases on the in-memory repository: rules, policies, validation, JSON shapes, the loader. */
class MetadefServicesTest {

    private static final RequestContext ADMIN = CoreFixture.ADMIN;
    private static final RequestContext MEMBER_A = CoreFixture.OWNER_MEMBER;
    private static final RequestContext READER_A = CoreFixture.OWNER_READER;
    private static final RequestContext MEMBER_B = CoreFixture.OTHER_MEMBER;

    private static final java.time.Clock CLOCK =
            java.time.Clock.fixed(java.time.Instant.parse("2026-01-02T03:04:05.123456789Z"), java.time.ZoneOffset.UTC);

    private final InMemoryMetadefRepository repository = new InMemoryMetadefRepository();
    private final MetadefServices metadefs = core(CoreSettings.defaults()).metadefs();

    private GlanceCore core(CoreSettings settings) {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        return GlanceCore.builder()
                .images(new InMemoryImageRepository(members))
                .members(members)
                .metadefs(repository)
                .settings(settings)
                .clock(CLOCK)
                .build();
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertFails(Runnable call, ErrorCategory category, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.category()).isEqualTo(category);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private void createOwnedByA(String name, String visibility) {
        metadefs.namespaces()
                .create(ADMIN, body("namespace", name, "visibility", visibility, "owner", CoreFixture.OWNER_PROJECT));
    }

    @Test
    void aCoreWithoutMetadefRepositorySaysSo() {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        GlanceCore plain = GlanceCore.builder()
                .images(new InMemoryImageRepository(members))
                .members(members)
                .build();
        assertThat(plain.hasMetadefs()).isFalse();
        assertThatThrownBy(plain::metadefs).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createWithContentAnswersTheWholeNamespaceWithDefaults() {
        Map<String, Object> created = metadefs.namespaces()
                .create(
                        ADMIN,
                        body(
                                "namespace",
                                "OS::T",
                                "resource_type_associations",
                                List.of(body("name", "OS::Glance::Image", "prefix", "hw_")),
                                "properties",
                                body("cpu", body("type", "integer", "title", "CPUs", "unknown", "dropped")),
                                "objects",
                                List.of(body(
                                        "name",
                                        "o",
                                        "required",
                                        List.of("x"),
                                        "properties",
                                        body("x", body("type", "string", "title", "X")))),
                                "tags",
                                List.of(body("name", "t1"), body("name", "t2"))));

        assertThat(created)
                .containsEntry("namespace", "OS::T")
                .containsEntry("visibility", "private")
                .containsEntry("protected", false)
                .containsEntry("owner", "admin-project")
                .containsEntry("self", "/v2/metadefs/namespaces/OS::T")
                .containsEntry("schema", "/v2/schemas/metadefs/namespace")
                .containsEntry("properties", Map.of("cpu", Map.of("type", "integer", "title", "CPUs")))
                .containsEntry("tags", List.of(Map.of("name", "t1"), Map.of("name", "t2")))
                .doesNotContainKeys("display_name", "description");
        assertThat((String) created.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        // shown later, the tags come newest first (the same time: the last made first), as in Glance
        Map<String, Object> shown = new HashMap<>(metadefs.namespaces().get(ADMIN, "OS::T", null));
        assertThat(shown.remove("tags")).isEqualTo(List.of(Map.of("name", "t2"), Map.of("name", "t1")));
        Map<String, Object> createdWithoutTags = new HashMap<>(created);
        createdWithoutTags.remove("tags");
        assertThat(shown).isEqualTo(createdWithoutTags);
    }

    @Test
    void showWithAResourceTypePrefixesPropertyNamesEverywhere() {
        metadefs.namespaces()
                .create(
                        ADMIN,
                        body(
                                "namespace",
                                "OS::P",
                                "resource_type_associations",
                                List.of(body("name", "OS::Nova::Flavor", "prefix", "hw:")),
                                "properties",
                                body("cpu", body("type", "integer", "title", "CPUs")),
                                "objects",
                                List.of(body(
                                        "name",
                                        "o",
                                        "required",
                                        List.of("x"),
                                        "properties",
                                        body("x", body("type", "string", "title", "X"))))));

        Map<String, Object> shown = metadefs.namespaces().get(ADMIN, "OS::P", "OS::Nova::Flavor");
        assertThat(shown.get("properties")).isEqualTo(Map.of("hw:cpu", Map.of("type", "integer", "title", "CPUs")));
        @SuppressWarnings("unchecked")
        Map<String, Object> object = ((List<Map<String, Object>>) shown.get("objects")).get(0);
        assertThat(object.get("required")).isEqualTo(List.of("hw:x"));
        assertThat(object.get("properties")).isEqualTo(Map.of("hw:x", Map.of("type", "string", "title", "X")));
        assertThat(metadefs.namespaces().get(ADMIN, "OS::P", "OS::Other").get("properties"))
                .isEqualTo(Map.of("cpu", Map.of("type", "integer", "title", "CPUs")));

        assertThat(metadefs.properties().get(ADMIN, "OS::P", "hw:cpu", "OS::Nova::Flavor"))
                .containsEntry("name", "cpu");
        assertFails(
                () -> metadefs.properties().get(ADMIN, "OS::P", "cpu", "OS::Nova::Flavor"),
                ErrorCategory.NOT_FOUND,
                "does not start with the expected resource type association prefix");
    }

    @Test
    void badBodiesAreRefusedBeforeThePolicyAndNamed() {
        assertFails(
                () -> metadefs.namespaces().create(MEMBER_A, body("display_name", "x")),
                ErrorCategory.INVALID,
                "'namespace' is a required property");
        assertFails(
                () -> metadefs.namespaces().create(MEMBER_A, body("namespace", "x".repeat(81))),
                ErrorCategory.INVALID,
                "is too long");
        assertFails(
                () -> metadefs.namespaces().create(ADMIN, body("namespace", "n", "visibility", "shared")),
                ErrorCategory.INVALID,
                "'shared' is not one of ['public', 'private']");
        assertFails(
                () -> metadefs.namespaces().create(ADMIN, body("namespace", "n", "bogus", 1)),
                ErrorCategory.INVALID,
                "Additional properties are not allowed ('bogus' was unexpected)");
        assertFails(
                () -> metadefs.namespaces().create(ADMIN, body("namespace", "n", "created_at", "x")),
                ErrorCategory.FORBIDDEN,
                "Attribute 'created_at' is read-only.");
        assertFails(
                () -> metadefs.namespaces()
                        .create(
                                ADMIN,
                                body("namespace", "n", "properties", body("p", body("type", "text", "title", "P")))),
                ErrorCategory.INVALID,
                "'text' is not one of");
        assertFails(
                () -> metadefs.namespaces()
                        .create(ADMIN, body("namespace", "n", "properties", body("p", body("type", "string")))),
                ErrorCategory.INVALID,
                "'title' is a required property");
        assertFails(
                () -> metadefs.namespaces().create(MEMBER_A, body("namespace", "n")),
                ErrorCategory.FORBIDDEN,
                "add_metadef_namespace");
        assertThat(repository.listNamespaces()).isEmpty();
    }

    @Test
    void propertyDefinitionsOutsideTheSubsetAreRefused() {
        createOwnedByA("OS::N", "public");
        assertFails(
                () -> metadefs.properties()
                        .create(
                                ADMIN,
                                "OS::N",
                                body("name", "p", "type", "string", "title", "P", "confidential", true)),
                ErrorCategory.INVALID,
                "'confidential' was unexpected");
        assertFails(
                () -> metadefs.properties()
                        .create(ADMIN, "OS::N", body("name", "p", "type", "array", "title", "P", "minItems", -1)),
                ErrorCategory.INVALID,
                "-1 is less than the minimum of 0");
        assertFails(
                () -> metadefs.properties().create(ADMIN, "OS::N", body("type", "string", "title", "P")),
                ErrorCategory.INVALID,
                "'name' is a required property");
        assertFails(
                () -> metadefs.objects()
                        .create(
                                ADMIN,
                                "OS::N",
                                body(
                                        "name",
                                        "o",
                                        "properties",
                                        body("p", body("type", "string", "title", "P", "extra", 1)))),
                ErrorCategory.INVALID,
                "'extra' was unexpected");
        Map<String, Object> created = metadefs.properties()
                .create(
                        ADMIN,
                        "OS::N",
                        body(
                                "name",
                                "p",
                                "type",
                                "array",
                                "title",
                                "P",
                                "items",
                                body("type", "string", "enum", List.of("a", "b")),
                                "uniqueItems",
                                true));
        assertThat(created)
                .isEqualTo(body(
                        "name",
                        "p",
                        "type",
                        "array",
                        "title",
                        "P",
                        "items",
                        body("type", "string", "enum", List.of("a", "b")),
                        "uniqueItems",
                        true));
    }

    @Test
    void privateNamespacesAreHiddenFromOtherProjectsAndWritesNeedAdmin() {
        createOwnedByA("OS::Private", "private");
        createOwnedByA("OS::Public", "public");

        assertThat(metadefs.namespaces().get(READER_A, "OS::Private", null)).containsEntry("owner", "project-a");
        assertFails(() -> metadefs.namespaces().get(MEMBER_B, "OS::Private", null), ErrorCategory.NOT_FOUND, "");
        assertThat(metadefs.namespaces().get(MEMBER_B, "OS::Public", null)).containsEntry("visibility", "public");
        assertFails(
                () -> metadefs.objects().create(MEMBER_A, "OS::Private", body("name", "o")),
                ErrorCategory.FORBIDDEN,
                "add_metadef_object");
        assertFails(
                () -> metadefs.objects().create(MEMBER_B, "OS::Private", body("name", "o")),
                ErrorCategory.NOT_FOUND,
                "");
        assertFails(
                () -> metadefs.tags().create(MEMBER_B, "OS::Public", "t"), ErrorCategory.FORBIDDEN, "add_metadef_tag");
        assertFails(
                () -> metadefs.namespaces().delete(MEMBER_A, "OS::Public"),
                ErrorCategory.FORBIDDEN,
                "delete_metadef_namespace");

        List<String> seenByB = names(metadefs.namespaces().list(MEMBER_B, ListParameters.empty()));
        assertThat(seenByB).containsExactly("OS::Public");
        assertThat(names(metadefs.namespaces().list(READER_A, ListParameters.empty())))
                .containsExactly("OS::Public", "OS::Private");
        assertFails(
                () -> metadefs.namespaces().list(CoreFixture.OWNER_MEMBER_WITHOUT_READER, ListParameters.empty()),
                ErrorCategory.NOT_FOUND,
                "");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(MetadefNamespacePage page) {
        return page.namespaces().stream()
                .map(ns -> (String) ns.get("namespace"))
                .toList();
    }

    @Test
    void namespacesPageSortAndFilter() {
        for (String name : List.of("b", "c", "a", "d")) {
            metadefs.namespaces()
                    .create(ADMIN, body("namespace", name, "visibility", name.equals("c") ? "private" : "public"));
        }
        metadefs.resourceTypes().associate(ADMIN, "a", body("name", "OS::Cinder::Volume"));
        metadefs.resourceTypes().associate(ADMIN, "d", body("name", "OS::Nova::Flavor"));

        MetadefNamespacePage first = metadefs.namespaces()
                .list(ADMIN, ListParameters.of(Map.of("sort_key", "namespace", "sort_dir", "asc", "limit", "2")));
        assertThat(names(first)).containsExactly("a", "b");
        assertThat(first.nextMarker()).isEqualTo("b");
        MetadefNamespacePage second = metadefs.namespaces()
                .list(
                        ADMIN,
                        ListParameters.of(
                                Map.of("sort_key", "namespace", "sort_dir", "asc", "limit", "2", "marker", "b")));
        assertThat(names(second)).containsExactly("c", "d");
        assertThat(names(metadefs.namespaces().list(ADMIN, ListParameters.of(Map.of("visibility", "private")))))
                .containsExactly("c");
        assertThat(names(metadefs.namespaces()
                        .list(
                                ADMIN,
                                ListParameters.of(Map.of(
                                        "resource_types",
                                        "OS::Nova::Flavor,OS::Cinder::Volume",
                                        "sort_key",
                                        "namespace")))))
                .containsExactly("d", "a");
        assertThat(first.namespaces().get(0).get("resource_type_associations"))
                .asList()
                .hasSize(1);
        assertThat(metadefs.namespaces()
                        .list(ADMIN, ListParameters.of(Map.of("limit", "0")))
                        .namespaces())
                .isEmpty();
        assertFails(
                () -> metadefs.namespaces().list(ADMIN, ListParameters.of(Map.of("marker", "zz"))),
                ErrorCategory.NOT_FOUND,
                "zz");
        assertFails(
                () -> metadefs.namespaces().list(ADMIN, ListParameters.of(Map.of("sort_dir", "up"))),
                ErrorCategory.INVALID,
                "Invalid sort direction: up");
        assertFails(
                () -> metadefs.namespaces().list(ADMIN, ListParameters.of(Map.of("limit", "-1"))),
                ErrorCategory.INVALID,
                "limit param must be positive");
        assertFails(
                () -> metadefs.namespaces().list(ADMIN, ListParameters.of(Map.of("visibility", "shared"))),
                ErrorCategory.INVALID,
                "Invalid visibility value: shared");
    }

    @Test
    void protectedNamespacesKeepEverythingUntilUnprotected() {
        metadefs.namespaces()
                .create(
                        ADMIN,
                        body(
                                "namespace",
                                "OS::Locked",
                                "protected",
                                true,
                                "objects",
                                List.of(body("name", "o")),
                                "tags",
                                List.of(body("name", "t")),
                                "properties",
                                body("p", body("type", "string", "title", "P")),
                                "resource_type_associations",
                                List.of(body("name", "OS::Glance::Image"))));
        assertFails(
                () -> metadefs.namespaces().delete(ADMIN, "OS::Locked"),
                ErrorCategory.FORBIDDEN,
                "is protected and cannot be deleted");
        assertFails(() -> metadefs.namespaces().deleteTags(ADMIN, "OS::Locked"), ErrorCategory.FORBIDDEN, "protected");
        assertFails(() -> metadefs.objects().delete(ADMIN, "OS::Locked", "o"), ErrorCategory.FORBIDDEN, "protected");
        assertFails(() -> metadefs.properties().delete(ADMIN, "OS::Locked", "p"), ErrorCategory.FORBIDDEN, "protected");
        assertFails(() -> metadefs.tags().delete(ADMIN, "OS::Locked", "t"), ErrorCategory.FORBIDDEN, "protected");
        assertFails(
                () -> metadefs.resourceTypes().dissociate(ADMIN, "OS::Locked", "OS::Glance::Image"),
                ErrorCategory.FORBIDDEN,
                "protected");

        metadefs.namespaces().update(ADMIN, "OS::Locked", body("namespace", "OS::Unlocked"));
        assertThat(metadefs.objects().get(ADMIN, "OS::Unlocked", "o"))
                .containsEntry("self", "/v2/metadefs/namespaces/OS::Unlocked/objects/o");
        metadefs.namespaces().deleteObjects(ADMIN, "OS::Unlocked");
        assertThat(metadefs.objects()
                        .list(ADMIN, "OS::Unlocked", ListParameters.empty())
                        .get("objects"))
                .asList()
                .isEmpty();
        metadefs.namespaces().delete(ADMIN, "OS::Unlocked");
        assertThat(repository.listNamespaces()).isEmpty();
        assertThat(metadefs.resourceTypes().list(ADMIN).get("resource_types"))
                .asList()
                .hasSize(1);
    }

    @Test
    void objectUpdatesReplaceTheWholeObject() {
        createOwnedByA("OS::N", "public");
        metadefs.objects()
                .create(
                        ADMIN,
                        "OS::N",
                        body(
                                "name",
                                "o",
                                "description",
                                "d",
                                "required",
                                List.of("p"),
                                "properties",
                                body("p", body("type", "string", "title", "P"))));
        Map<String, Object> updated = metadefs.objects().update(ADMIN, "OS::N", "o", body("name", "o2"));
        assertThat(updated)
                .containsEntry("name", "o2")
                .containsEntry("required", List.of())
                .doesNotContainKeys("description", "properties");
        assertFails(() -> metadefs.objects().get(ADMIN, "OS::N", "o"), ErrorCategory.NOT_FOUND, "name=o ");
        metadefs.objects().create(ADMIN, "OS::N", body("name", "o3"));
        assertFails(
                () -> metadefs.objects().update(ADMIN, "OS::N", "o3", body("name", "o2")),
                ErrorCategory.CONFLICT,
                "o2");
        assertFails(() -> metadefs.objects().create(ADMIN, "OS::N", body("name", "o3")), ErrorCategory.CONFLICT, "o3");
    }

    @Test
    void tagsReplaceUnlessAppendedAndPage() {
        createOwnedByA("OS::N", "public");
        metadefs.tags().create(ADMIN, "OS::N", "old");
        metadefs.tags().createMany(ADMIN, "OS::N", body("tags", List.of(body("name", "b"), body("name", "a"))), false);
        metadefs.tags().createMany(ADMIN, "OS::N", body("tags", List.of(body("name", "c"))), true);
        assertThat(metadefs.tags()
                        .list(ADMIN, "OS::N", ListParameters.of(Map.of("sort_key", "name", "sort_dir", "asc")))
                        .get("tags"))
                .isEqualTo(List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c")));
        assertThat(metadefs.tags()
                        .list(
                                ADMIN,
                                "OS::N",
                                ListParameters.of(
                                        Map.of("sort_key", "name", "sort_dir", "asc", "marker", "a", "limit", "1")))
                        .get("tags"))
                .isEqualTo(List.of(Map.of("name", "b")));
        assertFails(
                () -> metadefs.tags().createMany(ADMIN, "OS::N", body("tags", List.of(body("name", "a"))), true),
                ErrorCategory.CONFLICT,
                "a");
        assertFails(
                () -> metadefs.tags().createMany(ADMIN, "OS::N", body("tags", List.of(body("nam", "a"))), false),
                ErrorCategory.INVALID,
                "'name' is a required property");
        assertFails(() -> metadefs.tags().create(ADMIN, "OS::N", "x".repeat(81)), ErrorCategory.INVALID, "too long");
        assertThat(metadefs.tags().update(ADMIN, "OS::N", "a", body("name", "z")))
                .containsEntry("name", "z");
        assertFails(() -> metadefs.tags().update(ADMIN, "OS::N", "z", body("name", "b")), ErrorCategory.CONFLICT, "b");
    }

    /**
     * The steps every named item of a namespace shares, kind by kind: an unknown namespace first, then a bad body
     * or tag name before the policy, the kind's policy rule before the item's existence, then Glance's not-found
     * message, and protection last.
     */
    @Test
    void everyKindOfItemChecksInGlancesOrder() {
        createOwnedByA("OS::Mine", "private");
        for (String kind : List.of("object", "property", "tag")) {
            assertFails(
                    () -> create(MEMBER_A, kind, "OS::Nowhere", "x"),
                    ErrorCategory.NOT_FOUND,
                    "Namespace OS::Nowhere not found");
            assertFails(
                    () -> create(MEMBER_B, kind, "OS::Mine", "x"),
                    ErrorCategory.NOT_FOUND,
                    "Namespace OS::Mine not found");
            assertFails(() -> create(MEMBER_A, kind, "OS::Mine", "x".repeat(81)), ErrorCategory.INVALID, "too long");
            assertFails(
                    () -> create(MEMBER_A, kind, "OS::Mine", "x"),
                    ErrorCategory.FORBIDDEN,
                    "You are not authorized to complete add_metadef_" + kind + " action.");
            String missing =
                    "The metadata definition " + kind + " with name=gone was not found in" + " namespace=OS::Mine.";
            assertFails(() -> show(ADMIN, kind, "OS::Mine", "gone"), ErrorCategory.NOT_FOUND, missing);
            assertFails(
                    () -> update(MEMBER_A, kind, "OS::Mine", "gone", "y"),
                    ErrorCategory.FORBIDDEN,
                    "modify_metadef_" + kind);
            assertFails(() -> update(ADMIN, kind, "OS::Mine", "gone", "y"), ErrorCategory.NOT_FOUND, missing);
            String deleteRule = kind.equals("property") ? "remove_metadef_property" : "delete_metadef_" + kind;
            assertFails(() -> delete(MEMBER_A, kind, "OS::Mine", "gone"), ErrorCategory.FORBIDDEN, deleteRule);
            assertFails(() -> delete(ADMIN, kind, "OS::Mine", "gone"), ErrorCategory.NOT_FOUND, missing);

            create(ADMIN, kind, "OS::Mine", "x");
            assertThat(show(MEMBER_A, kind, "OS::Mine", "x")).containsEntry("name", "x");
            assertThat(update(ADMIN, kind, "OS::Mine", "x", "y")).containsEntry("name", "y");
            assertFails(
                    () -> create(ADMIN, kind, "OS::Mine", "y"),
                    ErrorCategory.CONFLICT,
                    "A metadata definition " + kind + " with name=y already exists in namespace=OS::Mine.");
            metadefs.namespaces()
                    .update(
                            ADMIN,
                            "OS::Mine",
                            body(
                                    "namespace",
                                    "OS::Mine",
                                    "visibility",
                                    "private",
                                    "owner",
                                    CoreFixture.OWNER_PROJECT,
                                    "protected",
                                    true));
            assertFails(
                    () -> delete(ADMIN, kind, "OS::Mine", "y"),
                    ErrorCategory.FORBIDDEN,
                    "Metadata definition " + kind + " y is protected and cannot be deleted.");
            metadefs.namespaces()
                    .update(
                            ADMIN,
                            "OS::Mine",
                            body(
                                    "namespace",
                                    "OS::Mine",
                                    "visibility",
                                    "private",
                                    "owner",
                                    CoreFixture.OWNER_PROJECT,
                                    "protected",
                                    false));
            delete(ADMIN, kind, "OS::Mine", "y");
            assertFails(() -> show(ADMIN, kind, "OS::Mine", "y"), ErrorCategory.NOT_FOUND, "with name=y ");
        }
    }

    private Map<String, Object> create(RequestContext context, String kind, String namespace, String name) {
        return switch (kind) {
            case "object" -> metadefs.objects().create(context, namespace, body("name", name));
            case "property" ->
                metadefs.properties().create(context, namespace, body("name", name, "type", "string", "title", "T"));
            default -> metadefs.tags().create(context, namespace, name);
        };
    }

    private Map<String, Object> show(RequestContext context, String kind, String namespace, String name) {
        return switch (kind) {
            case "object" -> metadefs.objects().get(context, namespace, name);
            case "property" -> metadefs.properties().get(context, namespace, name, null);
            default -> metadefs.tags().get(context, namespace, name);
        };
    }

    private Map<String, Object> update(
            RequestContext context, String kind, String namespace, String name, String newName) {
        return switch (kind) {
            case "object" -> metadefs.objects().update(context, namespace, name, body("name", newName));
            case "property" ->
                metadefs.properties()
                        .update(context, namespace, name, body("name", newName, "type", "string", "title", "T"));
            default -> metadefs.tags().update(context, namespace, name, body("name", newName));
        };
    }

    private void delete(RequestContext context, String kind, String namespace, String name) {
        switch (kind) {
            case "object" -> metadefs.objects().delete(context, namespace, name);
            case "property" -> metadefs.properties().delete(context, namespace, name);
            default -> metadefs.tags().delete(context, namespace, name);
        }
    }

    @Test
    void theCatalogLoadsOnceAndExportsWhatItLoaded() {
        Map<String, Object> document = body(
                "namespace",
                "OS::Loaded",
                "display_name",
                "Loaded",
                "resource_type_associations",
                List.of(body("name", "OS::Glance::Image", "prefix", "x_")),
                "properties",
                body("p", body("type", "string", "title", "P")),
                "objects",
                List.of(body("name", "o", "properties", body("q", body("type", "boolean", "title", "Q")))),
                "tags",
                List.of(body("name", "t")));
        assertThat(metadefs.catalog().load(document)).isEqualTo(LoadOutcome.LOADED);
        assertThat(metadefs.catalog().load(document)).isEqualTo(LoadOutcome.SKIPPED);

        assertThat(repository.findNamespace("OS::Loaded")).hasValueSatisfying(ns -> {
            assertThat(ns.owner()).isEqualTo("admin");
            assertThat(ns.visibility()).isEqualTo("private");
        });
        assertThat(repository.findResourceType("OS::Glance::Image"))
                .hasValueSatisfying(t -> assertThat(t.isProtected()).isTrue());
        List<Map<String, Object>> exported = metadefs.catalog().export();
        assertThat(exported).hasSize(1);
        InMemoryMetadefRepository other = new InMemoryMetadefRepository();
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        MetadefServices second = GlanceCore.builder()
                .images(new InMemoryImageRepository(members))
                .members(members)
                .metadefs(other)
                .clock(CLOCK)
                .build()
                .metadefs();
        assertThat(second.catalog().load(exported.get(0))).isEqualTo(LoadOutcome.LOADED);
        assertThat(second.namespaces().get(ADMIN, "OS::Loaded", null))
                .isEqualTo(metadefs.namespaces().get(ADMIN, "OS::Loaded", null));
        assertFails(
                () -> metadefs.catalog().load(body("display_name", "no name")),
                ErrorCategory.INVALID,
                "'namespace' is a required property");
    }

    @Test
    void defaultsAnswerAsTextAsGlanceModelsThemButAreStoredAsGiven() {
        metadefs.namespaces()
                .create(
                        ADMIN,
                        body(
                                "namespace",
                                "OS::D",
                                "properties",
                                body(
                                        "n", body("type", "integer", "title", "N", "default", 3),
                                        "b", body("type", "boolean", "title", "B", "default", true),
                                        "l", body("type", "array", "title", "L", "default", List.of(1)),
                                        "s", body("type", "string", "title", "S", "default", "x"))));
        assertThat(metadefs.properties().list(ADMIN, "OS::D").get("properties"))
                .isEqualTo(body(
                        "n", body("type", "integer", "title", "N", "default", "3"),
                        "b", body("type", "boolean", "title", "B", "default", "True"),
                        "l", body("type", "array", "title", "L", "default", null),
                        "s", body("type", "string", "title", "S", "default", "x")));
        assertThat(repository.findProperty("OS::D", "n"))
                .hasValueSatisfying(p -> assertThat(p.schema().get("default")).isEqualTo(3));
        @SuppressWarnings("unchecked")
        Map<String, Object> exported =
                (Map<String, Object>) metadefs.catalog().export().get(0).get("properties");
        assertThat(exported.get("b")).isEqualTo(body("type", "boolean", "title", "B", "default", true));
    }

    @Test
    void anOperatorPolicyOverridesTheMetadefDefaults() {
        MetadefServices opened = core(CoreSettings.defaults()
                        .withPolicyOverrides(
                                Map.of("add_metadef_namespace", "role:member", "get_metadef_namespace", "role:admin")))
                .metadefs();
        Map<String, Object> created =
                opened.namespaces().create(MEMBER_A, body("namespace", "OS::ByMember", "visibility", "public"));
        assertThat(created).containsEntry("owner", CoreFixture.OWNER_PROJECT);
        assertFails(() -> opened.namespaces().get(MEMBER_A, "OS::ByMember", null), ErrorCategory.NOT_FOUND, "");
        assertThat(opened.namespaces().get(ADMIN, "OS::ByMember", null)).containsEntry("visibility", "public");
    }

    @Test
    void theTenSchemasArePublishedAndDescribeTheirOwnLimits() {
        assertThat(metadefs.schemas().names())
                .containsExactly(
                        "namespace",
                        "namespaces",
                        "resource_type",
                        "resource_types",
                        "property",
                        "properties",
                        "object",
                        "objects",
                        "tag",
                        "tags");
        assertThat(metadefs.schemas().schema("namespace"))
                .containsEntry("name", "namespace")
                .containsEntry("required", List.of("namespace"))
                .containsEntry("additionalProperties", false);
        assertThat(metadefs.schemas().schema("resource_type")).containsEntry("name", "resource_type_association");
        assertThat(metadefs.schemas().schema("properties")).containsKey("definitions");
        assertFails(() -> metadefs.schemas().schema("nothing"), ErrorCategory.NOT_FOUND, "nothing");
    }
}
