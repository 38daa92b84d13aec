package com.usersplatform.infra.ingress;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.args.ComponentArgs;

import java.util.List;
import java.util.Optional;

/**
 * Inputs of {@link GatewayIngress}; build them with {@link #builder()}. All required, except the optional ones, which
 * default to empty ({@link ComponentArgs}).
 *
 * @param namespace          the services' namespace
 * @param serviceName        the gateway's ClusterIP Service
 * @param servicePort        the gateway's port (3000)
 * @param certificateArn     ACM certificate; present: HTTPS on 443 and HTTP redirected to it; empty: HTTP only
 * @param hostname           host the rule answers for; empty answers any host
 * @param allowedSourceCidrs client CIDRs the ALB admits
 * @param controller         the load balancer controller's release: its webhooks must exist before the Ingress
 * @param hostedZoneId       Route 53 zone that gets the hostname's alias record; empty: no record, and the URL is
 *                           the ALB's own name
 * @param wafAclArn          the WAF web ACL associated with the ALB (annotation {@code wafv2-acl-arn}); empty: none
 */
@ComponentArgs
public record GatewayIngressArgs(Output<String> namespace, Output<String> serviceName, Integer servicePort,
                                 Optional<Output<String>> certificateArn, Optional<String> hostname,
                                 List<String> allowedSourceCidrs, Resource controller, Optional<String> hostedZoneId,
                                 Optional<Output<String>> wafAclArn) {
    public GatewayIngressArgs {
        allowedSourceCidrs = List.copyOf(allowedSourceCidrs);
        if (allowedSourceCidrs.isEmpty()) {
            throw new IllegalArgumentException("ingress.allowedSourceCidrs: at least one CIDR is required");
        }
    }

    public static GatewayIngressArgsBuilder builder() {
        return GatewayIngressArgsBuilder.builder();
    }
}
