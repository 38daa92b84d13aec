package com.usersplatform.infra.security;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.List;

/**
 * A thin typed binding of the random provider's {@code RandomPassword}: {@code com.pulumi:random} is not resolvable
 * from this build's repositories. It declares only the inputs this program sets and the {@code result} output; the
 * provider plugin version is pinned here. Replace this file with {@code com.pulumi.random.RandomPassword} when the
 * official SDK is available: the type token, inputs and output name are the same.
 *
 * @see <a href="https://www.pulumi.com/registry/packages/random/api-docs/randompassword/">RandomPassword</a>
 */
@ResourceType(type = RandomPassword.TYPE)
public final class RandomPassword extends CustomResource {

    /** Pulumi type token. */
    public static final String TYPE = "random:index/randomPassword:RandomPassword";
    /** Random provider plugin version (pinned: a new major could change how passwords are generated). */
    public static final String PROVIDER_VERSION = "4.18.0";

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    /** The generated password (a secret output). */
    public Output<String> result() {
        return result;
    }

    public RandomPassword(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, CustomResourceOptions.merge(options, CustomResourceOptions.builder()
                .version(PROVIDER_VERSION)
                .additionalSecretOutputs(List.of("result"))
                .build()));
    }

    /** Inputs: the length and the character classes. */
    public static final class Args extends ResourceArgs {

        @Import(name = "length", required = true)
        private final Output<Integer> length;

        @Import(name = "special")
        private final Output<Boolean> special;

        /**
         * @param length  {@code int}, required: number of characters
         * @param special {@code boolean}: include punctuation (off for passwords that travel through Redis ACL
         *                strings and JSON, where some punctuation needs escaping or is refused)
         */
        public Args(int length, boolean special) {
            this.length = Output.of(length);
            this.special = Output.of(special);
        }
    }
}
