package com.usersplatform.infra.ingress;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An ACM certificate for one hostname, validated through DNS in the stack's Route 53 zone: the certificate (in the
 * stack's region, where the ALB is: an ALB uses only certificates of its own region), the CNAME record ACM asks for,
 * and the validation that waits until ACM has issued it (usually minutes; up to the provider's create timeout).
 * {@link #arn} resolves only once the certificate is issued, so the Ingress that names it never points the ALB at a
 * pending certificate.
 *
 * @see <a href="https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html">ACM DNS validation</a>
 */
public final class PublicCertificate extends ComponentResource {

    /** ARN of the issued certificate. */
    public final Output<String> arn;

    public PublicCertificate(String name, String hostname, String hostedZoneId, ComponentResourceOptions options) {
        super("users-platform:ingress:PublicCertificate", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var certificate = new Certificate(name, CertificateArgs.builder()
                .domainName(hostname)
                .validationMethod("DNS")
                .build(), child);
        // One hostname, so ACM asks for exactly one record.
        Output<CertificateDomainValidationOption> option = certificate.domainValidationOptions()
                .applyValue(List::getFirst);
        var validationRecord = new Record(name + "-validation", RecordArgs.builder()
                .zoneId(hostedZoneId)
                .name(field(option, CertificateDomainValidationOption::resourceRecordName))
                .type(field(option, CertificateDomainValidationOption::resourceRecordType).applyValue(Either::ofLeft))
                .records(field(option, CertificateDomainValidationOption::resourceRecordValue).applyValue(List::of))
                .ttl(300)
                .allowOverwrite(true)
                .build(), child);
        var validation = new CertificateValidation(name, CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(validationRecord.fqdn().applyValue(List::of))
                .build(), child);
        this.arn = validation.certificateArn();
        registerOutputs(Map.of("arn", arn));
    }

    private static Output<String> field(Output<CertificateDomainValidationOption> option,
                                        Function<CertificateDomainValidationOption, java.util.Optional<String>> getter) {
        return option.applyValue(o -> getter.apply(o).orElseThrow(
                () -> new IllegalStateException("ACM returned an incomplete validation option")));
    }
}
