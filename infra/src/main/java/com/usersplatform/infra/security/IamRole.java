package com.usersplatform.infra.security;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * An IAM role assumed by AWS service principals, with AWS-managed policies attached and at most one inline policy
 * written with {@link PolicyDocument}. Not a component: its resources become children of the caller's component.
 */
public final class IamRole {

    /** Role ARN. */
    public final Output<String> arn;
    /** Role name. */
    public final Output<String> name;
    /** The role, its attachments and inline policy: depend on these to use the role with all its permissions. */
    public final List<Resource> resources;

    /**
     * @param name             logical name of the role (attachments and the policy derive theirs from it)
     * @param servicePrincipals services that may assume the role, e.g. {@code lambda.amazonaws.com}
     * @param extraTrustActions actions besides {@code sts:AssumeRole} in the trust policy, e.g. {@code sts:TagSession}
     * @param managedPolicyArns AWS-managed policies to attach
     * @param inlinePolicy      the role's own permissions, or null for none
     * @param options           options of every resource (normally {@code parent})
     */
    public IamRole(String name, List<String> servicePrincipals, List<String> extraTrustActions,
                   List<String> managedPolicyArns, PolicyDocument inlinePolicy, CustomResourceOptions options) {
        var role = new Role(name, RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.trustPolicy(servicePrincipals, extraTrustActions))
                .build(), options);
        List<Resource> all = new ArrayList<>(List.of(role));
        for (String policyArn : managedPolicyArns) {
            String shortName = policyArn.substring(policyArn.lastIndexOf('/') + 1);
            all.add(new RolePolicyAttachment(name + "-" + shortName, RolePolicyAttachmentArgs.builder()
                    .role(role.name())
                    .policyArn(policyArn)
                    .build(), options));
        }
        if (inlinePolicy != null) {
            all.add(new RolePolicy(name, RolePolicyArgs.builder()
                    .role(role.name())
                    .policy(inlinePolicy.toJson())
                    .build(), options));
        }
        this.arn = role.arn();
        this.name = role.name();
        this.resources = List.copyOf(all);
    }
}
