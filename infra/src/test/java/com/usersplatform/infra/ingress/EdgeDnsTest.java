package com.usersplatform.infra.ingress;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a hosted zone, the hostname gets a DNS-validated certificate and an alias record; without, the ALB's name. */
class EdgeDnsTest {

    private static final String ZONE = "Z0123456789ABCDEFGHIJ";
    private static final String HOST = "api.users-platform.example.com";
    private static final String RECORD = "aws:route53/record:Record";

    private static OfflineRun.Result prodWithIngress(String ingressJson) {
        return InfraHarness.run("prod", config -> config.put("users-platform:ingress", ingressJson));
    }

    private static RecordedResource ingress(OfflineRun.Result run) {
        return run.single("kubernetes:networking.k8s.io/v1:Ingress");
    }

    private static String albHostname(OfflineRun.Result run) {
        return "k8s-standin-" + ingress(run).name() + ".eu-west-1.elb.amazonaws.com";
    }

    @Test
    void withoutAZoneNothingCreatesRecordsAndTheUrlIsTheAlbsOwnName() {
        OfflineRun.Result run = InfraHarness.run("prod");
        assertEquals(List.of(), run.ofType(RECORD));
        assertEquals(List.of(), run.ofType("aws:acm/certificate:Certificate"));
        assertEquals("https://" + albHostname(run), run.outputs().get("gatewayUrl"));
    }

    @Test
    void withAZoneTheProgramMakesADnsValidatedCertificateAndTheAliasRecord() {
        OfflineRun.Result run = prodWithIngress("{\"hostname\":\"" + HOST + "\",\"hostedZoneId\":\"" + ZONE + "\"}");
        RecordedResource certificate = run.single("aws:acm/certificate:Certificate");
        assertEquals(HOST, certificate.input("domainName"));
        assertEquals("DNS", certificate.input("validationMethod"));

        RecordedResource validationRecord = run.ofType(RECORD).stream()
                .filter(r -> "CNAME".equals(r.input("type"))).findFirst().orElseThrow();
        assertEquals(ZONE, validationRecord.input("zoneId"));
        assertEquals("_standin." + HOST + ".", validationRecord.input("name"));
        RecordedResource validation = run.single("aws:acm/certificateValidation:CertificateValidation");
        assertTrue(validation.dependsOn().contains(validationRecord.key()) && validation.dependsOn().contains(certificate.key()));

        // The Ingress names the certificate only once it is issued.
        RecordedResource ingress = ingress(run);
        assertTrue(ingress.dependsOn().contains(validation.key()), ingress.dependsOn().toString());
        assertEquals(validation.input("certificateArn"),
                ((Map<?, ?>) ingress.input("metadata.annotations")).get(GatewayIngress.ANNOTATION + "certificate-arn"));

        RecordedResource alias = run.ofType(RECORD).stream().filter(r -> "A".equals(r.input("type"))).findFirst().orElseThrow();
        assertEquals(ZONE, alias.input("zoneId"));
        assertEquals(HOST, alias.input("name"));
        Map<?, ?> target = (Map<?, ?>) ((List<?>) alias.input("aliases")).getFirst();
        assertEquals(albHostname(run), target.get("name"));
        assertEquals("ZSTANDINALBEUWEST1", target.get("zoneId"));
        assertEquals("https://" + HOST, run.outputs().get("gatewayUrl"));
    }

    @Test
    void aNamedCertificateIsUsedAsItIsWhileTheZoneStillGetsTheAlias() {
        String arn = "arn:aws:acm:eu-west-1:444455556666:certificate/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
        OfflineRun.Result run = prodWithIngress("{\"hostname\":\"" + HOST + "\",\"hostedZoneId\":\"" + ZONE
                + "\",\"certificateArn\":\"" + arn + "\"}");
        assertEquals(List.of(), run.ofType("aws:acm/certificate:Certificate"));
        assertEquals(arn, ((Map<?, ?>) ingress(run).input("metadata.annotations"))
                .get(GatewayIngress.ANNOTATION + "certificate-arn"));
        assertEquals(List.of("A"), run.ofType(RECORD).stream().map(r -> r.input("type")).toList());
    }
}
