package com.usersplatform.stacks.preflight;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A live account and machine as a test sets them up: what exists answers, what does not is empty, and a question in
 * {@link #unavailable} throws as a call without credentials or network would.
 */
final class FakeAccount implements LiveAccount {

    String caller = "arn:aws:sts::210987654321:assumed-role/platform-admin/session-1";
    final Map<String, String> certificates = new HashMap<>();
    final Map<String, HostedZone> zones = new HashMap<>();
    final Map<String, String> clusters = new HashMap<>();
    final Map<String, Set<String>> repositories = new HashMap<>();
    final Map<String, String> secrets = new HashMap<>();
    final Map<String, Map<String, Integer>> logPolicies = new HashMap<>();
    String publicIp = "198.18.0.7";
    final Set<String> reachableHosts = new HashSet<>();
    final Set<String> tools = new HashSet<>(Set.of("pulumi", "aws"));
    boolean jdk = true;
    final Set<String> unavailable = new HashSet<>();

    private void maybeFail(String question) {
        if (unavailable.contains(question)) {
            throw new Unavailable("Unable to locate credentials");
        }
    }

    @Override
    public String callerArn() {
        maybeFail("caller");
        return caller;
    }

    @Override
    public Optional<String> certificateStatus(String arn, String region) {
        maybeFail("certificate");
        return Optional.ofNullable(certificates.get(region + " " + arn));
    }

    @Override
    public Optional<HostedZone> hostedZone(String id) {
        maybeFail("zone");
        return Optional.ofNullable(zones.get(id));
    }

    @Override
    public Optional<String> clusterEndpoint(String name, String region) {
        maybeFail("cluster");
        return Optional.ofNullable(clusters.get(region + " " + name));
    }

    @Override
    public Optional<Boolean> imagePushed(String repository, String tag, String region) {
        maybeFail("images");
        return Optional.ofNullable(repositories.get(region + " " + repository)).map(tags -> tags.contains(tag));
    }

    @Override
    public Optional<Boolean> secretHoldsHttpsUrl(String name, String region) {
        maybeFail("secret");
        return Optional.ofNullable(secrets.get(region + " " + name)).map(value -> value.startsWith("https://"));
    }

    @Override
    public Map<String, Integer> logResourcePolicies(String region) {
        maybeFail("logs");
        return logPolicies.getOrDefault(region, Map.of());
    }

    @Override
    public String publicIp() {
        maybeFail("ip");
        return publicIp;
    }

    @Override
    public boolean reachable(String host, int port) {
        return port == 443 && reachableHosts.contains(host);
    }

    @Override
    public Optional<String> tool(String command) {
        return tools.contains(command) ? Optional.of(command + " 1.0") : Optional.empty();
    }

    @Override
    public boolean jdk() {
        return jdk;
    }
}
