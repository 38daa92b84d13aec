package com.usersplatform.infra.edge;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.WebAclLoggingConfiguration;
import com.pulumi.aws.wafv2.WebAclLoggingConfigurationArgs;
import com.pulumi.aws.wafv2.inputs.WebAclCustomResponseBodyArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationLoggingFilterArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationLoggingFilterFilterArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationLoggingFilterFilterConditionActionConditionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationLoggingFilterFilterConditionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationRedactedFieldArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockCustomResponseArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockCustomResponseResponseHeaderArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseBlockCustomResponseArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementRateBasedStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;

/**
 * The AWS WAF v2 web ACL in front of the gateway's ALB (scope {@code REGIONAL}, the scope for ALBs): AWS's managed
 * Core rule set (its body-size rule counting only) and Known bad inputs rule group, whose blocks answer {@code 403}
 * with a body in the API's error shape, then a rate-based rule answering {@code 429} to any client address that
 * exceeds the stack's limit in its window; everything else is allowed. The ALB is associated through the Ingress
 * annotation {@code alb.ingress.kubernetes.io/wafv2-acl-arn}, so the load balancer controller attaches it when it
 * creates the ALB (the controller's role may already call {@code wafv2:AssociateWebACL}). The requests WAF blocks,
 * and those a count-only rule matched, are logged to CloudWatch Logs without their credentials.
 *
 * @see <a href="https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html">AWS managed rule groups: baseline (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet)</a>
 * @see <a href="https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html">Rate-based rule statement</a>
 * @see <a href="https://kubernetes-sigs.github.io/aws-load-balancer-controller/v2.7/guide/ingress/annotations/#wafv2-acl-arn">Ingress annotation wafv2-acl-arn</a>
 */
public final class WebAcl extends ComponentResource {

    /**
     * Core rule set rules that only count: {@code SizeRestrictions_BODY} blocks bodies over 8 KB (baseline rule
     * groups page above), below the gateway's own body limit, which answers {@code 413} with the API's error body.
     */
    static final Map<String, List<String>> COUNT_ONLY_RULES =
            Map.of("AWSManagedRulesCommonRuleSet", List.of("SizeRestrictions_BODY"));

    /**
     * An AWS managed rule group and every rule in it.
     *
     * @param name  the group's name (vendor AWS)
     * @param rules its rules, as the baseline rule groups page lists the latest static version
     */
    record ManagedGroup(String name, List<String> rules) {
    }

    /**
     * The managed rule groups, in evaluation order. Each rule is overridden by name to block with {@link #BLOCKED}
     * (or its own answer in {@link #RULE_ANSWERS}) instead of WAF's bare {@code 403}; a rule AWS adds later still
     * blocks, with WAF's own answer, until it is listed here (WAF ignores an override that names no rule of a managed
     * group: https://docs.aws.amazon.com/waf/latest/APIReference/API_RuleActionOverride.html).
     */
    static final List<ManagedGroup> MANAGED_GROUPS = List.of(
            new ManagedGroup("AWSManagedRulesCommonRuleSet", List.of("NoUserAgent_HEADER", "UserAgent_BadBots_HEADER",
                    "SizeRestrictions_QUERYSTRING", "SizeRestrictions_Cookie_HEADER", "SizeRestrictions_BODY",
                    "SizeRestrictions_URIPATH", "EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_COOKIE",
                    "EC2MetaDataSSRF_URIPATH", "EC2MetaDataSSRF_QUERYARGUMENTS", "GenericLFI_QUERYARGUMENTS",
                    "GenericLFI_URIPATH", "GenericLFI_BODY", "RestrictedExtensions_URIPATH",
                    "RestrictedExtensions_QUERYARGUMENTS", "GenericRFI_QUERYARGUMENTS", "GenericRFI_BODY",
                    "GenericRFI_URIPATH", "CrossSiteScripting_COOKIE", "CrossSiteScripting_QUERYARGUMENTS",
                    "CrossSiteScripting_BODY", "CrossSiteScripting_URIPATH")),
            new ManagedGroup("AWSManagedRulesKnownBadInputsRuleSet", List.of("JavaDeserializationRCE_HEADER",
                    "JavaDeserializationRCE_BODY", "JavaDeserializationRCE_URIPATH",
                    "JavaDeserializationRCE_QUERYSTRING", "Host_localhost_HEADER", "PROPFIND_METHOD",
                    "ExploitablePaths_URIPATH", "Log4JRCE_HEADER", "Log4JRCE_QUERYSTRING", "Log4JRCE_BODY",
                    "Log4JRCE_URIPATH", "ReactJSRCE_BODY")));

