package io.incidentql.grammar;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finder of the valid name nearest to a misspelt one, for "did you mean" hints.
 *
 * <p>Distance is the optimal string alignment distance, ignoring case: Levenshtein's insertions,
 * deletions and substitutions, plus swaps of two adjacent characters, each costing 1, so that
 * {@code FORM} is one edit from {@code FROM} and {@code stauts} one from {@code status}.
 */
public final class NameSuggester {

    private NameSuggester() {
    }

    /**
     * Returns the candidate nearest to {@code name}, if it is near enough to be a likely
     * misspelling: at most one edit for names up to 5 characters, two up to 8, three beyond, and
     * fewer edits than the name has characters. Ties go to the candidate that comes first in
     * iteration order.
     */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        Objects.requireNonNull(name, "name");
        int limit = Math.min(maxDistance(name), name.length() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(name, candidate);
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns the number of edits, ignoring case, that turn {@code a} into {@code b}. */
    public static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        // Three rows suffice: a swap looks back two rows.
        int[] previous2 = new int[t.length() + 1];
        int[] previous = new int[t.length() + 1];
        int[] current = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    best = Math.min(best, previous2[j - 2] + 1);
                }
                current[j] = best;
            }
            int[] recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[t.length()];
    }

    private static int maxDistance(String name) {
        int length = name.length();
        return length <= 5 ? 1 : length <= 8 ? 2 : 3;
    }
}
