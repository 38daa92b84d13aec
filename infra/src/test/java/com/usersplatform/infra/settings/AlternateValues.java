package com.usersplatform.infra.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.usersplatform.stacks.ConfigEnum;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Other values a setting could take, as stack-file JSON, most plausible first: numbers one step up or down, booleans
 * flipped, enums the other constants, and for strings, lists and maps with a format of their own (CIDRs, ARNs,
 * instance types) a small table of valid alternates (also for numbers from a fixed set, such as retention days).
 * Candidates need not all be valid: the walk skips those the stack loader refuses.
 */
final class AlternateValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Alternates for strings, lists and maps, as JSON text, by dotted setting name or by its last one or two steps
     * (for fields every workload or resource block has).
     */
    private static final Map<String, List<String>> TABLE = Map.ofEntries(
            Map.entry("awsRegion", List.of("\"eu-central-1\"", "\"us-west-2\"")),
            Map.entry("owner", List.of("\"payments-team\"")),
            Map.entry("tags", List.of("{\"data-classification\": \"internal\"}")),
            Map.entry("network.cidr", List.of("\"10.30.0.0/16\"")),
            Map.entry("network.flowLogRetentionDays", List.of("30", "7")),
            Map.entry("observability.logs.retentionDays", List.of("60", "14")),
            Map.entry("waf.rateWindowSeconds", List.of("600", "120")),
            Map.entry("cluster.kubernetesVersion", List.of("\"1.32\"", "\"1.34\"")),
            Map.entry("cluster.nodeInstanceTypes", List.of("[\"t3.xlarge\"]", "[\"m7i.xlarge\"]")),
            Map.entry("cluster.endpointPublicAccessCidrs", List.of("[\"198.51.100.0/24\"]")),
            Map.entry("cluster.adminPrincipalArns", List.of("[\"arn:aws:iam::111122223333:role/break-glass\"]")),
            Map.entry("cluster.deployPrincipalArn", List.of("\"arn:aws:iam::111122223333:role/ci-deploy\"")),
            Map.entry("cache.engineVersion", List.of("\"7.2\"", "\"8.1\"")),
            Map.entry("cache.nodeType", List.of("\"cache.t4g.medium\"", "\"cache.r7g.xlarge\"")),
            Map.entry("cache.snapshotWindow", List.of("\"05:00-06:00\"")),
            Map.entry("cache.parameterOverrides", List.of("{\"maxmemory-policy\": \"volatile-lru\"}",
                    "{\"timeout\": \"300\"}")),
            Map.entry("secrets.rotationSchedule", List.of("\"rate(14 days)\"", "\"rate(10 days)\"")),
            Map.entry("secrets.apiKeyHash", List.of("\"" + "ab".repeat(32) + "\"")),
            Map.entry("image.repository", List.of("\"registry.example.com/users-platform/app\"")),
            Map.entry("image.tag", List.of("\"1.0.1\"")),
            Map.entry("image.digest", List.of("\"sha256:" + "0123456789abcdef".repeat(4) + "\"")),
            Map.entry("cpu", List.of("\"300m\"", "\"2\"", "\"200m\"")),
            Map.entry("memory", List.of("\"640Mi\"", "\"3Gi\"", "\"320Mi\"")),
            Map.entry("observability.logs.controlPlaneLogTypes", List.of("[\"api\", \"audit\"]",
                    "[\"api\", \"audit\", \"authenticator\", \"scheduler\"]")),
            Map.entry("ingress.certificateArn", List.of(
                    "\"arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-4333-8444-555555555555\"")),
            Map.entry("ingress.hostname", List.of("\"api.dev.users-platform.example.com\"")),
            Map.entry("ingress.allowedSourceCidrs", List.of("[\"198.51.100.0/24\"]")),
            Map.entry("ingress.hostedZoneId", List.of("\"Z0123456789ABCDEFGHIJ\"")),
            Map.entry("alerting.emailEndpoints", List.of("[\"oncall@example.org\"]")),
            Map.entry("alerting.httpsEndpoints", List.of("[\"https://events.example.com/sns\"]")),
            Map.entry("alerting.chatWebhookSecretName", List.of("\"users-platform/chat-webhook\"")),
            Map.entry("delivery.githubRepository", List.of("\"example-org/users-platform\"")),
            Map.entry("delivery.githubOidcProviderArn", List.of(
                    "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"")),
            Map.entry("nodeAutoscaling.instanceCategories", List.of("[\"c\", \"m\"]")),
            Map.entry("nodeAutoscaling.consolidationPolicy", List.of("\"WhenEmpty\"", "\"WhenEmptyOrUnderutilized\"")));

    private AlternateValues() {
    }

    /**
     * Candidate values for {@code setting}, whose current value is {@code current}; a missing node means "unset"
     * (the default). May include the current value: the walk skips candidates that change nothing.
     */
    static List<JsonNode> of(StackSetting setting, Object current) {
        Class<?> element = argument(setting.type());
        List<JsonNode> candidates = new ArrayList<>(switch (current) {
            case Boolean b -> List.<JsonNode>of(NODES.booleanNode(!b));
            case Integer i -> List.<JsonNode>of(NODES.numberNode(i + 1), NODES.numberNode(i - 1));
            case Double d -> List.<JsonNode>of(NODES.numberNode(d + 1), NODES.numberNode(d - 1),
                    NODES.numberNode(d * 2), NODES.numberNode(d / 2));
            case Enum<?> e -> otherConstants(e);
            case Optional<?> o when o.isPresent() && o.get() instanceof Enum<?> e -> otherConstants(e);
            case Optional<?> o when element.isEnum() -> allConstants(element);
            case List<?> l when element.isEnum() -> enumLists(element);
            default -> List.<JsonNode>of();
        });
        candidates.addAll(table(setting));
        if (current instanceof Optional<?> o && o.isPresent()) {
            candidates.add(MissingNode.getInstance());
        }
        return candidates;
    }

    /** A setting's {@link #TABLE} alternates, by its full name, else its last two steps, else its last step. */
    private static List<JsonNode> table(StackSetting setting) {
        List<String> path = setting.path();
        for (String key : List.of(setting.name(), String.join(".", path.subList(Math.max(0, path.size() - 2),
                path.size())), path.getLast())) {
            if (TABLE.containsKey(key)) {
                return TABLE.get(key).stream().map(AlternateValues::parse).toList();
            }
        }
        return List.of();
    }

    private static List<JsonNode> otherConstants(Enum<?> current) {
        Object[] constants = current.getDeclaringClass().getEnumConstants();
        List<JsonNode> others = new ArrayList<>();
        for (int step = 1; step < constants.length; step++) {
            others.add(spelling(constants[(current.ordinal() + step) % constants.length]));
        }
        return others;
    }

    private static List<JsonNode> allConstants(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(AlternateValues::spelling).toList();
    }

    /** Each constant alone, then all of them. */
    private static List<JsonNode> enumLists(Class<?> type) {
        List<JsonNode> lists = new ArrayList<>();
        allConstants(type).forEach(c -> lists.add(NODES.arrayNode().add(c)));
        lists.add(NODES.arrayNode().addAll(allConstants(type)));
        return lists;
    }

    private static JsonNode spelling(Object constant) {
        return NODES.textNode(constant instanceof ConfigEnum e ? e.configValue() : constant.toString());
    }

    private static Class<?> argument(Type type) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c
                ? c : Object.class;
    }

    /** A JSON value from its text. */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad alternate " + json, e);
        }
    }
}
