package com.usersplatform.stacks;

import java.util.List;

/** CIDR-list rules shared by several sections. */
final class Cidrs {

    private static final List<Cidr> PRIVATE_RANGES = List.of(
            Cidr.parse("10.0.0.0/8").orElseThrow(), Cidr.parse("172.16.0.0/12").orElseThrow(),
            Cidr.parse("192.168.0.0/16").orElseThrow(), Cidr.parse("100.64.0.0/10").orElseThrow());

    private Cidrs() {
    }

    /** Whether {@code block} lies inside an RFC 1918 or RFC 6598 (carrier-grade NAT) range. */
    static boolean isPrivate(Cidr block) {
        return PRIVATE_RANGES.stream().anyMatch(range -> range.prefixLength() <= block.prefixLength()
                && (block.address() >> (32 - range.prefixLength())) == (range.address() >> (32 - range.prefixLength())));
    }

    /** Each entry must be a CIDR block; {@code 0.0.0.0/0} is refused when {@code openAllowed} is false. */
    static void checkList(List<String> cidrs, String path, boolean openAllowed, String openReason, Problems problems) {
        for (int i = 0; i < cidrs.size(); i++) {
            String element = path + "[" + i + "]";
            var cidr = Cidr.parse(cidrs.get(i));
            problems.check(cidr.isPresent(), element,
                    "must be an IPv4 CIDR block without host bits, such as 203.0.113.0/24, got '" + cidrs.get(i) + "'");
            problems.check(openAllowed || cidr.isEmpty() || cidr.get().prefixLength() != 0, element, openReason);
        }
    }
}
