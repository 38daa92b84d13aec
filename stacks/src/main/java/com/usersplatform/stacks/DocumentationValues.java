package com.usersplatform.stacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values that are valid but reserved for documentation, so a stack holding them can be checked and rendered but
 * not deployed: address ranges that no real machine has, and the account ids AWS uses in its examples. The example
 * stacks hold them on purpose; {@code bin/validate-stack} warns, {@code bin/preflight} refuses.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5737">RFC 5737 (IPv4 documentation ranges)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3849">RFC 3849 (IPv6 documentation prefix)</a>
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html">IAM identifiers
 *      (examples use 123456789012, 111122223333, 444455556666, 777788889999)</a>
 * @see <a href="https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html">Account
 *      identifiers (example 012345678901)</a>
 */
public final class DocumentationValues {

    /** RFC 5737 TEST-NET-1, -2 and -3. */
    private static final List<Cidr> IPV4_RANGES = List.of(Cidr.parse("192.0.2.0/24").orElseThrow(),
            Cidr.parse("198.51.100.0/24").orElseThrow(), Cidr.parse("203.0.113.0/24").orElseThrow());
    /** RFC 3849 {@code 2001:db8::/32}, written with or without the leading zero. */
    private static final Pattern IPV6_PREFIX = Pattern.compile("2001:0?db8:.*");
    /** Account ids AWS's documentation uses in example ARNs. */
    static final Set<String> EXAMPLE_ACCOUNTS =
            Set.of("123456789012", "111122223333", "444455556666", "777788889999", "012345678901");
    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12}):.*");

    private DocumentationValues() {
    }

    /** One {@code "<key path>: <why>"} line per documentation value in the stack, in key order. */
    public static List<String> of(StackConfig config) {
        List<String> found = new ArrayList<>();
        ClusterConfig cluster = config.cluster();
        String clusterPath = StackValidator.PREFIX + "cluster";
        List<String> cidrs = cluster.endpointPublicAccessCidrs();
        for (int i = 0; i < cidrs.size(); i++) {
            String cidr = cidrs.get(i);
            int index = i;
            documentationRange(cidr).ifPresent(rfc -> found.add(clusterPath + ".endpointPublicAccessCidrs[" + index
                    + "]: " + cidr + " is a documentation range (" + rfc + "); no deploy machine has such an address"));
        }
        List<String> admins = cluster.adminPrincipalArns();
        for (int i = 0; i < admins.size(); i++) {
            exampleAccount(admins.get(i), clusterPath + ".adminPrincipalArns[" + i + "]").ifPresent(found::add);
        }
        cluster.deployPrincipalArn()
                .flatMap(arn -> exampleAccount(arn, clusterPath + ".deployPrincipalArn")).ifPresent(found::add);
        config.ingress().certificateArn()
                .flatMap(arn -> exampleAccount(arn, StackValidator.PREFIX + "ingress.certificateArn")).ifPresent(found::add);
        return found;
    }

    /** The RFC that reserves {@code cidr} for documentation, or empty. */
    static Optional<String> documentationRange(String cidr) {
        if (IPV6_PREFIX.matcher(cidr.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of("RFC 3849");
        }
        return Cidr.parse(cidr).filter(block -> IPV4_RANGES.stream().anyMatch(range -> block.prefixLength() >= 24
                && (block.address() & 0xFFFFFF00L) == range.address())).map(block -> "RFC 5737");
    }

    private static Optional<String> exampleAccount(String arn, String path) {
        Matcher m = ARN_ACCOUNT.matcher(arn);
        return m.matches() && EXAMPLE_ACCOUNTS.contains(m.group(1))
                ? Optional.of(path + ": account " + m.group(1) + " is an AWS documentation example account")
                : Optional.empty();
    }
}
