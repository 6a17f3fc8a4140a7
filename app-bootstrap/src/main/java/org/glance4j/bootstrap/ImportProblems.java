package org.glance4j.bootstrap;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The problems {@code db import-glance} found, per record ({@code task <id>}, {@code namespace <name>}). */
final class ImportProblems {
    private final Map<String, List<String>> bySubject = new LinkedHashMap<>();

    void add(String subject, String text) {
        bySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(text);
    }

    /** How many records have at least one problem. */
    int subjects() {
        return bySubject.size();
    }

    /** One line per problem: {@code subject: text}. */
    void print(PrintStream to) {
        bySubject.forEach((subject, texts) -> texts.forEach(t -> to.println(subject + ": " + t)));
    }
}
