package com.usersplatform.infra.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.offline.PlanWriter;
import com.usersplatform.infra.offline.ManifestWriter;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigException;
import com.usersplatform.stacks.StackConfigLoader;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No dead settings: every leaf of {@link StackConfig}, changed to another valid value, changes the render (every
 * resource's inputs and dependencies as in {@code plan.json}, and the Kubernetes manifests) of at least one baseline
 * stack, unless it is on {@link #NOT_RENDERED} with the reason. An allow-listed setting that does change the render
 * fails too, so the list cannot go stale.
 */
class EverySettingReachesTheRenderTest {

    private static final String UNSET = "";

    /** Settings that legitimately leave the render unchanged, by dotted name, each with the reason. */
    private static final Map<String, String> NOT_RENDERED = Map.of();

    /**
     * Where each setting is tried, in order, until its render changes: the committed stacks, then variants for
     * settings whose every alternate needs another setting changed with it (dotted name to JSON, {@link #UNSET}
     * removes). A variant is rendered only when a setting gets that far.
     */
    private static final List<BaselineSpec> BASELINES = List.of(
            new BaselineSpec("dev", "dev", Map.of()),
            new BaselineSpec("prod", "prod", Map.of()),
            new BaselineSpec("dev with a cache replica and failover", "dev",
                    Map.of("cache.replicas", "1", "cache.automaticFailover", "true")),
            new BaselineSpec("dev with a private API endpoint", "dev",
                    Map.of("cluster.endpointAccess", UNSET, "cluster.endpointPublicAccessCidrs", UNSET)));

    @Test
    void everySettingChangesTheRenderOfSomeStackAndNoAllowListedOneDoes() {
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        Walk walk = new Walk();
        Baseline dev = walk.baseline(0);
        assertTrue(dev.render().sameAs(render(dev.stack(), dev.config())),
                "the same config rendered twice differs: a render difference would prove nothing");
        List<StackSetting> settings = StackSetting.all();
        List<String> problems = new ArrayList<>();
        settings.forEach(setting -> walk.problem(setting).ifPresent(problems::add));
        NOT_RENDERED.keySet().stream().filter(name -> settings.stream().noneMatch(s -> s.name().equals(name)))
                .forEach(name -> problems.add(name + ": allow-listed but no such setting"));
        System.out.printf("%d settings walked in %d renders: %d s, %d s of CPU%n", settings.size(),
                walk.renders + 1, (System.nanoTime() - start) / 1_000_000_000, (cpuNanos() - cpuStart) / 1_000_000_000);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** CPU time of this JVM so far: the walk's cost without the other processes on a shared machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Renders each baseline once, when first needed, and each setting's changes until one changes the render. */
    private static final class Walk {
        private final List<Baseline> baselines = new ArrayList<>();
        private int renders;

        Baseline baseline(int index) {
            while (baselines.size() <= index) {
                baselines.add(BASELINES.get(baselines.size()).render());
                renders++;
            }
            return baselines.get(index);
        }

        /** What is wrong with {@code setting}: dead, stale on the allow-list, or not changeable; empty when fine. */
        Optional<String> problem(StackSetting setting) {
            String reason = NOT_RENDERED.get(setting.name());
            List<String> tried = new ArrayList<>();
            for (int i = 0; i < BASELINES.size(); i++) {
                Baseline baseline = baseline(i);
                for (Change change : validChanges(setting, baseline)) {
                    tried.add(change.describe(baseline));
                    renders++;
                    if (!baseline.render().sameAs(render(baseline.stack(), change.config()))) {
                        return reason == null ? Optional.empty() : Optional.of(setting.name() + ": allow-listed ("
                                + reason + ") but " + change.describe(baseline)
                                + " changed the render; take it off NOT_RENDERED");
                    }
                }
            }
            if (tried.isEmpty()) {
                return Optional.of(setting.name() + ": no valid alternate value on any baseline; add one to"
                        + " AlternateValues (or a baseline where one is valid)");
            }
            return reason != null ? Optional.empty() : Optional.of(setting.name()
                    + ": dead setting, the render did not change for " + tried + "; wire it up or remove it");
        }
    }

    /** The alternates the stack loader accepts and that actually change the setting's value, in order. */
    private static List<Change> validChanges(StackSetting setting, Baseline baseline) {
        Object current = setting.valueIn(baseline.stack());
        List<Change> changes = new ArrayList<>();
        for (JsonNode candidate : AlternateValues.of(setting, current)) {
            Map<String, String> config = setting.writtenInto(baseline.config(), candidate);
            try {
                Object changed = setting.valueIn(StackConfigLoader.fromPulumiConfig(baseline.stack().stack(), config));
                if (!Objects.equals(changed, current)) {
                    changes.add(new Change(setting, current, changed, config));
                }
            } catch (StackConfigException invalid) {
                // not valid on this baseline: try the next candidate
            }
        }
        return changes;
    }

    private static Rendering render(StackConfig stack, Map<String, String> config) {
        return new Rendering(InfraHarness.run(stack.stack(), engine -> {
            engine.clear();
            engine.putAll(config);
        }).resources());
    }

    /**
     * What {@code bin/render} would write for one run, made on demand: {@code plan.json} first, and the manifests
     * only when the plans are equal (they are made from the plan's Kubernetes inputs, so this is rarely needed).
     */
    private static final class Rendering {
        private final List<RecordedResource> resources;
        private String plan;
        private SortedMap<String, String> manifests;

        Rendering(List<RecordedResource> resources) {
            this.resources = resources;
        }

        boolean sameAs(Rendering other) {
            return plan().equals(other.plan()) && manifests().equals(other.manifests());
        }

        private String plan() {
            return plan == null ? plan = PlanWriter.toJson(resources) : plan;
        }

        private SortedMap<String, String> manifests() {
            return manifests == null ? manifests = ManifestWriter.render(resources) : manifests;
        }
    }

    /** A named starting point: a committed stack with some settings changed (dotted name to JSON text). */
    private record BaselineSpec(String label, String stack, Map<String, String> changes) {
        Baseline render() {
            Map<String, String> config = InfraHarness.config(stack);
            for (var change : changes.entrySet()) {
                StackSetting setting = StackSetting.all().stream().filter(s -> s.name().equals(change.getKey()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no setting " + change.getKey()));
                config = setting.writtenInto(config, change.getValue().isEmpty() ? MissingNode.getInstance()
                        : AlternateValues.parse(change.getValue()));
            }
            StackConfig loaded = StackConfigLoader.fromPulumiConfig(stack, config);
            return new Baseline(label, loaded, Map.copyOf(config), EverySettingReachesTheRenderTest.render(loaded,
                    config));
        }
    }

    private record Baseline(String label, StackConfig stack, Map<String, String> config, Rendering render) {
    }

    private record Change(StackSetting setting, Object from, Object to, Map<String, String> config) {
        String describe(Baseline baseline) {
            return setting.name() + " " + from + " -> " + to + " on " + baseline.label();
        }
    }
}
