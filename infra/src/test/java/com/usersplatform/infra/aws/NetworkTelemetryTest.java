package com.usersplatform.infra.aws;

import com.google.gson.JsonObject;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.network.VpcEndpoints;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.stacks.StackConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.usersplatform.infra.aws.Plans.json;
import static com.usersplatform.infra.aws.Plans.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VPC flow logs and VPC endpoints as the stack switches them, asserted on the registered inputs. */
class NetworkTelemetryTest {

    private static final String ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void flowLogsRecordAllTrafficToAnEncryptedGroupThroughTheirOwnRole(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        StackConfig config = Plans.config(stack);
        RecordedResource flowLog = named(run, "aws:ec2/flowLog:FlowLog", "flow-logs");
        RecordedResource logGroup = named(run, "aws:cloudwatch/logGroup:LogGroup", "flow-logs");
        assertEquals("ALL", flowLog.input("trafficType"));
        assertEquals("cloud-watch-logs", flowLog.input("logDestinationType"));
        assertEquals(config.network().flowLogRetentionDays(), ((Number) logGroup.input("retentionInDays")).intValue());
        assertEquals(Plans.keyArn(run), logGroup.input("kmsKeyId"));
        assertTrue(flowLog.dependsOn().contains(logGroup.key()));
        JsonObject trust = json(named(run, "aws:iam/role:Role", "flow-logs").input("assumeRolePolicy"))
                .getAsJsonObject().getAsJsonArray("Statement").get(0).getAsJsonObject();
        assertEquals("vpc-flow-logs.amazonaws.com", trust.getAsJsonObject("Principal").get("Service").getAsString());
        String delivery = String.valueOf(named(run, "aws:iam/rolePolicy:RolePolicy", "flow-logs").input("policy"));
        assertTrue(delivery.contains("logs:PutLogEvents") && delivery.contains("logs:CreateLogStream"), delivery);
    }

    @Test
    void prodReachesAwsApisThroughEndpointsAndDevSavesTheirCost() {
        assertTrue(InfraHarness.run("dev").ofType(ENDPOINT).isEmpty());
        OfflineRun.Result prod = InfraHarness.run("prod");
        String region = Plans.region(prod);
        var endpoints = prod.ofType(ENDPOINT);
        Set<String> interfaces = endpoints.stream().filter(e -> "Interface".equals(e.input("vpcEndpointType")))
                .peek(e -> assertEquals(true, e.input("privateDnsEnabled"), e.name()))
                .peek(e -> assertEquals(3, Plans.list(e.input("subnetIds")).size(), e.name()))
                .map(e -> String.valueOf(e.input("serviceName"))).collect(Collectors.toSet());
        assertEquals(VpcEndpoints.INTERFACE_SERVICES.stream().map(s -> "com.amazonaws." + region + "." + s)
                .collect(Collectors.toSet()), interfaces);
        RecordedResource s3 = named(prod, ENDPOINT, "endpoints-s3");
        assertEquals("Gateway", s3.input("vpcEndpointType"));
        assertEquals(3, Plans.list(s3.input("routeTableIds")).size(), "every private route table");
        RecordedResource https = named(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "endpoints-https");
        assertEquals(Plans.config("prod").network().cidr(), https.input("cidrIpv4"));
        assertEquals(List.of(443, 443), List.of(((Number) https.input("fromPort")).intValue(),
                ((Number) https.input("toPort")).intValue()));
    }
}