    /**
     * What WAF answers instead of its bare {@code 403}: a status and a body in the API's error shape, without a
     * request id (the request never reached a service). WAF allows 403 and 429 among custom response codes
     * (https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-status-codes.html), bodies of
     * at most 4 KB each and 50 per web ACL (https://docs.aws.amazon.com/waf/latest/developerguide/limits.html).
     *
     * @param status HTTP status
     * @param key    the web ACL's key of the body
     * @param json   the body
     * @see <a href="https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html">Custom responses for Block actions</a>
     */
    record Answer(int status, String key, String json) {
        static Answer of(int status, String key, String error, String message) {
            return new Answer(status, key, StableJson.of(Map.of("error", error, "message", message)));
        }
    }

    /**
     * How long WAF may take to notice that an address's rate fell below the limit and stop blocking it: "usually
     * below 30 seconds" (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-caveats.html).
     * A blocked client that waits one evaluation window plus this long is let through again, so that is its
     * {@code Retry-After}.
     */
    static final int UNBLOCK_DELAY_SECONDS = 30;

    /** The rate-based rule's answer. */
    static final Answer RATE_LIMITED = Answer.of(429, "rate-limited", "rate_limited",
            "Too many requests from this address; slow down and retry later");
    /** A managed rule's block. */
    static final Answer BLOCKED = Answer.of(403, "request-blocked", "request_blocked",
            "The request matched a web application firewall rule and was refused");
    /** Managed rules whose block says what to change: a client without a User-Agent is usually a script's default. */
    static final Map<String, Answer> RULE_ANSWERS = Map.of("NoUserAgent_HEADER", Answer.of(403,
            "user-agent-required", "request_blocked", "Requests must carry a User-Agent header"));

    /**
     * Request headers that carry an API key, never written to the WAF log (names in lower case, as WAF requires:
     * https://docs.aws.amazon.com/waf/latest/APIReference/API_SingleHeader.html).
     */
    static final List<String> REDACTED_HEADERS = List.of("authorization", "x-api-key");
    /**
     * What the WAF log keeps: requests blocked, and those a rule overridden to count matched
     * ({@code EXCLUDED_AS_COUNT}, https://docs.aws.amazon.com/waf/latest/APIReference/API_ActionCondition.html);
     * allowed traffic is dropped, so the log costs in proportion to what was refused.
     */
    static final List<String> LOGGED_ACTIONS = List.of("BLOCK", "EXCLUDED_AS_COUNT");

    /** ARN of the web ACL, for the Ingress annotation. */
    public final Output<String> arn;

