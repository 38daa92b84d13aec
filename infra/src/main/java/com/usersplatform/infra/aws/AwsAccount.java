package com.usersplatform.infra.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ProviderResource;

/**
 * The AWS account and region a stack deploys into, for building ARNs that policies must name before the resources
 * exist (and for key policies, which name the account root).
 *
 * @param id     account id, looked up from the deploying credentials
 * @param region region of every resource
 */
public record AwsAccount(Output<String> id, String region) {

    /** Looks the account up through {@code provider} (so the lookup uses the stack's region and credentials). */
    public static AwsAccount lookup(ProviderResource provider, String region) {
        Output<String> id = AwsFunctions.getCallerIdentity(
                        com.pulumi.aws.inputs.GetCallerIdentityArgs.builder().build(),
                        InvokeOptions.builder().provider(provider).build())
                .applyValue(GetCallerIdentityResult::accountId);
        return new AwsAccount(id, region);
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>} */
    public Output<String> arn(String service, String resource) {
        return id.applyValue(account -> "arn:aws:" + service + ":" + region + ":" + account + ":" + resource);
    }

    /** The account root principal, {@code arn:aws:iam::<account>:root}. */
    public Output<String> rootPrincipal() {
        return id.applyValue(account -> "arn:aws:iam::" + account + ":root");
    }
}
