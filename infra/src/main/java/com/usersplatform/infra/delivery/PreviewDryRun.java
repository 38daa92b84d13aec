package com.usersplatform.infra.delivery;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRole;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.kubernetes.CustomObject;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes dry-run rights for the pull-request preview role's group, and nothing that can write.
 *
 * <p>{@code pulumi preview} with server-side apply sends the change as a dry-run request, and "authorization for
 * dry-run and non-dry-run requests is identical"
 * (https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run-authorization): RBAC cannot grant a dry-run
 * alone. So the group gets write verbs on the kinds the program manages, only in the namespaces it owns (RoleBindings
 * of one ClusterRole), and a ValidatingAdmissionPolicy rejects every request of the group that is not a dry-run.
 * Admission runs after authorization on every create, update, patch and delete, dry-run or not
 * (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/); a dry-run never persists.
 *
 * <p>ValidatingAdmissionPolicy is {@code admissionregistration.k8s.io/v1}, stable since Kubernetes 1.30
 * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/); the stacks pin EKS 1.33, and
 * {@link #create} refuses a cluster older than {@link #MIN_KUBERNETES_MINOR}.
 * The pulumi-kubernetes 4.0.0 Java SDK only has its v1alpha1 classes, so the v1 objects are {@link CustomObject}s
 * (the provider handles any {@code kubernetes:<apiVersion>:<kind>} token generically, as it does custom resources).
 */
final class PreviewDryRun {

    /** The Kubernetes group of the preview role's access entry (RBAC subject and admission-policy match). */
    static final String GROUP = "users-platform:preview";
    /** Kubernetes minor version from which admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is served. */
    static final int MIN_KUBERNETES_MINOR = 30;
    static final String POLICY = "users-platform-preview-dry-run-only";
    static final String CLUSTER_ROLE = "users-platform:preview-dry-run";
    private static final String ADMISSION = "admissionregistration.k8s.io/v1";
    /**
     * The resources the program's own objects are, by API group (delivery.GithubDeliveryTest checks this against
     * every namespaced object the program registers). Reads come from the access entry's view policy.
     */
    static final Map<String, List<String>> MANAGED = new TreeMap<>(Map.of(
            "", List.of("configmaps", "serviceaccounts", "services"),
            "apps", List.of("deployments"),
            "autoscaling", List.of("horizontalpodautoscalers"),
            "policy", List.of("poddisruptionbudgets"),
            "networking.k8s.io", List.of("ingresses", "networkpolicies"),
            "external-secrets.io", List.of("externalsecrets", "secretstores"),
            "monitoring.coreos.com", List.of("prometheusrules", "servicemonitors")));
    /** Server-side apply is a patch, which creates the object when it is missing; deletes are previewed too. */
    static final List<String> VERBS = List.of("create", "update", "patch", "delete");
    /**
     * The CEL condition every request of the group must meet. {@code request} is the AdmissionRequest
     * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-expression),
     * whose {@code dryRun} is true for a dry-run; an evaluation error falls to failurePolicy Fail, which denies.
     */
    static final String DRY_RUN_ONLY = "request.dryRun == true";
    /** Match condition (CEL): the request comes from the preview group, whatever else the user is. */
    static final String FROM_PREVIEW_GROUP = "'" + GROUP + "' in request.userInfo.groups";

    private PreviewDryRun() {
    }

    /** Creates the policy, its binding, and then (never before the binding) the RBAC grants. */
    static void create(String kubernetesVersion, List<String> namespaces, Resource parent) {
        int minor = Integer.parseInt(kubernetesVersion.substring(kubernetesVersion.indexOf('.') + 1));
        if (minor < MIN_KUBERNETES_MINOR) {
            throw new IllegalArgumentException("Kubernetes " + kubernetesVersion + " has no admissionregistration.k8s.io/v1"
                    + " ValidatingAdmissionPolicy (1." + MIN_KUBERNETES_MINOR + "+), which keeps the preview role"
                    + " dry-run only");
        }
        var child = CustomResourceOptions.builder().parent(parent).build();
        var policy = new CustomObject("preview-dry-run-only", new CustomObject.Args(ADMISSION,
                "ValidatingAdmissionPolicy", ObjectMetaArgs.builder().name(POLICY).build(), Output.of(policySpec())),
                child);
        var binding = new CustomObject("preview-dry-run-only", new CustomObject.Args(ADMISSION,
                "ValidatingAdmissionPolicyBinding", ObjectMetaArgs.builder().name(POLICY).build(),
                Output.of(Map.of("policyName", POLICY, "validationActions", List.of("Deny")))),
                CustomResourceOptions.builder().parent(parent).dependsOn(policy).build());
        // Pulumi deletes in reverse: the grants go before the policy that makes them harmless.
        var afterBinding = CustomResourceOptions.builder().parent(parent).dependsOn(binding).build();
        new ClusterRole("preview-dry-run", ClusterRoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(CLUSTER_ROLE).build())
                .rules(MANAGED.entrySet().stream().map(e -> PolicyRuleArgs.builder()
                        .apiGroups(e.getKey()).resources(e.getValue()).verbs(VERBS).build()).toList())
                .build(), afterBinding);
        // RoleBindings of a ClusterRole grant its rules in their own namespace only
        // (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding).
        for (String namespace : namespaces) {
            new RoleBinding("preview-dry-run-" + namespace, RoleBindingArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(CLUSTER_ROLE).namespace(namespace).build())
                    .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                            .name(CLUSTER_ROLE).build())
                    .subjects(SubjectArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("Group")
                            .name(GROUP).build())
                    .build(), afterBinding);
        }
    }

    private static Map<String, Object> policySpec() {
        return Map.of(
                // Fail: a policy that cannot be evaluated denies (the default, stated so no edit weakens it).
                "failurePolicy", "Fail",
                // "*/*" is every resource and every subresource.
                "matchConstraints", Map.of("resourceRules", List.of(Map.of(
                        "apiGroups", List.of("*"), "apiVersions", List.of("*"),
                        "operations", List.of("*"), "resources", List.of("*/*")))),
                "matchConditions", List.of(Map.of("name", "from-preview-group", "expression", FROM_PREVIEW_GROUP)),
                "validations", List.of(Map.of("expression", DRY_RUN_ONLY, "reason", "Forbidden",
                        "message", "the pull-request preview role may only send dry-run requests")));
    }
}
