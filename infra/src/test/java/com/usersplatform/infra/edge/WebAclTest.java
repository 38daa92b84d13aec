package com.usersplatform.infra.edge;

import static com.usersplatform.infra.workloads.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.aws.Plans;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.workloads.KubernetesRuns;
import com.usersplatform.infra.workloads.Yaml;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's ALB is behind a WAF web ACL sized from the stack, attached through the Ingress annotation. */
class WebAclTest {

    private static final String ACL = "aws:wafv2/webAcl:WebAcl";
    private static final String LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
    private static final String ANNOTATION = "alb.ingress.kubernetes.io/wafv2-acl-arn";

    @Test
    void managedGroupsThenARateRuleSizedFromTheStackGuardTheAlb() {
        for (var run : KubernetesRuns.both()) {
            RecordedResource acl = run.result().single(ACL);
            assertEquals("REGIONAL", acl.inputs().get("scope"));
            List<Map<String, Object>> rules = Yaml.list(acl.inputs(), "rules");
            assertEquals(List.of("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                    "rate-per-address"), rules.stream().map(r -> r.get("name")).toList());
            for (var managed : rules.subList(0, 2)) {
                assertEquals("AWS", Yaml.at(managed, "statement.managedRuleGroupStatement.vendorName"));
                assertTrue(map(managed, "overrideAction").containsKey("none"), "the groups block, not only count");
            }
            var rate = map(rules.get(2), "statement.rateBasedStatement");
            assertEquals((double) run.stack().waf().rateLimit(), rate.get("limit"));
            assertEquals((double) run.stack().waf().rateWindowSeconds(), rate.get("evaluationWindowSec"));
            Map<String, String> errors = bodies(acl).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, e -> JsonParser.parseString(e.getValue()).getAsJsonObject()
                            .get("error").getAsString()));
            Map<String, Map<String, Object>> core = overrides(rules.get(0));
            // The body-size rule only counts: the gateway's own limit answers 413 with the API's error body.
            assertEquals(Map.of("count", Map.of()), core.get("SizeRestrictions_BODY"));
            // Every other rule of both groups blocks with 403 and a body in the API's error shape, not WAF's bare one.
            assertEquals(22, core.size());
            assertEquals(12, overrides(rules.get(1)).size());
            for (var group : rules.subList(0, 2)) {
                overrides(group).forEach((rule, action) -> {
                    if (!rule.equals("SizeRestrictions_BODY")) {
                        assertEquals(403.0, Yaml.at(action, "block.customResponse.responseCode"), rule);
                        String key = (String) Yaml.at(action, "block.customResponse.customResponseBodyKey");
                        assertEquals("request_blocked", errors.get(key), rule);
                    }
                });
            }
            assertEquals("user-agent-required",
                    Yaml.at(core.get("NoUserAgent_HEADER"), "block.customResponse.customResponseBodyKey"));
            assertEquals("request-blocked",
                    Yaml.at(core.get("CrossSiteScripting_BODY"), "block.customResponse.customResponseBodyKey"));
            // An address over the limit gets 429 and a body in the API's error shape, not WAF's bare 403.
            // With a Retry-After that outlasts the window and WAF's delay in lifting the block.
            assertEquals(Map.of("responseCode", 429.0, "customResponseBodyKey", "rate-limited",
                    "responseHeaders", List.of(Map.of("name", "Retry-After",
                            "value", Integer.toString(run.stack().waf().rateWindowSeconds() + 30)))),
                    Yaml.at(rules.get(2), "action.block.customResponse"));
            assertEquals("rate_limited", errors.get("rate-limited"));

            String ns = com.usersplatform.infra.ClusterServices.NAMESPACE;
            var ingress = run.document("Ingress", ns, "gateway");
            // Behind the ALB the gateway believes exactly the entry the ALB appends to X-Forwarded-For.
            assertEquals("1", map(run.document("ConfigMap", ns, "gateway-config"), "data").get("RATE_LIMIT_TRUSTED_HOPS"));
            assertEquals("arn:aws:wafv2:eu-west-1:123456789012:webacl/waf",
                    map(ingress, "metadata.annotations").get(ANNOTATION));
        }
    }

