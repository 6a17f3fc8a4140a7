package org.glance4j.bootstrap.api;

import java.util.List;
import java.util.UUID;

/**
 * The personas of one test class: freshly named projects A, B and C, so that runs never see each
 * other's private images. C is the project the matrices share A's images with.
 */
public final class Personas {
    public final String projectA = randomProject();
    public final String projectB = randomProject();
    /** The project the matrices' images are shared with (accepted) while shared, before their visibility is set. */
    public final String projectC = randomProject();

    public final Persona adminA = Persona.of("admin of A", projectA, "admin", "member", "reader");
    public final Persona memberA = Persona.of("member of A", projectA, "member", "reader");
    public final Persona readerA = Persona.of("reader of A", projectA, "reader");
    public final Persona memberB = Persona.of("member of B", projectB, "member", "reader");
    public final Persona readerB = Persona.of("reader of B", projectB, "reader");
    public final Persona memberOnlyA = Persona.of("member-only token of A", projectA, "member");
    public final Persona imageMember = Persona.of("member of the image", projectC, "member", "reader");
    public final Persona anonymous = Persona.anonymous();

    /** Every persona, in a stable order. */
    public List<Persona> all() {
        return List.of(adminA, memberA, readerA, memberB, readerB, memberOnlyA, imageMember, anonymous);
    }

    private static String randomProject() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
