package org.glance4j.ports.testing.metadef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MetadefRepository} must meet. Extend it and return a fresh, empty repository from
 * {@link #createRepository()} (called before each test).
 *
 * <p>JSON values (object and property definitions) must come back equal as JDK values: integers that fit an
 * {@code int} as {@link Integer}, fractions as {@link Double}, objects keeping their key order.
 */
public abstract class MetadefRepositoryContractTest {

    /** A new, empty repository. */
    protected abstract MetadefRepository createRepository();

    /** A time with nanoseconds, to prove they survive. */
    protected static final Instant T0 = Instant.parse("2024-03-01T10:15:30.123456789Z");

    protected static final Instant T1 = T0.plusSeconds(60);

    protected MetadefRepository repo;

    @BeforeEach
    final void createTheRepository() {
        repo = createRepository();
    }

    static MetadefNamespace namespace(String name) {
        return new MetadefNamespace(name, "Display " + name, "About " + name, "public", false, "p-owner", T0, T0);
    }

    static MetadefObject object(String ns, String name) {
        return new MetadefObject(
                ns, name, "an object", List.of("a"), Map.of("a", Map.of("type", "string", "title", "A")), T0, T0);
    }

    static MetadefProperty property(String ns, String name) {
        return new MetadefProperty(ns, name, Map.of("type", "integer", "title", name, "minimum", 1));
    }

    static MetadefTag tag(String ns, String name) {
        return new MetadefTag(ns, name, T0, T0);
    }

    static MetadefResourceTypeAssociation association(String ns, String type) {
        return new MetadefResourceTypeAssociation(ns, type, "hw_", "image", T0, T0);
    }

    private void add(String name) {
        repo.addNamespace(MetadefNamespaceContent.of(namespace(name)));
    }

    private static void assertCategory(Runnable call, ErrorCategory category) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(category));
    }

    @Test
    void aNamespaceRoundTripsWithEveryField() {
        MetadefNamespace ns = new MetadefNamespace("OS::Test", null, null, "private", true, null, T0, T1);
        repo.addNamespace(MetadefNamespaceContent.of(ns));
        MetadefNamespace full = namespace("OS::Full");
        repo.addNamespace(MetadefNamespaceContent.of(full));

        assertThat(repo.findNamespace("OS::Test")).contains(ns);
        assertThat(repo.findNamespace("OS::Full")).contains(full);
        assertThat(repo.findNamespace("os::test")).as("names compare exactly").isEmpty();
        assertThat(repo.findNamespace("OS::Missing")).isEmpty();
    }

    @Test
    void aTakenNamespaceNameIsAConflictAndChangesNothing() {
        add("OS::A");
        MetadefNamespace other = new MetadefNamespace("OS::A", "other", null, "private", false, "x", T1, T1);
        assertCategory(() -> repo.addNamespace(MetadefNamespaceContent.of(other)), ErrorCategory.CONFLICT);
        assertThat(repo.findNamespace("OS::A")).contains(namespace("OS::A"));
    }

    @Test
    void namespacesListInTheOrderAdded() {
        for (String name : List.of("OS::C", "OS::A", "OS::B")) {
            add(name);
        }
        assertThat(repo.listNamespaces())
                .extracting(MetadefNamespace::namespace)
                .containsExactly("OS::C", "OS::A", "OS::B");
    }

    @Test
    void aNamespaceWithContentIsStoredWhole() {
        MetadefNamespaceContent content = new MetadefNamespaceContent(
                namespace("OS::N"),
                List.of(association("OS::N", "OS::Glance::Image"), association("OS::N", "OS::Nova::Flavor")),
                List.of(property("OS::N", "p2"), property("OS::N", "p1")),
                List.of(object("OS::N", "o2"), object("OS::N", "o1")),
                List.of(tag("OS::N", "t2"), tag("OS::N", "t1")));
        repo.addNamespace(content);

        assertThat(repo.listAssociations("OS::N")).containsExactlyElementsOf(content.associations());
        assertThat(repo.listProperties("OS::N")).containsExactlyElementsOf(content.properties());
        assertThat(repo.listObjects("OS::N")).containsExactlyElementsOf(content.objects());
        assertThat(repo.listTags("OS::N")).containsExactlyElementsOf(content.tags());
        assertThat(repo.listResourceTypes())
                .extracting(MetadefResourceType::name)
                .containsExactlyInAnyOrder("OS::Glance::Image", "OS::Nova::Flavor");
        assertThat(repo.findResourceType("OS::Glance::Image"))
                .hasValueSatisfying(t -> assertThat(t.isProtected())
                        .as("created by an association: unprotected")
                        .isFalse());
    }

    @Test
    void contentThatRepeatsANameIsAConflictAndStoresNothing() {
        List<MetadefNamespaceContent> bad = List.of(
                new MetadefNamespaceContent(
                        namespace("OS::N"),
                        List.of(),
                        List.of(),
                        List.of(object("OS::N", "o"), object("OS::N", "o")),
                        List.of()),
                new MetadefNamespaceContent(
                        namespace("OS::N"),
                        List.of(),
                        List.of(property("OS::N", "p"), property("OS::N", "p")),
                        List.of(),
                        List.of()),
                new MetadefNamespaceContent(
                        namespace("OS::N"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(tag("OS::N", "t"), tag("OS::N", "t"))),
                new MetadefNamespaceContent(
                        namespace("OS::N"),
                        List.of(association("OS::N", "OS::X"), association("OS::N", "OS::X")),
                        List.of(),
                        List.of(),
                        List.of()));
        for (MetadefNamespaceContent content : bad) {
            assertCategory(() -> repo.addNamespace(content), ErrorCategory.CONFLICT);
            assertThat(repo.findNamespace("OS::N")).isEmpty();
        }
        assertThat(repo.listResourceTypes()).isEmpty();
    }

    @Test
    void jsonDefinitionsRoundTripExactly() {
        add("OS::J");
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("type", "string");
        items.put("enum", List.of("a", "b"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("title", "Ünïcode \"quoted\" \\ title");
        schema.put("type", "array");
        schema.put("minimum", 0);
        schema.put("maximum", 2.5);
        schema.put("big", 12345678901L);
        schema.put("readonly", true);
        schema.put("default", null);
        schema.put("items", items);
        repo.addProperty(new MetadefProperty("OS::J", "p", schema));
        repo.addObject(new MetadefObject("OS::J", "o", null, List.of(), Map.of("p", schema), T0, T1));

        assertThat(repo.findProperty("OS::J", "p")).hasValueSatisfying(p -> {
            assertThat(p.schema()).isEqualTo(schema);
            assertThat(new ArrayList<>(p.schema().keySet())).containsExactlyElementsOf(schema.keySet());
        });
        assertThat(repo.findObject("OS::J", "o")).hasValueSatisfying(o -> {
            assertThat(o.properties()).isEqualTo(Map.of("p", schema));
            assertThat(o.description()).isNull();
            assertThat(o.required()).isEmpty();
            assertThat(o.updatedAt()).isEqualTo(T1);
        });
    }

    @Test
    void renamingANamespaceCarriesItsContent() {
        repo.addNamespace(new MetadefNamespaceContent(
                namespace("OS::Old"),
                List.of(association("OS::Old", "OS::Glance::Image")),
                List.of(property("OS::Old", "p")),
                List.of(object("OS::Old", "o")),
                List.of(tag("OS::Old", "t"))));
        add("OS::Later");
        MetadefNamespace renamed = new MetadefNamespace("OS::New", "d", "x", "private", true, "p2", T0, T1);

        repo.updateNamespace("OS::Old", renamed);

        assertThat(repo.findNamespace("OS::Old")).isEmpty();
        assertThat(repo.findNamespace("OS::New")).contains(renamed);
        assertThat(repo.listNamespaces())
                .extracting(MetadefNamespace::namespace)
                .as("a rename keeps the place")
                .containsExactly("OS::New", "OS::Later");
        assertThat(repo.listObjects("OS::New")).containsExactly(object("OS::New", "o"));
        assertThat(repo.listProperties("OS::New")).containsExactly(property("OS::New", "p"));
        assertThat(repo.listTags("OS::New")).containsExactly(tag("OS::New", "t"));
        assertThat(repo.listAssociations("OS::New")).containsExactly(association("OS::New", "OS::Glance::Image"));
        assertThat(repo.listObjects("OS::Old")).isEmpty();
        assertThat(repo.listAllAssociations())
                .extracting(MetadefResourceTypeAssociation::namespace)
                .containsExactly("OS::New");
    }

    @Test
    void updatingANamespaceChecksNameAndExistence() {
        add("OS::A");
        add("OS::B");
        assertCategory(() -> repo.updateNamespace("OS::A", namespace("OS::B")), ErrorCategory.CONFLICT);
        assertThat(repo.findNamespace("OS::A")).contains(namespace("OS::A"));
        assertCategory(() -> repo.updateNamespace("OS::Missing", namespace("OS::Missing")), ErrorCategory.NOT_FOUND);
        MetadefNamespace changed = new MetadefNamespace("OS::A", null, null, "private", true, "p9", T0, T1);
        repo.updateNamespace("OS::A", changed);
        assertThat(repo.findNamespace("OS::A")).contains(changed);
    }

    @Test
    void removingANamespaceRemovesItsContentButNotResourceTypes() {
        repo.addNamespace(new MetadefNamespaceContent(
                namespace("OS::Gone"),
                List.of(association("OS::Gone", "OS::Glance::Image")),
                List.of(property("OS::Gone", "p")),
                List.of(object("OS::Gone", "o")),
                List.of(tag("OS::Gone", "t"))));

        assertThat(repo.removeNamespace("OS::Gone")).isTrue();
        assertThat(repo.removeNamespace("OS::Gone")).isFalse();
        assertThat(repo.findNamespace("OS::Gone")).isEmpty();
        assertThat(repo.listObjects("OS::Gone")).isEmpty();
        assertThat(repo.listProperties("OS::Gone")).isEmpty();
        assertThat(repo.listTags("OS::Gone")).isEmpty();
        assertThat(repo.listAssociations("OS::Gone")).isEmpty();
        assertThat(repo.listAllAssociations()).isEmpty();
        assertThat(repo.listResourceTypes())
                .extracting(MetadefResourceType::name)
                .containsExactly("OS::Glance::Image");

        repo.addNamespace(MetadefNamespaceContent.of(namespace("OS::Gone")));
        assertThat(repo.listObjects("OS::Gone"))
                .as("a namespace of the same name starts empty")
                .isEmpty();
    }

    @Test
    void removingAllOfOneKindLeavesTheOthers() {
        repo.addNamespace(new MetadefNamespaceContent(
                namespace("OS::N"),
                List.of(),
                List.of(property("OS::N", "p1"), property("OS::N", "p2")),
                List.of(object("OS::N", "o")),
                List.of(tag("OS::N", "t1"), tag("OS::N", "t2"), tag("OS::N", "t3"))));
        add("OS::Other");
        repo.addTag(tag("OS::Other", "t1"));

        assertThat(repo.removeTags("OS::N")).isEqualTo(3);
        assertThat(repo.listTags("OS::N")).isEmpty();
        assertThat(repo.listTags("OS::Other")).hasSize(1);
        assertThat(repo.listProperties("OS::N")).hasSize(2);
        assertThat(repo.removeProperties("OS::N")).isEqualTo(2);
        assertThat(repo.removeObjects("OS::N")).isEqualTo(1);
        assertThat(repo.removeObjects("OS::N")).isZero();
        assertThat(repo.findNamespace("OS::N")).isPresent();
        assertCategory(() -> repo.removeTags("OS::Missing"), ErrorCategory.NOT_FOUND);
        assertCategory(() -> repo.removeObjects("OS::Missing"), ErrorCategory.NOT_FOUND);
        assertCategory(() -> repo.removeProperties("OS::Missing"), ErrorCategory.NOT_FOUND);
    }

    @Test
    void objectsAreAddedFoundUpdatedAndRemoved() {
        add("OS::N");
        repo.addObject(object("OS::N", "b"));
        repo.addObject(object("OS::N", "a"));
        repo.addObject(object("OS::N", "c"));
        assertCategory(() -> repo.addObject(object("OS::N", "a")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.addObject(object("OS::Missing", "a")), ErrorCategory.NOT_FOUND);

        MetadefObject renamed = new MetadefObject("OS::N", "z", "new", List.of(), Map.of(), T0, T1);
        repo.updateObject("a", renamed);
        assertThat(repo.listObjects("OS::N")).extracting(MetadefObject::name).containsExactly("b", "z", "c");
        assertThat(repo.findObject("OS::N", "z")).contains(renamed);
        assertThat(repo.findObject("OS::N", "a")).isEmpty();
        assertCategory(() -> repo.updateObject("b", object("OS::N", "c")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.updateObject("a", object("OS::N", "a")), ErrorCategory.NOT_FOUND);
        assertThat(repo.findObject("OS::N", "b")).contains(object("OS::N", "b"));

        assertThat(repo.removeObject("OS::N", "b")).isTrue();
        assertThat(repo.removeObject("OS::N", "b")).isFalse();
        assertThat(repo.removeObject("OS::Missing", "b")).isFalse();
        assertThat(repo.findObject("OS::Missing", "b")).isEmpty();
        assertThat(repo.listObjects("OS::Missing")).isEmpty();
    }

    @Test
    void theSameNameMayServeInTwoNamespaces() {
        add("OS::A");
        add("OS::B");
        repo.addObject(object("OS::A", "o"));
        repo.addObject(object("OS::B", "o"));
        repo.addProperty(property("OS::A", "p"));
        repo.addProperty(property("OS::B", "p"));
        repo.addTag(tag("OS::A", "t"));
        repo.addTag(tag("OS::B", "t"));
        repo.addAssociation(association("OS::A", "OS::X"));
        repo.addAssociation(association("OS::B", "OS::X"));
        assertThat(repo.removeObject("OS::A", "o")).isTrue();
        assertThat(repo.findObject("OS::B", "o")).isPresent();
        assertThat(repo.listAllAssociations()).hasSize(2);
        assertThat(repo.listResourceTypes()).hasSize(1);
    }

    @Test
    void propertiesAreAddedFoundUpdatedAndRemoved() {
        add("OS::N");
        repo.addProperty(property("OS::N", "b"));
        repo.addProperty(property("OS::N", "a"));
        assertCategory(() -> repo.addProperty(property("OS::N", "a")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.addProperty(property("OS::Missing", "a")), ErrorCategory.NOT_FOUND);

        MetadefProperty renamed = new MetadefProperty("OS::N", "c", Map.of("type", "string", "title", "C"));
        repo.updateProperty("b", renamed);
        assertThat(repo.listProperties("OS::N")).containsExactly(renamed, property("OS::N", "a"));
        assertCategory(() -> repo.updateProperty("c", property("OS::N", "a")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.updateProperty("b", property("OS::N", "b")), ErrorCategory.NOT_FOUND);
        MetadefProperty same = new MetadefProperty("OS::N", "a", Map.of("type", "boolean", "title", "A"));
        repo.updateProperty("a", same);
        assertThat(repo.findProperty("OS::N", "a")).contains(same);

        assertThat(repo.removeProperty("OS::N", "a")).isTrue();
        assertThat(repo.removeProperty("OS::N", "a")).isFalse();
        assertThat(repo.findProperty("OS::Missing", "a")).isEmpty();
    }

    @Test
    void tagsAreAddedRenamedAndRemoved() {
        add("OS::N");
        repo.addTag(tag("OS::N", "one"));
        repo.addTag(tag("OS::N", "two"));
        assertCategory(() -> repo.addTag(tag("OS::N", "one")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.addTag(tag("OS::Missing", "one")), ErrorCategory.NOT_FOUND);

        MetadefTag renamed = new MetadefTag("OS::N", "uno", T0, T1);
        repo.updateTag("one", renamed);
        assertThat(repo.listTags("OS::N")).containsExactly(renamed, tag("OS::N", "two"));
        assertCategory(() -> repo.updateTag("uno", tag("OS::N", "two")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.updateTag("one", tag("OS::N", "x")), ErrorCategory.NOT_FOUND);
        assertThat(repo.findTag("OS::N", "uno")).contains(renamed);
        assertThat(repo.removeTag("OS::N", "uno")).isTrue();
        assertThat(repo.removeTag("OS::N", "uno")).isFalse();
    }

    @Test
    void severalTagsReplaceOrAppendAllOrNothing() {
        add("OS::N");
        repo.addTag(tag("OS::N", "old"));

        repo.addTags("OS::N", List.of(tag("OS::N", "a"), tag("OS::N", "b")), false);
        assertThat(repo.listTags("OS::N")).extracting(MetadefTag::name).containsExactly("a", "b");

        repo.addTags("OS::N", List.of(tag("OS::N", "c")), true);
        assertThat(repo.listTags("OS::N")).extracting(MetadefTag::name).containsExactly("a", "b", "c");

        assertCategory(
                () -> repo.addTags("OS::N", List.of(tag("OS::N", "d"), tag("OS::N", "a")), true),
                ErrorCategory.CONFLICT);
        assertCategory(
                () -> repo.addTags("OS::N", List.of(tag("OS::N", "x"), tag("OS::N", "x")), false),
                ErrorCategory.CONFLICT);
        assertThat(repo.listTags("OS::N"))
                .as("failed calls change nothing")
                .extracting(MetadefTag::name)
                .containsExactly("a", "b", "c");

        repo.addTags("OS::N", List.of(tag("OS::N", "c"), tag("OS::N", "a")), false);
        assertThat(repo.listTags("OS::N"))
                .as("replacing may reuse names")
                .extracting(MetadefTag::name)
                .containsExactly("c", "a");
        repo.addTags("OS::N", List.of(), false);
        assertThat(repo.listTags("OS::N")).isEmpty();
        assertCategory(
                () -> repo.addTags("OS::Missing", List.of(tag("OS::Missing", "a")), true), ErrorCategory.NOT_FOUND);
    }

    @Test
    void resourceTypesAppearWithAssociationsAndStay() {
        add("OS::N");
        add("OS::M");
        MetadefResourceType seeded = new MetadefResourceType("OS::Seeded", true, T0, T0);
        assertThat(repo.addResourceType(seeded)).isTrue();
        assertThat(repo.addResourceType(new MetadefResourceType("OS::Seeded", false, T1, T1)))
                .isFalse();
        assertThat(repo.findResourceType("OS::Seeded")).contains(seeded);

        repo.addAssociation(association("OS::N", "OS::Seeded"));
        repo.addAssociation(new MetadefResourceTypeAssociation("OS::N", "OS::New", null, null, T1, T1));
        repo.addAssociation(association("OS::M", "OS::New"));
        assertCategory(() -> repo.addAssociation(association("OS::N", "OS::New")), ErrorCategory.CONFLICT);
        assertCategory(() -> repo.addAssociation(association("OS::Missing", "OS::Z")), ErrorCategory.NOT_FOUND);
        assertThat(repo.findResourceType("OS::Z"))
                .as("nothing for a failed association")
                .isEmpty();

        assertThat(repo.findResourceType("OS::Seeded")).contains(seeded);
        assertThat(repo.findResourceType("OS::New")).contains(new MetadefResourceType("OS::New", false, T1, T1));
        assertThat(repo.listResourceTypes())
                .extracting(MetadefResourceType::name)
                .containsExactly("OS::Seeded", "OS::New");
        assertThat(repo.listAssociations("OS::N"))
                .containsExactly(
                        association("OS::N", "OS::Seeded"),
                        new MetadefResourceTypeAssociation("OS::N", "OS::New", null, null, T1, T1));
        Map<String, List<String>> byNamespace = new HashMap<>();
        repo.listAllAssociations()
                .forEach(a -> byNamespace
                        .computeIfAbsent(a.namespace(), k -> new ArrayList<>())
                        .add(a.name()));
        assertThat(byNamespace)
                .isEqualTo(Map.of("OS::N", List.of("OS::Seeded", "OS::New"), "OS::M", List.of("OS::New")));

        assertThat(repo.removeAssociation("OS::N", "OS::New")).isTrue();
        assertThat(repo.removeAssociation("OS::N", "OS::New")).isFalse();
        assertThat(repo.removeAssociation("OS::Missing", "OS::New")).isFalse();
        assertThat(repo.listAssociations("OS::N"))
                .extracting(MetadefResourceTypeAssociation::name)
                .containsExactly("OS::Seeded");
        assertThat(repo.findResourceType("OS::New")).isPresent();
    }

    @Test
    void manyWritersAtOnceKeepEveryNameUnique() throws Exception {
        add("OS::N");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] added = new int[1];
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (String name : Arrays.asList("a", "b", "c", "d", "e")) {
                    try {
                        repo.addTag(tag("OS::N", name));
                        synchronized (added) {
                            added[0]++;
                        }
                    } catch (GlanceException e) {
                        if (e.category() != ErrorCategory.CONFLICT) {
                            unexpected.add(e);
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(unexpected).isEmpty();
        assertThat(added[0]).isEqualTo(5);
        assertThat(repo.listTags("OS::N"))
                .extracting(MetadefTag::name)
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }
}
