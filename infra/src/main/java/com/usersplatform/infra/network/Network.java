package com.usersplatform.infra.network;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.outputs.GetAvailabilityZonesResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.stacks.SubnetPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stack's VPC: a public and a private subnet in each AZ, an internet gateway for the public subnets, NAT
 * gateways (one, or one per AZ) for the private subnets' egress. Subnets carry the tags the AWS Load Balancer
 * Controller uses to place internet-facing and internal load balancers.
 *
 * @see <a href="https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html">EKS subnet tagging</a>
 * @see <a href="https://github.com/terraform-aws-modules/terraform-aws-vpc">terraform-aws-vpc</a>
 */
public final class Network extends ComponentResource {

    /** VPC id. */
    public final Output<String> vpcId;
    /** Private subnet ids, one per AZ in AZ order (nodes, pods, ElastiCache, the rotation function). */
    public final Output<List<String>> privateSubnetIds;
    /** Public subnet ids, one per AZ in AZ order (load balancers, NAT gateways). */
    public final Output<List<String>> publicSubnetIds;
    /** Private subnet CIDRs, in AZ order (e.g. for NetworkPolicy egress to ElastiCache). */
    public final List<String> privateSubnetCidrs;
    /**
     * The private subnets' route table associations (each through its route table to a NAT gateway): what
     * anything in the private subnets that calls AWS APIs or pulls images must wait for, since a subnet without
     * its association uses the VPC's main route table, which has no route out.
     */
    public final List<Resource> privateEgress;
    /** The private subnets' route tables, in AZ order (gateway endpoints add their routes there). */
    public final Output<List<String>> privateRouteTableIds;

    public Network(String name, NetworkArgs args, ComponentResourceOptions options) {
        super("users-platform:network:Network", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Output<List<String>> zones = AwsFunctions.getAvailabilityZones(
                        GetAvailabilityZonesArgs.builder().state("available").build(),
                        InvokeOptions.builder().parent(this).build())
                .applyValue(GetAvailabilityZonesResult::names);

        // ---------------------------------------------------------------- VPC

        var vpc = new Vpc(name, VpcArgs.builder()
                .cidrBlock(args.cidr())
                .enableDnsHostnames(true)
                .enableDnsSupport(true)
                .tags(Map.of("Name", name))
                .build(), child);
        // The VPC's default security group, emptied: the provider adopts it and removes every rule not declared
        // here, so anything left on it (or launched without a group) gets no traffic (AWS Security Hub EC2.2:
        // https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2; adoption:
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group).
        new DefaultSecurityGroup(name + "-default-sg", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", name + "-default-unused"))
                .build(), child);
        var internetGateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", name + "-igw"))
                .build(), child);

        // ---------------------------------------------------------------- Public subnets

        var publicRoutes = routeTable(name + "-public", vpc,
                RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(internetGateway.id()).build());
        List<Subnet> publicSubnets = new ArrayList<>();
        for (SubnetPair pair : args.subnets()) {
            publicSubnets.add(subnet(name + "-public-" + pair.azIndex(), vpc, pair.publicCidr(),
                    zone(zones, pair.azIndex()), "kubernetes.io/role/elb", publicRoutes).subnet());
        }

        // ---------------------------------------------------------------- NAT gateways

        List<NatGateway> natGateways = new ArrayList<>();
        for (int i = 0; i < args.natGatewayCount(); i++) {
            String natName = name + "-nat-" + i;
            var address = new Eip(natName, EipArgs.builder().domain("vpc").tags(Map.of("Name", natName)).build(), child);
            natGateways.add(new NatGateway(natName, NatGatewayArgs.builder()
                    .allocationId(address.id())
                    .subnetId(publicSubnets.get(i).id())
                    .tags(Map.of("Name", natName))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(internetGateway).build()));
        }

        // ---------------------------------------------------------------- Private subnets

        List<Subnet> privateSubnets = new ArrayList<>();
        List<Resource> privateEgress = new ArrayList<>();
        List<Output<String>> privateRouteTables = new ArrayList<>();
        for (SubnetPair pair : args.subnets()) {
            String subnetName = name + "-private-" + pair.azIndex();
            var nat = natGateways.get(Math.min(pair.azIndex(), natGateways.size() - 1));
            var routes = routeTable(subnetName, vpc,
                    RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build());
            var subnet = subnet(subnetName, vpc, pair.privateCidr(), zone(zones, pair.azIndex()),
                    "kubernetes.io/role/internal-elb", routes);
            privateSubnets.add(subnet.subnet());
            privateEgress.add(subnet.association());
            privateRouteTables.add(routes.id());
        }

        this.vpcId = vpc.id();
        this.privateSubnetIds = Output.all(privateSubnets.stream().map(Subnet::id).toList());
        this.publicSubnetIds = Output.all(publicSubnets.stream().map(Subnet::id).toList());
        this.privateSubnetCidrs = args.subnets().stream().map(SubnetPair::privateCidr).toList();
        this.privateEgress = List.copyOf(privateEgress);
        this.privateRouteTableIds = Output.all(privateRouteTables);

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("vpcId", vpcId, "privateSubnetIds", privateSubnetIds, "publicSubnetIds", publicSubnetIds));
    }

    private RouteTable routeTable(String name, Vpc vpc, RouteTableRouteArgs defaultRoute) {
        return new RouteTable(name, RouteTableArgs.builder()
                .vpcId(vpc.id())
                .routes(defaultRoute)
                .tags(Map.of("Name", name))
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    /** A subnet, tagged for the load balancer controller with {@code elbRoleTag}, routed through {@code routes}. */
    private RoutedSubnet subnet(String name, Vpc vpc, String cidr, Output<String> zone, String elbRoleTag,
                                RouteTable routes) {
        var child = CustomResourceOptions.builder().parent(this).build();
        var subnet = new Subnet(name, SubnetArgs.builder()
                .vpcId(vpc.id())
                .cidrBlock(cidr)
                .availabilityZone(zone)
                .mapPublicIpOnLaunch(false)
                .tags(Map.of("Name", name, elbRoleTag, "1"))
                .build(), child);
        var association = new RouteTableAssociation(name, RouteTableAssociationArgs.builder()
                .subnetId(subnet.id()).routeTableId(routes.id()).build(), child);
        return new RoutedSubnet(subnet, association);
    }

    private record RoutedSubnet(Subnet subnet, RouteTableAssociation association) {
    }

    private static Output<String> zone(Output<List<String>> zones, int index) {
        return zones.applyValue(names -> {
            if (index >= names.size()) {
                throw new IllegalStateException("AZ index " + index + " but the region has only " + names.size() + " AZs");
            }
            return names.get(index);
        });
    }
}
