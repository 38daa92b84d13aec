package com.usersplatform.infra.offline;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program offline under the Pulumi Java SDK's test engine with {@link StandInMocks}: the engine used by
 * both the tests and {@code bin/render}. Stack config is injected through {@code PulumiTestInternal}, which (unlike
 * {@code PulumiTest.withMocks}) accepts a config map. One run at a time per JVM: the SDK keeps the deployment in a
 * static field, so runs are serialised and the field is always cleared afterwards.
 */
public final class OfflineRun {

    /** Pulumi project name (fixed by the spec). */
    public static final String PROJECT = "users-platform";
    /** Upper bound for one program run; a run that hangs fails instead of blocking the build. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Object LOCK = new Object();

    private OfflineRun() {
    }

    /**
     * What one offline run produced.
     *
     * @param resources every registered resource, in registration order
     * @param outputs   the stack outputs, resolved (secret outputs included in clear: they are stand-ins)
     * @param errors    errors the program logged or threw; empty on success
     * @param options   resource options as declared, keyed by {@code "<type> <logical name>"}
     */
    public record Result(List<RecordedResource> resources, Map<String, Object> outputs, List<String> errors,
                         Map<String, RecordedOptions> options) {

        /** The options a resource was declared with. */
        public RecordedOptions optionsOf(RecordedResource resource) {
            return options.getOrDefault(resource.type() + " " + resource.name(), RecordedOptions.NONE);
        }

        /** Resources of one type token. */
        public List<RecordedResource> ofType(String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toList();
        }

        /** The single resource of a type; fails when there is not exactly one. */
        public RecordedResource single(String type) {
            List<RecordedResource> found = ofType(type);
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + type + ", found " + found.size());
            }
            return found.getFirst();
        }
    }

    /**
     * Runs {@code program} as stack {@code stack} with the given Pulumi config (keys like {@code users-platform:cluster}).
     *
     * @throws IllegalStateException when the run fails, logs errors, or exceeds {@code timeout}
     */
    public static Result run(String stack, Map<String, String> config, Set<String> secretKeys,
                             Consumer<Context> program, Duration timeout) {
        synchronized (LOCK) {
            StandInMocks mocks = new StandInMocks(config.getOrDefault("aws:region", "us-east-1"));
            DependencyRecordingMonitor monitor = new DependencyRecordingMonitor(mocks);
            Map<String, RecordedOptions> options = new ConcurrentHashMap<>();
            ResourceTransformation recordOptions = args -> {
                ResourceOptions declared = args.options();
                options.put(args.resource().pulumiResourceType() + " " + args.resource().pulumiResourceName(),
                        new RecordedOptions(declared.getIgnoreChanges(), declared.getProtect(), declared.getVersion()));
                return Optional.empty();
            };
            try {
                TestResult result = PulumiTestInternal.builder()
                        .options(TestOptions.builder().projectName(PROJECT).stackName(stack).preview(false)
                                .resourceTransformations(List.of(recordOptions)).build())
                        .config(config, secretKeys)
                        .mocks(mocks)
                        .monitorDecorator(standard -> monitor)
                        .build()
                        .runTestAsync(program)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                List<String> errors = new java.util.ArrayList<>(result.errors());
                result.exceptions().forEach(e -> errors.add(e.toString()));
                if (result.exitCode() != 0 || !errors.isEmpty()) {
                    throw new IllegalStateException("program failed for stack " + stack + ": " + errors);
                }
                List<RecordedResource> resources = mocks.recorded().stream()
                        .map(r -> r.withDependsOn(monitor.dependenciesOf(r.type(), r.name()))).toList();
                return new Result(resources, resolve(result.outputs()), List.copyOf(errors), Map.copyOf(options));
            } catch (TimeoutException e) {
                throw new IllegalStateException("program did not finish within " + timeout + " for stack " + stack, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("program failed for stack " + stack, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                PulumiTest.cleanup();
            }
        }
    }

    private static Map<String, Object> resolve(Map<String, Output<?>> outputs) {
        Map<String, Object> resolved = new TreeMap<>();
        outputs.forEach((key, output) ->
                resolved.put(key, PulumiTestInternal.extractOutputData(output).getValueNullable()));
        return resolved;
    }
}
