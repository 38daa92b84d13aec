package com.usersplatform.stacks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway is exposed: an internet-facing ALB created by the AWS Load Balancer Controller.
 *
 * @param certificateArn ACM certificate (in the stack's region) for HTTPS; without it the ALB serves plain HTTP,
 *        which production refuses
 * @param hostname DNS name the ALB answers for; unset answers any host
 * @param allowedSourceCidrs client CIDRs the ALB's security group admits
 */
public record IngressConfig(Optional<String> certificateArn, Optional<String> hostname, List<String> allowedSourceCidrs) {

    /** Defaults: no certificate, any hostname, open to the internet. */
    public static final IngressConfig DEFAULTS = new IngressConfig(Optional.empty(), Optional.empty(), List.of("0.0.0.0/0"));

    public IngressConfig {
        Objects.requireNonNull(certificateArn, "certificateArn");
        Objects.requireNonNull(hostname, "hostname");
        allowedSourceCidrs = List.copyOf(Objects.requireNonNull(allowedSourceCidrs, "allowedSourceCidrs"));
    }

    /** Whether the ALB terminates TLS (a certificate is configured). */
    public boolean tls() {
        return certificateArn.isPresent();
    }
}
