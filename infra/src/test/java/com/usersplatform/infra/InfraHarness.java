package com.usersplatform.infra;

import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.StackFiles;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs the real program ({@link App#program}) offline for a committed stack, with the config read from
 * {@code Pulumi.<stack>.yaml} (tests may change it first). Unchanged runs are cached per stack, so a test class pays
 * for one run per stack however many tests assert on it.
 */
public final class InfraHarness {

    private static final Map<String, OfflineRun.Result> CACHE = new ConcurrentHashMap<>();

    private InfraHarness() {
    }

    /** The committed stack's run (cached for the JVM). */
    public static OfflineRun.Result run(String stack) {
        return CACHE.computeIfAbsent(stack, s -> run(s, config -> { }));
    }

    /** A fresh run after {@code edit} changed the engine config (keys like {@code users-platform:cache}, JSON values). */
    public static OfflineRun.Result run(String stack, Consumer<Map<String, String>> edit) {
        Map<String, String> config = config(stack);
        edit.accept(config);
        return OfflineRun.run(stack, config, Set.of(), App::program, OfflineRun.DEFAULT_TIMEOUT);
    }

    /** The committed stack file as the engine would pass it (a mutable copy). */
    public static Map<String, String> config(String stack) {
        return new TreeMap<>(StackFiles.engineConfig(StackFiles.stackFile(StackFiles.repositoryRoot(), stack)));
    }
}
