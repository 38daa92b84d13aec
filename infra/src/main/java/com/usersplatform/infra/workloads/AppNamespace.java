package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.kubernetes.Labels;

import java.util.Map;
import java.util.TreeMap;

/**
 * The services' namespace, enforcing the Pod Security Standard {@code restricted} (enforce, audit and warn), so a
 * pod that is not fully hardened is refused by the API server itself.
 * See https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
public final class AppNamespace extends ComponentResource {

    /** The namespace's name, resolved once the Namespace exists. */
    public final Output<String> name;

    /** @param args the namespace name */
    public AppNamespace(String name, Args args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:AppNamespace", name, options);
        var namespace = new Namespace(name, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(args.namespace()).labels(labels()).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.name = namespace.metadata().applyValue(meta -> meta.name().orElse(args.namespace()));
        registerOutputs(Map.of("name", this.name));
    }

    /**
     * The AWS Load Balancer Controller's pod webhook adds a readiness gate to pods created in a namespace with this
     * label: a new pod is Ready only once its ALB target is healthy, so a rolling update never leaves the target
     * group with only draining targets. Pods are mutated at creation, so the Deployments wait for the controller.
     *
     * @see <a href="https://kubernetes-sigs.github.io/aws-load-balancer-controller/v2.7/deploy/pod_readiness_gate/">Pod readiness gate</a>
     */
    public static final String READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

    static Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            labels.put("pod-security.kubernetes.io/" + mode, "restricted");
            labels.put("pod-security.kubernetes.io/" + mode + "-version", "latest");
        }
        labels.put("app.kubernetes.io/part-of", Labels.PART_OF);
        labels.put(READINESS_GATE_LABEL, "enabled");
        return labels;
    }

    /** @param namespace namespace name, e.g. {@code users-platform} */
    public record Args(String namespace) {
    }
}
