package org.glance4j.bootstrap.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.glance4j.ports.out.store.OptionSpelling;

/** Finds the option an unknown name was probably meant to be. */
final class Misspellings {

    private Misspellings() {}

    /**
     * The candidate closest to {@code name} by edit distance ({@link OptionSpelling}), if it is close enough to be a
     * typo: at most one edit for short names, two for names of eight characters or more. The same name in another
     * section also counts; of equally close candidates, one of {@code section} is preferred.
     */
    static Optional<OptionSpec> closest(String section, String name, Collection<OptionSpec> candidates) {
        List<OptionSpec> sameSectionFirst = new ArrayList<>();
        List<OptionSpec> otherSections = new ArrayList<>();
        for (OptionSpec candidate : candidates) {
            if (!candidate.section().equals(section)) {
                otherSections.add(candidate);
            } else if (OptionSpelling.distance(name, candidate.name()) > 0) {
                sameSectionFirst.add(candidate);
            }
        }
        sameSectionFirst.addAll(otherSections);
        return OptionSpelling.closest(name, sameSectionFirst, OptionSpec::name);
    }
}