    /**
     * WAF's own rules for custom responses: codes from its list, body keys of 1-128 word characters or hyphens, each
     * body at most 4 KB, at most 50 bodies and 50 KB in all, and every key a rule uses defined in the web ACL
     * (https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponse.html,
     * https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-status-codes.html,
     * https://docs.aws.amazon.com/waf/latest/developerguide/limits.html). Every body defined is used, and the managed
     * groups' rule overrides keep to their own limits.
     */
    @Test
    void customResponsesKeepToWafsLimits() {
        RecordedResource acl = KubernetesRuns.both().getFirst().result().single(ACL);
        Map<String, String> bodies = bodies(acl);
        assertEquals(Yaml.list(acl.inputs(), "customResponseBodies").size(), bodies.size(), "keys are unique");
        assertTrue(bodies.size() <= 50);
        assertTrue(bodies.values().stream().mapToInt(b -> b.getBytes(StandardCharsets.UTF_8).length).sum()
                <= 50 * 1024);
        Set<String> used = new HashSet<>();
        for (Map<String, Object> response : customResponses(acl.inputs())) {
            assertTrue(Set.of(400.0, 403.0, 404.0, 429.0).contains(response.get("responseCode")), response.toString());
            used.add((String) response.get("customResponseBodyKey"));
            // At most 10 headers, names of 1-64 characters and never content-type, values of 1-255
            // (https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomHTTPHeader.html, limits page above).
            @SuppressWarnings("unchecked")
            var headers = (List<Map<String, Object>>) response.getOrDefault("responseHeaders", List.of());
            assertTrue(headers.size() <= 10);
            for (var header : headers) {
                String name = (String) header.get("name");
                assertTrue(name.length() <= 64 && !name.equalsIgnoreCase("content-type"), name);
                assertTrue(((String) header.get("value")).length() <= 255);
            }
        }
        assertEquals(bodies.keySet(), used);
        bodies.forEach((key, content) -> {
            assertTrue(key.matches("[\\w-]{1,128}"), key);
            assertTrue(content.getBytes(StandardCharsets.UTF_8).length <= 4096, key);
            var json = JsonParser.parseString(content).getAsJsonObject();
            assertEquals(Set.of("error", "message"), json.keySet(), key);
        });
        for (var body : Yaml.list(acl.inputs(), "customResponseBodies")) {
            assertEquals("APPLICATION_JSON", body.get("contentType"));
        }
        // Rule action overrides: at most 100 per group, each naming a rule by [0-9A-Za-z_-]{1,128}
        // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-wafv2-webacl-ruleactionoverride.html).
        for (var rule : Yaml.list(acl.inputs(), "rules").subList(0, 2)) {
            Map<String, Map<String, Object>> overrides = overrides(rule);
            assertTrue(overrides.size() <= 100);
            overrides.keySet().forEach(name -> assertTrue(name.matches("[0-9A-Za-z_-]{1,128}"), name));
        }
    }

    /**
     * What WAF blocked (and what a count-only rule matched) is kept in an encrypted log group WAF accepts as a
     * destination, without the headers that carry API keys; allowed requests are not logged.
     */
    @Test
    void refusedRequestsAreLoggedWithoutTheirApiKeys() {
        for (var run : KubernetesRuns.both()) {
            RecordedResource acl = run.result().single(ACL);
            RecordedResource logGroup = Plans.named(run.result(), "aws:cloudwatch/logGroup:LogGroup", "waf-log");
            assertEquals("aws-waf-logs-" + acl.inputs().get("name"), logGroup.input("name"));
            assertEquals(run.stack().observability().logs().retentionDays(),
                    ((Number) logGroup.input("retentionInDays")).intValue());
            assertEquals(Plans.keyArn(run.result()), logGroup.input("kmsKeyId"));

            RecordedResource logging = run.result().single(LOGGING);
            assertTrue(logging.dependsOn().containsAll(List.of(acl.key(), logGroup.key())),
                    logging.dependsOn().toString());
            List<?> destinations = (List<?>) logging.input("logDestinationConfigs");
            assertEquals(1, destinations.size());
            assertTrue(String.valueOf(destinations.getFirst()).endsWith(":log-group:aws-waf-logs-"
                    + acl.inputs().get("name")), destinations.toString());
            // The gateway reads a key from Authorization (Bearer) or X-API-Key: neither may reach the log.
            assertEquals(List.of("authorization", "x-api-key"), Yaml.list(logging.inputs(), "redactedFields").stream()
                    .map(field -> Yaml.at(field, "singleHeader.name")).toList());
            assertEquals("DROP", logging.input("loggingFilter.defaultBehavior"));
            var keep = Yaml.list(logging.inputs(), "loggingFilter.filters").getFirst();
            assertEquals("KEEP", keep.get("behavior"));
            assertEquals("MEETS_ANY", keep.get("requirement"));
            assertEquals(List.of("BLOCK", "EXCLUDED_AS_COUNT"), Yaml.list(keep, "conditions").stream()
                    .map(condition -> Yaml.at(condition, "actionCondition.action")).toList());
        }
    }

    @Test
    void withoutWafThereIsNoAclAndNoAnnotation() {
        OfflineRun.Result run = InfraHarness.run("dev", config -> config.put("users-platform:waf",
                "{\"enabled\":false}"));
        assertTrue(run.ofType(ACL).isEmpty());
        assertTrue(run.ofType(LOGGING).isEmpty());
        var ingress = run.ofType("kubernetes:networking.k8s.io/v1:Ingress").getFirst();
        assertFalse(map(ingress.inputs(), "metadata.annotations").containsKey(ANNOTATION));
    }

    /** The web ACL's custom response bodies by key. */
    private static Map<String, String> bodies(RecordedResource acl) {
        Map<String, String> bodies = new HashMap<>();
        for (var body : Yaml.list(acl.inputs(), "customResponseBodies")) {
            bodies.put((String) body.get("key"), (String) body.get("content"));
        }
        return bodies;
    }

    /** A managed group rule's action overrides by rule name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> overrides(Map<String, Object> rule) {
        Map<String, Map<String, Object>> overrides = new HashMap<>();
        for (var override : Yaml.list(rule, "statement.managedRuleGroupStatement.ruleActionOverrides")) {
            Map<String, Object> previous = overrides.put((String) override.get("name"),
                    (Map<String, Object>) override.get("actionToUse"));
            assertEquals(null, previous, "one override per rule: " + override.get("name"));
        }
        return overrides;
    }

    /** Every customResponse object anywhere in the inputs. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> customResponses(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("customResponse".equals(key)) {
                    found.add((Map<String, Object>) value);
                } else {
                    found.addAll(customResponses(value));
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> found.addAll(customResponses(item)));
        }
        return found;
    }
}
