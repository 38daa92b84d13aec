package com.usersplatform.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Pulumi program's path ({@code fromPulumiConfig}) and {@code bin/validate-stack}'s path ({@code loadFile})
 * agree: same config for good files, same problems for bad ones.
 */
class PulumiEngineConfigTest {

    @TempDir
    Path dir;

    /** What the Pulumi engine hands a program for a stack file: every value as text, structured ones as JSON. */
    static Map<String, String> engineConfig(Path stackFile) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        JsonNode yaml = new YAMLMapper().readTree(stackFile.toFile()).path("config");
        yaml.properties().forEach(e -> config.put(e.getKey(),
                e.getValue().isContainerNode() ? e.getValue().toString() : e.getValue().asText()));
        return config;
    }

    static List<Path> committed() throws IOException {
        return CommittedStacksTest.stackFiles().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("committed")
    void engineConfigGivesTheSameRecordsAsTheStackFile(Path file) throws IOException {
        String stack = StackConfigLoader.stackName(file);
        assertEquals(StackConfigLoader.loadFile(file), StackConfigLoader.fromPulumiConfig(stack, engineConfig(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("committed")
    void keyByKeyLookupGivesTheSameRecords(Path file) throws IOException {
        Map<String, String> config = engineConfig(file);
        List<String> asked = new ArrayList<>();
        StackConfig viaLookup = StackConfigLoader.fromPulumiConfig(StackConfigLoader.stackName(file), key -> {
            asked.add(key);
            return Optional.ofNullable(config.get(key));
        });
        assertEquals(StackConfigLoader.loadFile(file), viaLookup);
        assertEquals(StackConfigLoader.configKeys(), asked);
    }

    @Test
    void brokenConfigGivesTheSameProblemsOnBothPaths() throws IOException {
        Path file = StackFiles.write(dir, "broken",
                "aws:region: eu-west-1",
                "aws:profile: platform",
                "users-platform:production: 'true'",
                "users-platform:owner: 42",
                "users-platform:tags: {team: [x]}",
                "users-platform:network: {azCount: 1, cidr: 10.0.0.0/22, extra: 1}",
                "users-platform:cache: {replicas: '2'}",
                "users-platform:workloads: {users: {image: {tag: latest}, autoscaling: {minReplicas: 4, maxReplicas: 2}}}",
                "users-platform:ingres: {}");
        List<String> fromFile = StackFiles.problems(file);
        List<String> fromEngine = assertThrows(StackConfigException.class,
                () -> StackConfigLoader.fromPulumiConfig("broken", engineConfig(file))).problems();
        assertEquals(fromFile, fromEngine);
        // 12: production without alert subscriptions is one of them.
        assertEquals(12, fromFile.size(), fromFile::toString);
        assertTrue(fromFile.contains("users-platform:network.natGateways: must be perAz in production "
                + "(egress must survive the loss of one AZ)"), fromFile::toString);
    }

    @Test
    void topLevelScalarsArriveAsPlainStrings() {
        StackConfig config = StackConfigLoader.fromPulumiConfig("qa", Map.of(
                "users-platform:owner", "team-qa",
                "aws:region", "eu-central-1",
                "users-platform:network", "{\"azCount\": 3, \"natGateways\": \"perAz\"}"));
        assertEquals("team-qa", config.owner());
        assertEquals("eu-central-1", config.awsRegion());
        assertEquals(3, config.network().azCount());
        assertEquals(StackConfig.DEFAULTS.cluster(), config.cluster());
    }

    @Test
    void sectionsMergeOverDefaultsMapsMergeListsReplace() {
        StackConfig config = StackConfigLoader.fromPulumiConfig("qa", Map.of(
                "users-platform:cache", "{\"replicas\": 1, \"parameterOverrides\": {\"timeout\": \"300\"}}",
                "users-platform:cluster", "{\"nodeInstanceTypes\": [\"m7i.large\"]}"));
        assertEquals(1, config.cache().replicas());
        assertEquals(CacheConfig.DEFAULTS.nodeType(), config.cache().nodeType());
        assertEquals(Map.of("maxmemory-policy", "noeviction", "timeout", "300"), config.cache().parameterOverrides());
        assertEquals(List.of("m7i.large"), config.cluster().nodeInstanceTypes());
    }

    @Test
    void engineSecretsAreRejectedWhereNoSecretIsExpected() {
        List<String> problems = assertThrows(StackConfigException.class, () -> StackConfigLoader.fromPulumiConfig(
                "qa", Map.of("users-platform:owner", "team"), Set.of("users-platform:owner"))).problems();
        assertEquals(List.of("users-platform:owner: must not be a secret (secure:): this setting is plain configuration"),
                problems);
    }
}
