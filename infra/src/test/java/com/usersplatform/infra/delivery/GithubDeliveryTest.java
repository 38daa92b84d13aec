package com.usersplatform.infra.delivery;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.offline.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI roles of each stack, read from the real program's registered inputs: who may assume each (trust
 * conditions) and what each may do.
 */
class GithubDeliveryTest {

    private static final String REPO = "users-platform/users-platform";
    private static final String ACCOUNT = "123456789012";
    private static final String POLICY_TYPE = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
    private static final String BINDING_TYPE = POLICY_TYPE + "Binding";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachRoleTrustsExactlyOneWorkflowContextOfTheRepository(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        String provider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
        Map<String, String> subjects = Map.of(
                "deploy", "repo:" + REPO + ":environment:" + stack,
                "preview", "repo:" + REPO + ":pull_request",
                "drift", "repo:" + REPO + ":ref:refs/heads/main",
                "images", "repo:" + REPO + ":ref:refs/heads/main",
                "rotation", "repo:" + REPO + ":environment:" + stack);
        subjects.forEach((job, subject) -> {
            JsonObject statement = onlyStatement(role(run, stack, job).inputs().get("assumeRolePolicy"));
            assertEquals("sts:AssumeRoleWithWebIdentity", statement.get("Action").getAsString(), job);
            assertEquals(provider, statement.getAsJsonObject("Principal").get("Federated").getAsString(), job);
            JsonObject equals = statement.getAsJsonObject("Condition").getAsJsonObject("StringEquals");
            assertEquals(Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                            "token.actions.githubusercontent.com:sub", subject),
                    equals.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().getAsString())), job);
            assertEquals(Set.of("StringEquals"), statement.getAsJsonObject("Condition").keySet(), job);
        });
        RecordedResource oidc = run.single("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assertEquals("https://token.actions.githubusercontent.com", oidc.inputs().get("url"));
        assertEquals(List.of("sts.amazonaws.com"), oidc.inputs().get("clientIdLists"));
    }

    @Test
    void aSecondStackInTheAccountReusesTheExistingOidcProvider() {
        String existing = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
        OfflineRun.Result run = InfraHarness.run("prod", config -> config.put("users-platform:delivery",
                "{\"githubOidcProviderArn\": \"" + existing + "\", \"githubRepository\": \"acme/platform\"}"));
        assertTrue(run.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").isEmpty());
        JsonObject statement = onlyStatement(role(run, "prod", "deploy").inputs().get("assumeRolePolicy"));
        assertEquals(existing, statement.getAsJsonObject("Principal").get("Federated").getAsString());
        assertEquals("repo:acme/platform:environment:prod", statement.getAsJsonObject("Condition")
                .getAsJsonObject("StringEquals").get("token.actions.githubusercontent.com:sub").getAsString());
    }

    @Test
    void pullRequestsGetReadOnlyAwsWithoutSecretValuesAndAViewOnlyCluster() {
        OfflineRun.Result run = InfraHarness.run("dev");
        assertEquals(Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), attachments(run, "dev", "preview"));
        JsonObject deny = onlyStatement(policy(run, "github-preview-no-secrets").inputs().get("policy"));
        assertEquals("Deny", deny.get("Effect").getAsString());
        assertEquals(Set.of("secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"), strings(deny.get("Action")));
        assertEquals("*", deny.get("Resource").getAsString());
        assertEquals(Map.of("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "cluster"),
                clusterPolicies(run, "github-preview"));
        assertEquals(3600.0, role(run, "dev", "preview").inputs().get("maxSessionDuration"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePreviewEntryCarriesTheDryRunGroupAndTheDriftEntryDoesNot(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        assertEquals(List.of("users-platform:preview"),
                accessEntry(run, "github-preview").inputs().get("kubernetesGroups"));
        assertFalse(strings(accessEntry(run, "github-drift").inputs().get("kubernetesGroups"))
                .contains("users-platform:preview"));
        assertEquals(Map.of("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "cluster"),
                clusterPolicies(run, "github-preview"));
    }

    /** Write verbs, bound only by RoleBindings in the namespaces the program's own objects live in. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "dev-without-monitoring"})
    void dryRunGrantsCoverTheManagedKindsInExactlyTheOwnedNamespaces(String variant) {
        OfflineRun.Result run = variant.equals("dev-without-monitoring")
                ? InfraHarness.run("dev", config -> config.put("users-platform:observability",
                        "{\"monitoringStack\": false}"))
                : InfraHarness.run(variant);
        List<RecordedResource> bindings = run.ofType("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").stream()
                .filter(b -> subjectGroups(b).contains(PreviewDryRun.GROUP)).toList();
        Set<String> owned = programsNamespacedObjects(run).stream()
                .map(r -> String.valueOf(r.input("metadata.namespace"))).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(owned.isEmpty());
        assertEquals(owned, bindings.stream().map(b -> String.valueOf(b.input("metadata.namespace")))
                .collect(Collectors.toCollection(TreeSet::new)), variant);
        assertEquals(owned.size(), bindings.size());
        for (RecordedResource binding : bindings) {
            assertEquals("ClusterRole", binding.input("roleRef.kind"));
            assertEquals(PreviewDryRun.CLUSTER_ROLE, binding.input("roleRef.name"));
        }
        assertTrue(run.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").stream()
                .noneMatch(b -> subjectGroups(b).contains(PreviewDryRun.GROUP)), "no cluster-wide grant");

        RecordedResource role = run.single("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole");
        Set<String> granted = new TreeSet<>();
        for (Object rule : (List<?>) role.inputs().get("rules")) {
            Map<?, ?> r = (Map<?, ?>) rule;
            assertEquals(Set.of("create", "update", "patch", "delete"), strings(r.get("verbs")), "verbs " + r);
            strings(r.get("apiGroups")).forEach(group -> strings(r.get("resources"))
                    .forEach(resource -> granted.add(group + "/" + resource)));
        }
        assertFalse(granted.stream().anyMatch(g -> g.contains("*") || g.endsWith("/secrets")), granted.toString());
        // Every kind of the program's namespaced objects, and no other.
        Set<String> managed = programsNamespacedObjects(run).stream()
                .map(GithubDeliveryTest::groupAndResource).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(granted.containsAll(managed),
                "not granted: " + managed.stream().filter(m -> !granted.contains(m)).toList());
        if (!variant.equals("dev-without-monitoring")) {
            // With every feature on, no grant names a kind the program does not manage.
            assertEquals(managed, granted);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void anAdmissionPolicyDeniesEveryNonDryRunRequestOfTheGroup(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource policy = run.single(POLICY_TYPE);
        assertEquals("Fail", policy.input("spec.failurePolicy"));
        List<?> conditions = (List<?>) policy.input("spec.matchConditions");
        assertEquals(1, conditions.size());
        assertEquals("'users-platform:preview' in request.userInfo.groups",
                ((Map<?, ?>) conditions.get(0)).get("expression"));
        List<?> validations = (List<?>) policy.input("spec.validations");
        assertEquals(1, validations.size());
        assertEquals("request.dryRun == true", ((Map<?, ?>) validations.get(0)).get("expression"));
        List<?> rules = (List<?>) policy.input("spec.matchConstraints.resourceRules");
        assertEquals(List.of(Map.of("apiGroups", List.of("*"), "apiVersions", List.of("*"), "operations", List.of("*"),
                "resources", List.of("*/*"))), rules);
        assertEquals(null, policy.input("spec.matchConstraints.namespaceSelector"));

        RecordedResource binding = run.single(BINDING_TYPE);
        assertEquals(policy.input("metadata.name"), binding.input("spec.policyName"));
        assertEquals(List.of("Deny"), binding.input("spec.validationActions"));
        // No matchResources: the binding narrows nothing the policy matches.
        assertEquals(null, binding.input("spec.matchResources"));
    }

    @Test
    void aClusterWithoutValidatingAdmissionPolicyV1IsRefused() {
        // Refused before any object is made: without the policy the grants would be write rights.
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PreviewDryRun.create("1.29", List.of("users-platform"), null));
        assertTrue(error.getMessage().contains("1.30+"), error.getMessage());
    }

    /** The group can never write: every grant waits for the binding, which waits for the policy. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGrantsWaitForTheDenyingPolicyBinding(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource policy = run.single(POLICY_TYPE);
        RecordedResource binding = run.single(BINDING_TYPE);
        assertTrue(binding.dependsOn().contains(policy.key()), binding.dependsOn().toString());
        List<RecordedResource> grants = run.resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:rbac.authorization.k8s.io/")).toList();
        assertFalse(grants.isEmpty());
        for (RecordedResource grant : grants) {
            assertTrue(grant.dependsOn().contains(binding.key()), grant.key() + " waits only for " + grant.dependsOn());
        }
    }

    @Test
    void driftMayReadExactlyWhatRefreshReads() {
        OfflineRun.Result run = InfraHarness.run("dev");
        assertEquals(Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), attachments(run, "dev", "drift"));
        JsonArray statements = statements(policy(run, "github-drift").inputs().get("policy"));
        JsonObject secrets = statements.get(0).getAsJsonObject();
        assertEquals(Set.of("secretsmanager:GetSecretValue"), strings(secrets.get("Action")));
        // Every secret whose value the program registers (and so refresh reads), and nothing else.
        Set<String> secretArns = run.ofType("aws:secretsmanager/secret:Secret").stream()
                .map(s -> "arn:aws:secretsmanager:eu-west-1:" + ACCOUNT + ":secret:" + s.name() + "-AbCdEf")
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(secretArns, strings(secrets.get("Resource")));
        JsonObject decrypt = statements.get(1).getAsJsonObject();
        assertEquals(Set.of("kms:Decrypt"), strings(decrypt.get("Action")));
        assertEquals("secretsmanager.eu-west-1.amazonaws.com", decrypt.getAsJsonObject("Condition")
                .getAsJsonObject("StringEquals").get("kms:ViaService").getAsString());
        assertDriftReadsTheHelmReleaseNamespaces(run);
        // Without the monitoring stack and the trace collector, their namespaces hold no release to read.
        assertDriftReadsTheHelmReleaseNamespaces(InfraHarness.run("dev", config -> config.put(
                "users-platform:observability", "{\"monitoringStack\": false, \"tracing\": {\"enabled\": false}}")));
    }

    /** Helm keeps release state in Secrets of each release's namespace: the drift role reads exactly those. */
    private static void assertDriftReadsTheHelmReleaseNamespaces(OfflineRun.Result run) {
        Set<String> releaseNamespaces = run.ofType("kubernetes:helm.sh/v3:Release").stream()
                .map(r -> String.valueOf(r.inputs().get("namespace"))).collect(Collectors.toCollection(TreeSet::new));
        RecordedResource adminView = run.resources().stream()
                .filter(r -> r.name().equals("github-drift-AmazonEKSAdminViewPolicy")).findFirst()
                .orElseThrow();
        assertEquals("namespace", adminView.input("accessScope.type"));
        assertEquals(releaseNamespaces, new TreeSet<>(strings(adminView.input("accessScope.namespaces"))));
    }

    @Test
    void rotationMayRotateTheOneSecretAndInvokeItsFunction() {
        OfflineRun.Result run = InfraHarness.run("prod");
        JsonArray statements = statements(policy(run, "github-rotation").inputs().get("policy"));
        assertEquals(2, statements.size());
        JsonObject rotate = statements.get(0).getAsJsonObject();
        assertEquals(Set.of("secretsmanager:RotateSecret", "secretsmanager:DescribeSecret"), strings(rotate.get("Action")));
        String redisSecret = run.ofType("aws:secretsmanager/secretRotation:SecretRotation").get(0).inputs()
                .get("secretId").toString();
        assertEquals(Set.of(redisSecret), strings(rotate.get("Resource")));
        JsonObject invoke = statements.get(1).getAsJsonObject();
        assertEquals(Set.of("lambda:InvokeFunction"), strings(invoke.get("Action")));
        // A function's ARN is arn:aws:lambda:<region>:<account>:function:<its name>.
        String functionName = run.single("aws:lambda/function:Function").inputs().get("name").toString();
        assertEquals(Set.of("arn:aws:lambda:" + region(run) + ":" + ACCOUNT + ":function:" + functionName),
                strings(invoke.get("Resource")));
    }

    @Test
    void imagesMayPushOnlyToTheStacksRepositories() {
        OfflineRun.Result run = InfraHarness.run("dev");
        JsonArray statements = statements(policy(run, "github-images").inputs().get("policy"));
        assertEquals(Set.of("ecr:GetAuthorizationToken"), strings(statements.get(0).getAsJsonObject().get("Action")));
        assertEquals(Set.of("arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/users-platform-dev/gateway",
                        "arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/users-platform-dev/users"),
                strings(statements.get(1).getAsJsonObject().get("Resource")));
        assertTrue(attachments(run, "dev", "images").isEmpty());
    }

    @Test
    void onlyTheDeployRoleCanChangeTheStackAndItsSessionOutlivesTheDeployJob() throws IOException {
        OfflineRun.Result run = InfraHarness.run("prod");
        for (String job : List.of("preview", "drift", "images", "rotation")) {
            assertFalse(attachments(run, "prod", job).contains("arn:aws:iam::aws:policy/AdministratorAccess"), job);
        }
        assertEquals(Set.of("arn:aws:iam::aws:policy/AdministratorAccess"), attachments(run, "prod", "deploy"));
        assertEquals(Map.of("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "cluster"),
                clusterPolicies(run, "github-deploy"));
        double maxSession = (Double) role(run, "prod", "deploy").inputs().get("maxSessionDuration");
        // The deploy workflow asks for this session length; STS refuses more than the role's maximum.
        String workflow = Files.readString(StackFiles.repositoryRoot().resolve(".github/workflows/deploy-stack.yml"));
        assertTrue(workflow.contains("role-duration-seconds: \"" + (int) maxSession + "\""), workflow);
        int jobMinutes = Integer.parseInt(workflow.replaceAll("(?s).*?\\n    timeout-minutes: (\\d+).*", "$1"));
        assertTrue(maxSession > jobMinutes * 60, "session " + maxSession + " s must outlive the job's " + jobMinutes + " min");
    }

    private static RecordedResource accessEntry(OfflineRun.Result run, String name) {
        return run.ofType("aws:eks/accessEntry:AccessEntry").stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no access entry " + name));
    }

    /** The program's own namespaced Kubernetes objects: no Helm release, not the grants themselves. */
    private static List<RecordedResource> programsNamespacedObjects(OfflineRun.Result run) {
        return run.resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:") && r.input("metadata.namespace") != null
                        && !r.type().endsWith(":RoleBinding") && !r.type().equals("kubernetes:helm.sh/v3:Release"))
                .toList();
    }

    private static Set<String> subjectGroups(RecordedResource binding) {
        Set<String> groups = new TreeSet<>();
        for (Object subject : (List<?>) binding.inputs().getOrDefault("subjects", List.of())) {
            Map<?, ?> s = (Map<?, ?>) subject;
            if ("Group".equals(s.get("kind"))) {
                groups.add(String.valueOf(s.get("name")));
            }
        }
        return groups;
    }

    /** {@code kubernetes:apps/v1:Deployment} to {@code apps/deployments} (core group: empty). */
    private static String groupAndResource(RecordedResource object) {
        String apiVersion = object.type().split(":")[1];
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = object.type().substring(object.type().lastIndexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
        String plural = kind.endsWith("s") ? kind + "es"
                : kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
        return (group.equals("core") ? "" : group) + "/" + plural;
    }

    private static RecordedResource role(OfflineRun.Result run, String stack, String job) {
        return run.ofType("aws:iam/role:Role").stream()
                .filter(r -> r.name().equals("github-" + job)
                        && ("users-platform-" + stack + "-github-" + job).equals(r.inputs().get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no role for " + job));
    }

    private static RecordedResource policy(OfflineRun.Result run, String name) {
        return run.ofType("aws:iam/rolePolicy:RolePolicy").stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no inline policy " + name));
    }

    private static Set<String> attachments(OfflineRun.Result run, String stack, String job) {
        String prefix = "github-" + job + "-";
        return run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(r -> r.name().startsWith(prefix))
                .map(r -> String.valueOf(r.inputs().get("policyArn"))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> clusterPolicies(OfflineRun.Result run, String entry) {
        return run.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").stream()
                .filter(r -> r.name().startsWith(entry + "-"))
                .collect(Collectors.toMap(r -> String.valueOf(r.inputs().get("policyArn")),
                        r -> String.valueOf(r.input("accessScope.type"))));
    }

    private static String region(OfflineRun.Result run) {
        return String.valueOf(run.single("pulumi:providers:aws").inputs().get("region"));
    }

    private static JsonArray statements(Object policy) {
        return JsonParser.parseString(String.valueOf(policy)).getAsJsonObject().getAsJsonArray("Statement");
    }

    private static JsonObject onlyStatement(Object policy) {
        JsonArray statements = statements(policy);
        assertEquals(1, statements.size(), String.valueOf(policy));
        return statements.get(0).getAsJsonObject();
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new TreeSet<>();
        if (value instanceof JsonElement json) {
            if (json.isJsonArray()) {
                json.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
            } else {
                out.add(json.getAsString());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(e -> out.add(String.valueOf(e)));
        }
        return out;
    }

}
