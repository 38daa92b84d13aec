package com.usersplatform.infra.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.KubernetesRuns;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.usersplatform.infra.workloads.Yaml.list;
import static com.usersplatform.infra.workloads.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rules the program renders for each committed stack, checked by the real Prometheus tooling: {@code promtool
 * check rules} on the PrometheusRule's spec (the same format as a rules file), then {@code promtool test rules} with
 * the suites in {@code src/test/resources/promtool/} against it. Every alert needs a firing and a quiet case there.
 * See https://prometheus.io/docs/prometheus/2.42/configuration/unit_testing_rules/
 * Skips, saying why, only where promtool is not installed ({@code apt-get install prometheus}); CI installs it.
 */
class PromtoolRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SUITES = Path.of("src/test/resources/promtool");
    /** The file name the suites' {@code rule_files} refer to. */
    private static final String RULES_FILE = "rules.yaml";

    @Test
    void renderedRulesOfBothStacksPassCheckAndTheUnitTestSuites() throws Exception {
        Optional<Path> promtool = promtool();
        assumeTrue(promtool.isPresent(), "promtool not on PATH: install Debian's prometheus package to run the rule tests");
        for (var run : KubernetesRuns.both()) {
            Path dir = Files.createDirectories(Path.of("target/promtool", run.stack().stack()));
            writeRules(run, dir.resolve(RULES_FILE));
            List<String> suites = new ArrayList<>();
            for (Path suite : suites()) {
                Files.copy(suite, dir.resolve(suite.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                suites.add(suite.getFileName().toString());
            }
            runPromtool(promtool.get(), dir, List.of("check", "rules", RULES_FILE));
            List<String> test = new ArrayList<>(List.of("test", "rules"));
            test.addAll(suites);
            runPromtool(promtool.get(), dir, test);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAFiringAndAQuietCase() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path suite : suites()) {
            for (var test : list(YAML.readValue(suite.toFile(), Map.class), "tests")) {
                for (var alertTest : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                    String name = (String) alertTest.get("alertname");
                    Object expected = alertTest.get("exp_alerts");
                    (expected instanceof List<?> l && !l.isEmpty() ? firing : quiet).add(name);
                    if (expected instanceof List<?> l) {
                        l.forEach(a -> assertLabelled(name, (Map<String, Object>) a));
                    }
                }
            }
        }
        Set<String> alerts = new TreeSet<>(AlertRules.NAMES);
        assertEquals(alerts, firing, "alerts with a firing case");
        assertEquals(alerts, quiet, "alerts with a quiet case");
    }

    /** A firing case asserts the severity, the summary and the runbook link, so promtool compares all three. */
    private static void assertLabelled(String alert, Map<String, Object> expected) {
        assertTrue(map(expected, "exp_labels").containsKey("severity"), alert + " case without severity");
        var annotations = map(expected, "exp_annotations");
        assertTrue(annotations.containsKey("summary") && annotations.containsKey("runbook_url"),
                alert + " case without summary or runbook_url");
    }

    private static void writeRules(KubernetesRuns.Run run, Path file) throws IOException {
        var rule = run.document("PrometheusRule", ClusterServices.NAMESPACE, "users-platform-alerts");
        YAML.writeValue(file.toFile(), map(rule, "spec"));
    }

    private static List<Path> suites() throws IOException {
        try (Stream<Path> files = Files.list(SUITES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static void runPromtool(Path promtool, Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " in " + dir + ":\n" + output);
    }

    private static Optional<Path> promtool() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(p -> Path.of(p, "promtool")).filter(Files::isExecutable).findFirst();
    }
}
