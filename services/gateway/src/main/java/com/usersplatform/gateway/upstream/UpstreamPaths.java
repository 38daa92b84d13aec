package com.usersplatform.gateway.upstream;

import java.nio.charset.StandardCharsets;

/**
 * Builds upstream paths from decoded client values. Every byte outside RFC 3986's unreserved set is
 * percent-encoded, so a decoded {@code /}, {@code ..} or {@code %} in an id stays inside its one path segment and
 * can never address another upstream resource.
 */
public final class UpstreamPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UpstreamPaths() {
    }

    /** {@code base + "/" + encoded segment}. */
    public static String child(String base, String decodedSegment) {
        return base + "/" + encodeSegment(decodedSegment);
    }

    /** Percent-encodes a single path segment (UTF-8); {@code .} and {@code ..} are encoded too. */
    static String encodeSegment(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            return segment.replace(".", "%2E");
        }
        if (unreserved(segment)) {
            return segment; // the usual id: nothing to encode, so no copy
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (unreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (!unreserved(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 section 2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean unreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
