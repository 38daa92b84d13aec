package com.usersplatform.stacks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block in canonical form (no host bits set), e.g. {@code 10.0.0.0/16}.
 *
 * @param address the network address as an unsigned 32-bit value
 * @param prefixLength the prefix length, 0 to 32
 */
public record Cidr(long address, int prefixLength) {

    private static final Pattern SYNTAX =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** The whole IPv4 internet, {@code 0.0.0.0/0}. */
    public static final Cidr ANYWHERE = new Cidr(0, 0);

    /**
     * Parses {@code a.b.c.d/n}; empty when the text is not a canonical IPv4 CIDR block.
     * (AWS rejects blocks with host bits set, so {@code 10.0.0.1/16} is not accepted either.)
     */
    public static Optional<Cidr> parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (address & ~mask(prefix)) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address, prefix));
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    /** The block of {@code prefix} length that starts {@code offset} addresses into this block. */
    Cidr block(long offset, int prefix) {
        return new Cidr(address + offset, prefix);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255) + "/" + prefixLength;
    }
}
