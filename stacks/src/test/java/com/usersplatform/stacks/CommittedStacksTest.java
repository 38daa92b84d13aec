package com.usersplatform.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed {@code Pulumi.<stack>.yaml} validates, and dev and prod differ where the stack model says they must. */
class CommittedStacksTest {

    static Stream<Path> stackFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(StackFiles.repositoryRoot(), "Pulumi.*.y*ml")) {
            dir.forEach(files::add);
        }
        assertTrue(files.size() >= 2, "expected at least Pulumi.dev.yaml and Pulumi.prod.yaml, found " + files);
        return files.stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackFiles")
    void everyCommittedStackFileValidates(Path file) {
        StackConfig config = StackConfigLoader.loadFile(file);
        assertEquals(StackConfigLoader.stackName(file), config.stack());
    }

    @Test
    void devIsSmallAndProdIsHighlyAvailable() {
        StackConfig dev = load("dev");
        StackConfig prod = load("prod");
        assertFalse(dev.production());
        assertEquals(2, dev.network().azCount());
        assertEquals(1, dev.network().natGatewayCount());
        assertEquals(1, dev.cache().nodeCount());
        assertFalse(dev.cache().multiAz());

        assertTrue(prod.production());
        assertEquals(3, prod.network().azCount());
        assertEquals(3, prod.network().natGatewayCount());
        assertTrue(prod.cache().multiAz() && prod.cache().automaticFailover() && prod.cache().replicas() >= 1);
        assertTrue(prod.cache().snapshotRetentionDays() >= 1);
        assertTrue(prod.workloads().users().autoscaling().minReplicas()
                > dev.workloads().users().autoscaling().minReplicas());
        assertTrue(prod.workloads().gateway().autoscaling().minReplicas()
                > dev.workloads().gateway().autoscaling().minReplicas());
        assertTrue(prod.ingress().tls());
    }

    @Test
    void projectFileRunsTheInfraProgramAndHoldsNoConfig() throws IOException {
        JsonNode project = new YAMLMapper().readTree(StackFiles.repositoryRoot().resolve("Pulumi.yaml").toFile());
        assertEquals("users-platform", project.path("name").asText());
        assertEquals("java", project.path("runtime").isObject()
                ? project.path("runtime").path("name").asText() : project.path("runtime").asText());
        assertEquals("infra/", project.path("main").asText());
        assertTrue(Files.isRegularFile(StackFiles.repositoryRoot().resolve("infra/pom.xml")));
        // Defaults live in code; project-level config would bypass bin/validate-stack.
        assertTrue(project.path("config").isMissingNode(), "Pulumi.yaml must not hold config");
    }

    @Test
    void stackFilesHoldNoPlainSecrets() throws IOException {
        // Secrets may only appear as `secure:` values; none of the model's settings is secret, so no
        // secret-looking key may appear in a committed stack file at all.
        for (Path file : stackFiles().toList()) {
            String text = Files.readString(file).toLowerCase();
            for (String word : List.of("password", "token", "secret_key", "private_key", "aws_secret")) {
                assertFalse(text.contains(word), file + " mentions " + word);
            }
        }
    }

    private static StackConfig load(String stack) {
        return StackConfigLoader.loadFile(StackFiles.repositoryRoot().resolve("Pulumi." + stack + ".yaml"));
    }
}