    /**
     * @param aclName           name of the web ACL (also its CloudWatch metric prefix and, after
     *                          {@code aws-waf-logs-}, its log group's name)
     * @param rateLimit         requests per window per client address before blocking
     * @param rateWindowSeconds the window, seconds
     * @param kmsKeyArn         the stack's key, which encrypts the log group (its policy admits CloudWatch Logs)
     * @param logRetentionDays  retention of the log group, days
     */
    public WebAcl(String name, String aclName, int rateLimit, int rateWindowSeconds, Output<String> kmsKeyArn,
                  int logRetentionDays, ComponentResourceOptions options) {
        super("users-platform:edge:WebAcl", name, options);
        int priority = 0;
        List<WebAclRuleArgs> rules = new java.util.ArrayList<>();
        for (ManagedGroup group : MANAGED_GROUPS) {
            rules.add(WebAclRuleArgs.builder()
                    .name(group.name())
                    .priority(priority++)
                    // "none" keeps the group's own actions (block); "count" would only observe.
                    .overrideAction(WebAclRuleOverrideActionArgs.builder()
                            .none(WebAclRuleOverrideActionNoneArgs.builder().build()).build())
                    .statement(WebAclRuleStatementArgs.builder()
                            .managedRuleGroupStatement(WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                    .vendorName("AWS").name(group.name())
                                    .ruleActionOverrides(overrides(group))
                                    .build())
                            .build())
                    .visibilityConfig(ruleVisibility(aclName + "-" + group.name()))
                    .build());
        }
        rules.add(WebAclRuleArgs.builder()
                .name("rate-per-address")
                .priority(priority)
                .action(WebAclRuleActionArgs.builder().block(WebAclRuleActionBlockArgs.builder()
                        .customResponse(WebAclRuleActionBlockCustomResponseArgs.builder()
                                .responseCode(RATE_LIMITED.status())
                                .customResponseBodyKey(RATE_LIMITED.key())
                                // Custom response headers keep their names (only inserted request headers get
                                // WAF's x-amzn-waf- prefix): https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
                                .responseHeaders(WebAclRuleActionBlockCustomResponseResponseHeaderArgs.builder()
                                        .name("Retry-After")
                                        .value(Integer.toString(rateWindowSeconds + UNBLOCK_DELAY_SECONDS))
                                        .build())
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
                .customResponseBodies(answers().stream().map(answer -> WebAclCustomResponseBodyArgs.builder()
                        .key(answer.key()).contentType("APPLICATION_JSON").content(answer.json()).build()).toList())
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true).metricName(aclName).sampledRequestsEnabled(true).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.arn = acl.arn();
        var logGroup = log(name, aclName, acl, kmsKeyArn, logRetentionDays);
        registerOutputs(Map.of("arn", arn, "logGroup", logGroup.name()));
    }

    /**
     * The log of refused requests. WAF writes only to a destination whose name starts with {@code aws-waf-logs-},
     * and creates the CloudWatch Logs resource policy that lets it deliver there itself
     * (https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html): one policy per account
     * and region, AWSWAF-LOGS, which many web ACLs created and deleted over time can push past its size limit
     * (https://www.pulumi.com/registry/packages/aws/api-docs/wafv2/webaclloggingconfiguration/).
     */
    private LogGroup log(String name, String aclName, com.pulumi.aws.wafv2.WebAcl acl, Output<String> kmsKeyArn,
                         int retentionDays) {
        var child = CustomResourceOptions.builder().parent(this).build();
        var logGroup = new LogGroup(name + "-log", LogGroupArgs.builder()
                .name("aws-waf-logs-" + aclName)
                .retentionInDays(retentionDays)
                .kmsKeyId(kmsKeyArn)
                .build(), child);
        new WebAclLoggingConfiguration(name + "-logging", WebAclLoggingConfigurationArgs.builder()
                .resourceArn(acl.arn())
                .logDestinationConfigs(logGroup.arn().applyValue(List::of))
                .redactedFields(REDACTED_HEADERS.stream().map(header -> WebAclLoggingConfigurationRedactedFieldArgs
                        .builder().singleHeader(WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs.builder()
                                .name(header).build()).build()).toList())
                .loggingFilter(WebAclLoggingConfigurationLoggingFilterArgs.builder()
                        .defaultBehavior("DROP")
                        .filters(WebAclLoggingConfigurationLoggingFilterFilterArgs.builder()
                                .behavior("KEEP")
                                .requirement("MEETS_ANY")
                                .conditions(LOGGED_ACTIONS.stream().map(action ->
                                        WebAclLoggingConfigurationLoggingFilterFilterConditionArgs.builder()
                                                .actionCondition(
                                                        WebAclLoggingConfigurationLoggingFilterFilterConditionActionConditionArgs
                                                                .builder().action(action).build())
                                                .build()).toList())
                                .build())
                        .build())
                .build(), child);
        return logGroup;
    }

    /** Every answer a rule of the ACL refers to, once each. */
    static List<Answer> answers() {
        List<Answer> answers = new java.util.ArrayList<>(List.of(RATE_LIMITED, BLOCKED));
        answers.addAll(RULE_ANSWERS.values());
        return answers;
    }

    /** The group's rules: those in {@link #COUNT_ONLY_RULES} count, every other one blocks with its answer. */
    private static List<WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs> overrides(
            ManagedGroup group) {
        List<String> countOnly = COUNT_ONLY_RULES.getOrDefault(group.name(), List.of());
        return group.rules().stream().map(rule -> {
            var action = WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs.builder();
            if (countOnly.contains(rule)) {
                action.count(WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs
                        .builder().build());
            } else {
                Answer answer = RULE_ANSWERS.getOrDefault(rule, BLOCKED);
                action.block(WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseBlockArgs
                        .builder()
                        .customResponse(
                                WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseBlockCustomResponseArgs
                                        .builder()
                                        .responseCode(answer.status())
                                        .customResponseBodyKey(answer.key())
                                        .build())
                        .build());
            }
            return WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs.builder()
                    .name(rule).actionToUse(action.build()).build();
        }).toList();
    }

    private static WebAclRuleVisibilityConfigArgs ruleVisibility(String metric) {
        return WebAclRuleVisibilityConfigArgs.builder()
                .cloudwatchMetricsEnabled(true).metricName(metric).sampledRequestsEnabled(true).build();
    }
}
