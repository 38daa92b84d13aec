package com.usersplatform.stacks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway is exposed: an internet-facing ALB created by the AWS Load Balancer Controller.
 *
 * @param certificateArn ACM certificate (in the stack's region) for HTTPS; unset with a {@code hostedZoneId}: the
 *        program makes a DNS-validated certificate for the hostname; unset without one: plain HTTP, which
 *        production refuses
 * @param hostname DNS name the ALB answers for; unset answers any host
 * @param allowedSourceCidrs client CIDRs the ALB's security group admits
 * @param hostedZoneId Route 53 public hosted zone of the hostname (e.g. {@code Z0123456789ABCDEFGHIJ}): the program
 *        adds the alias record for the hostname (and the certificate's validation record), and {@code gatewayUrl} is
 *        the hostname; unset: nothing creates DNS records and {@code gatewayUrl} is the ALB's own DNS name
 */
public record IngressConfig(Optional<String> certificateArn, Optional<String> hostname, List<String> allowedSourceCidrs,
                            Optional<String> hostedZoneId) {

    /** Defaults: no certificate, any hostname, open to the internet, no DNS records. */
    public static final IngressConfig DEFAULTS = new IngressConfig(Optional.empty(), Optional.empty(),
            List.of("0.0.0.0/0"), Optional.empty());

    public IngressConfig {
        Objects.requireNonNull(certificateArn, "certificateArn");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(hostedZoneId, "hostedZoneId");
        allowedSourceCidrs = List.copyOf(Objects.requireNonNull(allowedSourceCidrs, "allowedSourceCidrs"));
    }

    /** Whether the ALB terminates TLS (a certificate is configured, or the program makes one in the zone). */
    public boolean tls() {
        return certificateArn.isPresent() || hostedZoneId.isPresent();
    }
}
