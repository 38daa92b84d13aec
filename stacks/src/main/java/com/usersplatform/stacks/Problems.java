package com.usersplatform.stacks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem of one stack config as {@code <key path>: <rule>} lines. A rule problem is dropped when
 * its key, or a sibling key in the same section, could not be read: that rule may have judged a default instead of
 * the stack's value.
 */
final class Problems {

    private final List<String> lines = new ArrayList<>();
    private final Set<String> unreadable = new HashSet<>();

    /** A value that could not be read (wrong type, malformed): rules near it would judge its default instead. */
    void unreadable(String path, String message) {
        unreadable.add(path);
        lines.add(path + ": " + message);
    }

    /** A key the model does not know; the section's other values are still read and checked. */
    void unknownKey(String path, String message) {
        lines.add(path + ": " + message);
    }

    /** A rule broken by values that were read. */
    void rule(String path, String message) {
        for (String bad : unreadable) {
            if (path.startsWith(bad) || parent(path).equals(parent(bad))) {
                return;
            }
        }
        lines.add(path + ": " + message);
    }

    /** Adds {@code message} at {@code path} unless {@code ok}. */
    void check(boolean ok, String path, String message) {
        if (!ok) {
            rule(path, message);
        }
    }

    /** Requires {@code min <= value <= max}. */
    void range(String path, long value, long min, long max) {
        check(value >= min && value <= max, path, "must be between " + min + " and " + max + ", got " + value);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private static String parent(String path) {
        int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return dot < 0 ? path : path.substring(0, dot);
    }
}
