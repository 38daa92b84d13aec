package com.usersplatform.infra.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A Kubernetes custom resource (ExternalSecret, SecretStore, ServiceMonitor, PrometheusRule...).
 *
 * <p>The Java SDK of pulumi-kubernetes 4.0.0 has no {@code apiextensions.CustomResource}; this is the thinnest typed
 * binding of the provider's convention (type token {@code kubernetes:<apiVersion>:<kind>}, inputs apiVersion, kind,
 * metadata, spec — as in the Node SDK's {@code apiextensions.CustomResource}), so a newer SDK's class can replace it.
 */
public final class CustomObject extends CustomResource {

    public CustomObject(String name, Args args, CustomResourceOptions options) {
        super("kubernetes:" + args.apiVersion + ":" + args.kind, name, args, options);
    }

    /** Inputs of a custom resource; {@code spec} is the object's spec as plain maps, lists and scalars. */
    public static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final String apiVersion;
        @Import(name = "kind", required = true)
        private final String kind;
        @Import(name = "metadata", required = true)
        private final ObjectMetaArgs metadata;
        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        public Args(String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.metadata = metadata;
            this.spec = spec;
        }
    }
}
