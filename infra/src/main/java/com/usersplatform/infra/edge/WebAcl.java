package com.usersplatform.infra.edge;

import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.inputs.WebAclCustomResponseBodyArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockCustomResponseArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementRateBasedStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The AWS WAF v2 web ACL in front of the gateway's ALB (scope {@code REGIONAL}, the scope for ALBs): AWS's managed
 * Core rule set (its body-size rule counting only) and Known bad inputs rule group, then a rate-based rule answering
 * {@code 429} to any client address that exceeds the stack's limit in its window; everything else is allowed. The ALB is associated through the Ingress annotation
 * {@code alb.ingress.kubernetes.io/wafv2-acl-arn}, so the load balancer controller attaches it when it creates the
 * ALB (the controller's role may already call {@code wafv2:AssociateWebACL}).
 *
 * @see <a href="https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html">AWS managed rule groups: baseline (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet)</a>
 * @see <a href="https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html">Rate-based rule statement</a>
 * @see <a href="https://kubernetes-sigs.github.io/aws-load-balancer-controller/v2.7/guide/ingress/annotations/#wafv2-acl-arn">Ingress annotation wafv2-acl-arn</a>
 */
public final class WebAcl extends ComponentResource {

    /** Managed rule groups, in evaluation order. */
    static final List<String> MANAGED_RULE_GROUPS =
            List.of("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet");

    /**
     * Core rule set rules that only count: {@code SizeRestrictions_BODY} blocks bodies over 8 KB (baseline rule
     * groups page above), below the gateway's own body limit, which answers {@code 413} with the API's error body.
     */
    static final Map<String, List<String>> COUNT_ONLY_RULES =
            Map.of("AWSManagedRulesCommonRuleSet", List.of("SizeRestrictions_BODY"));

    /** Key of the JSON body the rate-based rule answers with. */
    static final String RATE_LIMITED_BODY = "rate-limited";
    /**
     * The rate-based rule's answer: {@code 429} with a body in the API's error shape (without a request id: the
     * request never reached a service), instead of WAF's bare {@code 403}.
     *
     * @see <a href="https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html">Custom responses for Block actions</a>
     */
    static final String RATE_LIMITED_JSON = "{\"error\":\"rate_limited\",\"message\":\"Too many requests from this"
            + " address; slow down and retry later\"}";

    /** ARN of the web ACL, for the Ingress annotation. */
    public final Output<String> arn;

    /**
     * @param aclName           name of the web ACL (also its CloudWatch metric prefix)
     * @param rateLimit         requests per window per client address before blocking
     * @param rateWindowSeconds the window, seconds
     */
    public WebAcl(String name, String aclName, int rateLimit, int rateWindowSeconds, ComponentResourceOptions options) {
        super("users-platform:edge:WebAcl", name, options);
        int priority = 0;
        List<WebAclRuleArgs> rules = new java.util.ArrayList<>();
        for (String group : MANAGED_RULE_GROUPS) {
            rules.add(WebAclRuleArgs.builder()
                    .name(group)
                    .priority(priority++)
                    // "none" keeps the group's own actions (block); "count" would only observe.
                    .overrideAction(WebAclRuleOverrideActionArgs.builder()
                            .none(WebAclRuleOverrideActionNoneArgs.builder().build()).build())
                    .statement(WebAclRuleStatementArgs.builder()
                            .managedRuleGroupStatement(WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                    .vendorName("AWS").name(group)
                                    .ruleActionOverrides(COUNT_ONLY_RULES.getOrDefault(group, List.of()).stream()
                                            .map(WebAcl::countOnly).toList())
                                    .build())
                            .build())
                    .visibilityConfig(ruleVisibility(aclName + "-" + group))
                    .build());
        }
        rules.add(WebAclRuleArgs.builder()
                .name("rate-per-address")
                .priority(priority)
                .action(WebAclRuleActionArgs.builder().block(WebAclRuleActionBlockArgs.builder()
                        .customResponse(WebAclRuleActionBlockCustomResponseArgs.builder()
                                .responseCode(429)
                                .customResponseBodyKey(RATE_LIMITED_BODY)
                                .build())
                        .build()).build())
                .statement(WebAclRuleStatementArgs.builder()
                        .rateBasedStatement(WebAclRuleStatementRateBasedStatementArgs.builder()
                                // The ALB passes WAF the connecting client's address (not X-Forwarded-For).
                                .aggregateKeyType("IP")
                                .limit(rateLimit)
                                .evaluationWindowSec(rateWindowSeconds)
                                .build())
                        .build())
                .visibilityConfig(ruleVisibility(aclName + "-rate"))
                .build());

        var acl = new com.pulumi.aws.wafv2.WebAcl(name, WebAclArgs.builder()
                .name(aclName)
                .description("Managed rule groups and a per-address rate limit in front of " + aclName)
                .scope("REGIONAL")
                .defaultAction(WebAclDefaultActionArgs.builder()
                        .allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(rules)
                .customResponseBodies(WebAclCustomResponseBodyArgs.builder()
                        .key(RATE_LIMITED_BODY).contentType("APPLICATION_JSON").content(RATE_LIMITED_JSON).build())
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true).metricName(aclName).sampledRequestsEnabled(true).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.arn = acl.arn();
        registerOutputs(Map.of("arn", arn));
    }

    private static WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs countOnly(String rule) {
        return WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs.builder()
                .name(rule)
                .actionToUse(WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs.builder()
                        .count(WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs
                                .builder().build())
                        .build())
                .build();
    }

    private static WebAclRuleVisibilityConfigArgs ruleVisibility(String metric) {
        return WebAclRuleVisibilityConfigArgs.builder()
                .cloudwatchMetricsEnabled(true).metricName(metric).sampledRequestsEnabled(true).build();
    }
}
