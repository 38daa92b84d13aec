package com.usersplatform.infra.offline;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's mock monitor, recording what each registered resource waits for. The SDK computes the dependencies
 * before it calls the monitor and sends them in the {@code RegisterResourceRequest} (explicit {@code dependsOn} with
 * components expanded to their children, the resources behind every input Output, the parent URN, the provider
 * reference), exactly what the engine orders by during {@code pulumi up}; {@link Mocks} only ever sees type, name,
 * inputs and provider, so this monitor reads the request itself.
 *
 * @see <a href="https://github.com/pulumi/pulumi-java/blob/main/sdk/java/pulumi/src/main/java/com/pulumi/test/internal/MockMonitor.java">MockMonitor</a>
 * @see <a href="https://github.com/pulumi/pulumi/blob/master/proto/pulumi/resource.proto">RegisterResourceRequest</a>
 */
final class DependencyRecordingMonitor extends MockMonitor {

    /** The root stack: the parent of top-level resources, never registered with the mocks, so never a plan entry. */
    private static final String ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

    private final Map<String, SortedSet<String>> dependencies = new ConcurrentHashMap<>();

    DependencyRecordingMonitor(Mocks mocks) {
        // The monitor's log only reports (de)serialisation details; errors reach the deployment's own log.
        super(mocks, Log.ignore());
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                             RegisterResourceRequest request) {
        SortedSet<String> waitsFor = new TreeSet<>();
        request.getDependenciesList().forEach(urn -> add(waitsFor, urn));
        request.getPropertyDependenciesMap().values()
                .forEach(deps -> deps.getUrnsList().forEach(urn -> add(waitsFor, urn)));
        add(waitsFor, request.getParent());
        // A provider reference is "<urn>::<id>"; default providers (empty reference) are the engine's own.
        String provider = request.getProvider();
        add(waitsFor, provider.isEmpty() ? "" : provider.substring(0, provider.lastIndexOf("::")));
        dependencies.merge(key(request.getType(), request.getName()), waitsFor, (a, b) -> {
            SortedSet<String> union = new TreeSet<>(a);
            union.addAll(b);
            return union;
        });
        return super.registerResourceAsync(resource, request);
    }

    /** What the resource {@code type}/{@code name} waits for, as sorted {@code type::name} strings. */
    Set<String> dependenciesOf(String type, String name) {
        return dependencies.getOrDefault(key(type, name), new TreeSet<>());
    }

    /** {@code type::name}: how plan entries name each other. */
    static String key(String type, String name) {
        return type + "::" + name;
    }

    /**
     * {@code urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>} to {@code <type>::<name>}.
     *
     * @see <a href="https://www.pulumi.com/docs/iac/concepts/resources/names/#urns">URNs</a>
     */
    static String fromUrn(String urn) {
        String[] parts = urn.split("::", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a resource URN: " + urn);
        }
        String qualifiedType = parts[2];
        return key(qualifiedType.substring(qualifiedType.lastIndexOf('$') + 1), parts[3]);
    }

    private static void add(Set<String> into, String urn) {
        if (!urn.isEmpty()) {
            String key = fromUrn(urn);
            if (!key.startsWith(ROOT_STACK_TYPE + "::")) {
                into.add(key);
            }
        }
    }
}
