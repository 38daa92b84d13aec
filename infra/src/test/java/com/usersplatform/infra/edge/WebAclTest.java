package com.usersplatform.infra.edge;

import static com.usersplatform.infra.workloads.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.workloads.KubernetesRuns;
import com.usersplatform.infra.workloads.Yaml;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's ALB is behind a WAF web ACL sized from the stack, attached through the Ingress annotation. */
class WebAclTest {

    private static final String ACL = "aws:wafv2/webAcl:WebAcl";
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
            // The body-size rule only counts: the gateway's own limit answers 413 with the API's error body.
            assertEquals(List.of(Map.of("name", "SizeRestrictions_BODY", "actionToUse", Map.of("count", Map.of()))),
                    Yaml.at(rules.get(0), "statement.managedRuleGroupStatement.ruleActionOverrides"));
            assertEquals(List.of(), Yaml.at(rules.get(1), "statement.managedRuleGroupStatement.ruleActionOverrides"));
            // An address over the limit gets 429 and a body in the API's error shape, not WAF's bare 403.
            assertEquals(Map.of("responseCode", 429.0, "customResponseBodyKey", "rate-limited"),
                    Yaml.at(rules.get(2), "action.block.customResponse"));
            Map<String, Object> body = Yaml.list(acl.inputs(), "customResponseBodies").getFirst();
            assertEquals("rate-limited", body.get("key"));
            assertEquals("APPLICATION_JSON", body.get("contentType"));
            var json = com.google.gson.JsonParser.parseString((String) body.get("content")).getAsJsonObject();
            assertEquals("rate_limited", json.get("error").getAsString());

            String ns = com.usersplatform.infra.ClusterServices.NAMESPACE;
            var ingress = run.document("Ingress", ns, "gateway");
            // Behind the ALB the gateway believes exactly the entry the ALB appends to X-Forwarded-For.
            assertEquals("1", map(run.document("ConfigMap", ns, "gateway-config"), "data").get("RATE_LIMIT_TRUSTED_HOPS"));
            assertEquals("arn:aws:wafv2:eu-west-1:123456789012:webacl/waf",
                    map(ingress, "metadata.annotations").get(ANNOTATION));
        }
    }

    @Test
    void withoutWafThereIsNoAclAndNoAnnotation() {
        OfflineRun.Result run = InfraHarness.run("dev", config -> config.put("users-platform:waf",
                "{\"enabled\":false}"));
        assertTrue(run.ofType(ACL).isEmpty());
        var ingress = run.ofType("kubernetes:networking.k8s.io/v1:Ingress").getFirst();
        assertFalse(map(ingress.inputs(), "metadata.annotations").containsKey(ANNOTATION));
    }
}
