package com.usersplatform.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/lib-local.sh} sets the services' environment in one place ({@code users_env}, {@code gateway_env}), for
 * {@code bin/local}, the benchmarks and the image build's training run: every name it sets must be one the service
 * reads, so a key renamed in the contract fails here rather than leaving a training run misconfigured.
 */
class ServiceEnvironmentTest {
    private static final String SCRIPT = "bin/lib-local.sh";
    private static final Pattern ASSIGNMENT = Pattern.compile("\"([A-Z][A-Z0-9_]*)=");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"users_env, users", "gateway_env, gateway"})
    void everyNameTheScriptSetsIsInTheContract(String function, String service) throws IOException {
        List<Setting> contract = service.equals("users") ? UsersContract.ALL : GatewayContract.ALL;
        Set<String> known = contract.stream().map(Setting::env).collect(Collectors.toSet());
        List<String> names = namesSetBy(function);
        assertFalse(names.isEmpty(), SCRIPT + " has no " + function + "() setting NAME=value lines");
        for (String name : names) {
            assertTrue(known.contains(name), SCRIPT + " " + function + "() sets " + name + ", which " + service
                    + " does not read (its contract: " + known.stream().sorted().toList() + ")");
        }
        assertEquals(names.size(), Set.copyOf(names).size(), function + "() sets a name twice: " + names);
    }

    /** The NAME of every {@code "NAME=...} word in the body of {@code function() { ... }}. */
    private static List<String> namesSetBy(String function) throws IOException {
        String script = Files.readString(SettingsDocTest.repositoryRoot().resolve(SCRIPT));
        int start = script.indexOf("\n" + function + "() {\n");
        assertTrue(start >= 0, SCRIPT + " defines no " + function + "()");
        String body = script.substring(start, script.indexOf("\n}\n", start));
        Matcher matcher = ASSIGNMENT.matcher(body);
        return matcher.results().map(m -> m.group(1)).toList();
    }
}
