package com.usersplatform.infra.ingress;

import com.pulumi.core.Output;

/**
 * Inputs of {@link LoadBalancerController}.
 *
 * @param clusterName EKS cluster the controller manages load balancers for
 * @param vpcId       VPC of the cluster (given explicitly so the controller needs no IMDS access: hop limit 1)
 * @param region      AWS region
 * @param replicas    controller replicas (2 in production)
 */
public record LoadBalancerControllerArgs(Output<String> clusterName, Output<String> vpcId, String region,
                                         int replicas) {
}
