package com.usersplatform.stacks;

/** Rules of {@link NodeAutoscalingConfig}; the capacity it adds is checked by {@link CapacityRules}. */
final class NodeAutoscalingRules {

    static final String PATH = StackValidator.PREFIX + "nodeAutoscaling";

    private NodeAutoscalingRules() {
    }

    static void check(NodeAutoscalingConfig scaling, Problems problems) {
        problems.check(!scaling.instanceCategories().isEmpty(), PATH + ".instanceCategories", "must name at least one");
        for (String category : scaling.instanceCategories()) {
            problems.check(category.matches("[a-z]{1,3}"), PATH + ".instanceCategories",
                    "must be EC2 instance categories such as c, m, r (1 to 3 lower-case letters), got " + category);
        }
        problems.range(PATH + ".instanceGenerationAbove", scaling.instanceGenerationAbove(), 0, 20);
        problems.check(!scaling.capacityTypes().isEmpty(), PATH + ".capacityTypes", "must name onDemand, spot or both");
        problems.check(scaling.capacityTypes().stream().distinct().count() == scaling.capacityTypes().size(),
                PATH + ".capacityTypes", "must not repeat a capacity type");
        problems.range(PATH + ".cpuLimit", scaling.cpuLimit(), 1, 10_000);
        problems.range(PATH + ".memoryLimitGib", scaling.memoryLimitGib(), 1, 100_000);
        problems.check(NodeAutoscalingConfig.CONSOLIDATION_POLICIES.contains(scaling.consolidationPolicy()),
                PATH + ".consolidationPolicy", "must be one of " + NodeAutoscalingConfig.CONSOLIDATION_POLICIES
                        + ", got " + scaling.consolidationPolicy());
        problems.range(PATH + ".consolidateAfterSeconds", scaling.consolidateAfterSeconds(), 0, 86_400);
    }
}
