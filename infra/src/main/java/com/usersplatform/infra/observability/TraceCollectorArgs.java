package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.Map;

/**
 * Inputs of {@link TraceCollector}.
 *
 * @param namespace   the services' namespace, where the collector runs (behind its default-deny policy)
 * @param namespaceResource what creates that namespace (everything here waits for it)
 * @param clusterName EKS cluster of the Pod Identity association
 * @param region      region of the X-Ray endpoint the collector writes to
 * @param senders     service name to the labels of the pods that send it spans (gateway, users)
 * @param replicas    collector replicas (2 in production)
 */
public record TraceCollectorArgs(String namespace, Resource namespaceResource, Output<String> clusterName,
                                 String region,
                                 Map<String, Map<String, String>> senders, int replicas) {

    public TraceCollectorArgs {
        senders = Map.copyOf(senders);
    }
}
