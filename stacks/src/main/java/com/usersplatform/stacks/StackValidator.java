package com.usersplatform.stacks;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules across the whole stack; each section's own rules live in the {@code *Rules} classes. */
final class StackValidator {

    static final String PREFIX = StackConfig.PROJECT + ":";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    /** Characters AWS accepts in tag keys and values. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Set<String> RESERVED_TAGS = Set.of("project", "stack", "owner");
    /** AWS allows 50 tags per resource; the program adds the reserved ones. */
    private static final int MAX_TAGS = 50 - RESERVED_TAGS.size();

    private StackValidator() {
    }

    static void validate(StackConfig config, Problems problems) {
        problems.check(isRegion(config.awsRegion()), StackConfigLoader.AWS_REGION_KEY,
                "must be an AWS region such as eu-west-1, got '" + config.awsRegion() + "'");
        String owner = PREFIX + "owner";
        problems.check(!config.owner().isBlank(), owner, "must not be empty (tagged on every resource)");
        problems.check(config.owner().length() <= 256 && TAG_TEXT.matcher(config.owner()).matches(), owner,
                "must be a valid AWS tag value (up to 256 letters, digits, spaces and _.:/=+-@)");
        checkTags(config.tags(), problems);
        NetworkRules.check(config.network(), config.production(), problems);
        ClusterRules.check(config.cluster(), config.production(), problems);
        CacheRules.check(config.cache(), config.production(), problems);
        SecretsRules.check(config.secrets(), config.production(), problems);
        WorkloadRules.check("gateway", config.workloads().gateway(), config.production(), problems);
        WorkloadRules.check("users", config.workloads().users(), config.production(), problems);
        ServiceRules.check(config, problems);
        AlertingRules.check(config.alerting(), config.production(), problems);
        WafRules.check(config.waf(), config.gateway(), config.production(), problems);
        NodeAutoscalingRules.check(config.nodeAutoscaling(), problems);
        CapacityRules.check(config, problems);
        DeliveryRules.check(config.delivery(), problems);
    }

    static boolean isRegion(String region) {
        return REGION.matcher(region).matches();
    }

    private static void checkTags(Map<String, String> tags, Problems problems) {
        String path = PREFIX + "tags";
        problems.check(tags.size() <= MAX_TAGS, path, "at most " + MAX_TAGS + " tags, got " + tags.size());
        tags.forEach((key, value) -> {
            String keyPath = path + "." + key;
            problems.check(!RESERVED_TAGS.contains(key), keyPath,
                    "is set by the program (project, stack, owner); use users-platform:owner for the owner");
            problems.check(!key.toLowerCase().startsWith("aws:"), keyPath, "the aws: prefix is reserved by AWS");
            problems.check(!key.isEmpty() && key.length() <= 128 && TAG_TEXT.matcher(key).matches(), keyPath,
                    "tag keys are 1 to 128 letters, digits, spaces and _.:/=+-@");
            problems.check(value.length() <= 256 && TAG_TEXT.matcher(value).matches(), keyPath,
                    "tag values are up to 256 letters, digits, spaces and _.:/=+-@");
        });
    }
}
