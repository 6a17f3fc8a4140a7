package org.glance4j.bootstrap.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the option an unknown name was probably meant to be. */
final class Misspellings {

    private Misspellings() {
    }

    /**
     * The candidate closest to {@code name} by edit distance, if it is close enough to be a typo: at most one edit
     * for short names, two for names of eight characters or more. The same name in another section also counts.
     */
    static Optional<OptionSpec> closest(String section, String name, Collection<OptionSpec> candidates) {
        int allowed = name.length() >= 8 ? 2 : 1;
        OptionSpec best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (OptionSpec candidate : candidates) {
            int distance = distance(name, candidate.name());
            if (distance == 0 && candidate.section().equals(section)) {
                continue;
            }
            if (distance < bestDistance || (distance == bestDistance && candidate.section().equals(section))) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, case-insensitive, with {@code -} and {@code _} treated alike. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        String y = b.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
