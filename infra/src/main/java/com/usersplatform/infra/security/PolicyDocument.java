package com.usersplatform.infra.security;

import com.pulumi.core.Output;
import com.usersplatform.infra.json.StableJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents built in code, so resources are named by their (output) ARNs and never left as {@code *} by
 * accident. Statements keep their order; the JSON is stable between runs.
 */
public final class PolicyDocument {

    private final List<Statement> statements = new ArrayList<>();

    /**
     * One {@code Allow} statement.
     *
     * @param sid       statement id, for reading the policy
     * @param actions   IAM actions
     * @param resources resource ARNs (outputs of the resources they name)
     * @param condition IAM condition block, empty for none
     */
    public record Statement(String sid, List<String> actions, List<Output<String>> resources,
                            Map<String, Map<String, String>> condition) {
    }

    /** Adds an {@code Allow} statement without conditions. */
    public PolicyDocument allow(String sid, List<String> actions, List<Output<String>> resources) {
        return allow(sid, actions, resources, Map.of());
    }

    /** Adds an {@code Allow} statement with a condition block. */
    public PolicyDocument allow(String sid, List<String> actions, List<Output<String>> resources,
                                Map<String, Map<String, String>> condition) {
        statements.add(new Statement(sid, List.copyOf(actions), List.copyOf(resources), condition));
        return this;
    }

    /** The document as JSON, once every resource ARN is known. */
    public Output<String> toJson() {
        List<Output<List<String>>> resolved = statements.stream().map(s -> Output.all(s.resources())).toList();
        return Output.all(resolved).applyValue(resourceLists -> {
            List<Map<String, Object>> rendered = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                Statement s = statements.get(i);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("Sid", s.sid());
                json.put("Effect", "Allow");
                json.put("Action", s.actions());
                json.put("Resource", resourceLists.get(i));
                if (!s.condition().isEmpty()) {
                    json.put("Condition", s.condition());
                }
                rendered.add(json);
            }
            return toJson(Map.of("Version", "2012-10-17", "Statement", rendered));
        });
    }

    /** A trust policy letting the given AWS service principals assume a role (with {@code extraActions}, e.g. {@code sts:TagSession}). */
    public static String trustPolicy(List<String> servicePrincipals, List<String> extraActions) {
        List<String> actions = new ArrayList<>(List.of("sts:AssumeRole"));
        actions.addAll(extraActions);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", servicePrincipals));
        statement.put("Action", actions);
        return toJson(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }

    private static String toJson(Map<String, Object> document) {
        return StableJson.of(document);
    }
}
