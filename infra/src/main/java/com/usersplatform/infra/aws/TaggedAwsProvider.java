package com.usersplatform.infra.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The one place tags are applied: an explicit AWS provider whose {@code defaultTags} the provider merges into every
 * taggable resource it manages. Every AWS resource of the program is created through this provider (components
 * receive it via {@code providers(...)} and their children inherit it), so no resource repeats the tags and none can
 * forget them.
 *
 * @see <a href="https://www.pulumi.com/registry/packages/aws/api-docs/provider/#default_tags">AWS provider defaultTags</a>
 */
public final class TaggedAwsProvider {

    private TaggedAwsProvider() {
    }

    /**
     * @param name   logical name of the provider resource
     * @param region region of every resource
     * @param tags   tags for every resource: project, stack, owner and the stack's extra tags
     */
    public static Provider create(String name, String region, Map<String, String> tags) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(tags).build())
                .build(), CustomResourceOptions.Empty);
    }
}
