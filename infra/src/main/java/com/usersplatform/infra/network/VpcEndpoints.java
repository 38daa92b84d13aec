package com.usersplatform.infra.network;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * VPC endpoints so that image pulls, credentials, secrets and logs stay off the NAT gateways: a gateway endpoint for
 * S3 (ECR image layers live there) on the private route tables, and interface endpoints with private DNS for ECR
 * (api, dkr), STS, Secrets Manager and CloudWatch Logs in the private subnets, behind their own security group that
 * admits HTTPS from the VPC only.
 *
 * @see <a href="https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html">Endpoints private EKS nodes
 *      need (ecr.api, ecr.dkr, s3 gateway, sts, logs)</a>
 * @see <a href="https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html">Interface
 *      endpoints: security group must allow 443 from the clients; private DNS needs VPC DNS hostnames/support</a>
 * @see <a href="https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html">S3 gateway endpoint</a>
 */
public final class VpcEndpoints extends ComponentResource {
    /** Services reached through interface endpoints, as in {@code com.amazonaws.<region>.<service>}. */
    public static final List<String> INTERFACE_SERVICES = List.of("ecr.api", "ecr.dkr", "sts", "secretsmanager", "logs");

    /**
     * @param name                   logical name prefix
     * @param region                 the stack's region (part of each service name)
     * @param vpcId                  the VPC
     * @param vpcCidr                the VPC's block: the only source admitted to the endpoints
     * @param privateSubnetIds       where the interface endpoints' network interfaces go (one per AZ)
     * @param privateRouteTableIds   the route tables that get the S3 prefix-list route
     */
    public VpcEndpoints(String name, String region, Output<String> vpcId, String vpcCidr,
                        Output<List<String>> privateSubnetIds, Output<List<String>> privateRouteTableIds,
                        ComponentResourceOptions options) {
        super("users-platform:network:VpcEndpoints", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var securityGroup = new SecurityGroup(name, SecurityGroupArgs.builder()
                .description("VPC interface endpoints: HTTPS from the VPC only")
                .vpcId(vpcId)
                .build(), child);
        new SecurityGroupIngressRule(name + "-https", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .cidrIpv4(vpcCidr)
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("HTTPS to AWS APIs from the VPC")
                .build(), child);
        new VpcEndpoint(name + "-s3", VpcEndpointArgs.builder()
                .vpcId(vpcId)
                .serviceName("com.amazonaws." + region + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(privateRouteTableIds)
                .build(), child);
        for (String service : INTERFACE_SERVICES) {
            new VpcEndpoint(name + "-" + service.replace('.', '-'), VpcEndpointArgs.builder()
                    .vpcId(vpcId)
                    .serviceName("com.amazonaws." + region + "." + service)
                    .vpcEndpointType("Interface")
                    .privateDnsEnabled(true)
                    .subnetIds(privateSubnetIds)
                    .securityGroupIds(securityGroup.id().applyValue(List::of))
                    .build(), child);
        }
        registerOutputs(Map.of("securityGroupId", securityGroup.id()));
    }
}
