package com.usersplatform.infra.ordering;

import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** What waits for what in one offline run: the {@code dependsOn} of every plan entry, followed transitively. */
final class DependencyGraph {

    private final Map<String, RecordedResource> byKey = new HashMap<>();

    DependencyGraph(OfflineRun.Result result) {
        result.resources().forEach(r -> byKey.put(r.key(), r));
    }

    /** Everything {@code resource} waits for, directly or through what it waits for. */
    Set<String> waitsFor(RecordedResource resource) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(resource.dependsOn());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next) && byKey.containsKey(next)) {
                todo.addAll(byKey.get(next).dependsOn());
            }
        }
        return seen;
    }

    /** Dependencies that name no plan entry (a dangling reference would hide an ordering). */
    Set<String> unknownDependencies() {
        Set<String> unknown = new TreeSet<>();
        byKey.values().forEach(r -> r.dependsOn().stream().filter(d -> !byKey.containsKey(d)).forEach(unknown::add));
        return unknown;
    }

    List<RecordedResource> all(Predicate<RecordedResource> filter) {
        return byKey.values().stream().filter(filter).sorted(java.util.Comparator.comparing(RecordedResource::key)).toList();
    }

    /** Key of the managed node group (what provides the first nodes). */
    String nodeGroup() {
        return single(r -> r.type().equals("aws:eks/nodeGroup:NodeGroup"), "node group").key();
    }

    /** Key of the EKS add-on named {@code addonName}, e.g. {@code coredns}. */
    String addon(String addonName) {
        return single(r -> r.type().equals("aws:eks/addon:Addon") && addonName.equals(r.input("addonName")),
                addonName + " add-on").key();
    }

    RecordedResource single(Predicate<RecordedResource> filter, String what) {
        List<RecordedResource> found = all(filter);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + what + ", found " + found.size());
        }
        return found.getFirst();
    }
}
