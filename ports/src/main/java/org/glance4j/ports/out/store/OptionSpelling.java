package org.glance4j.ports.out.store;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which known option an unknown option name was probably meant to be, by edit distance (case-insensitive, with
 * {@code -} and {@code _} alike). One rule for the options of store sections and for the server's own options.
 */
public final class OptionSpelling {

    private OptionSpelling() {}

    /**
     * The candidate whose name is closest to {@code name}, if it is close enough to be a typo: at most one edit away
     * for names shorter than eight characters, two for longer ones. Of equally close candidates, the first.
     *
     * @param nameOf the name of a candidate
     * @return empty when no candidate is close enough (or there is none)
     */
    public static <T> Optional<T> closest(
            String name, Iterable<? extends T> candidates, Function<? super T, String> nameOf) {
        int allowed = name.length() >= 8 ? 2 : 1;
        T best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (T candidate : candidates) {
            int distance = distance(name, nameOf.apply(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The Levenshtein distance of two names, case-insensitive, with {@code -} and {@code _} treated alike. */
    public static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT).replace('-', '_');
        String y = b.toLowerCase(Locale.ROOT).replace('-', '_');
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
