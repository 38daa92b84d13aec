package com.usersplatform.stacks;

import java.util.regex.Pattern;

/** Syntax of EC2 and ElastiCache instance types, e.g. {@code m7i.large}, {@code cache.r7g.large}. */
final class InstanceTypes {

    /** Family (letters, generation digit, attribute letters) and size, e.g. {@code c6gn.2xlarge}, {@code u-6tb1.metal}. */
    private static final Pattern EC2 = Pattern.compile("[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9-]+");
    private static final Pattern GRAVITON = Pattern.compile("[a-z]+[0-9]+[a-z]*g[a-z]*\\..*");

    private InstanceTypes() {
    }

    static boolean isEc2(String type) {
        return type != null && EC2.matcher(type).matches();
    }

    static boolean isCacheNode(String type) {
        return type != null && type.startsWith("cache.") && isEc2(type.substring("cache.".length()));
    }

    /** Graviton (arm64) families carry a {@code g} after the generation: m7g, c6gn, t4g, r8gd. */
    static boolean isGraviton(String type) {
        return type != null && GRAVITON.matcher(type).matches();
    }
}
