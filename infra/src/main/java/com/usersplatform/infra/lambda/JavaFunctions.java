package com.usersplatform.infra.lambda;

import com.pulumi.asset.FileArchive;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.security.IamRole;

import java.util.ArrayList;
import java.util.List;

/** The program's Lambda functions: Java 21 handlers packaged as one self-contained jar by their module. */
public final class JavaFunctions {

    /** Lambda's managed Java 21 runtime (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
    public static final String RUNTIME = "java21";
    /** Memory (and with it CPU share) of every function: the JVM's cold start is CPU-bound. */
    public static final int MEMORY_MB = 512;

    private JavaFunctions() {
    }

    /** The settings every function shares; callers add the environment and, if any, the VPC configuration. */
    public static FunctionArgs.Builder args(String functionName, String description, String handler,
                                            String artifactPath, Output<String> roleArn, int timeoutSeconds) {
        return FunctionArgs.builder()
                .name(functionName)
                .description(description)
                .runtime(RUNTIME)
                .handler(handler)
                .code(new FileArchive(artifactPath))
                .role(roleArn)
                .memorySize(MEMORY_MB)
                .timeout(timeoutSeconds);
    }

    /** Lets one AWS service invoke {@code function}, only on behalf of {@code sourceArn} (its secret, its topic). */
    public static Permission invokableBy(String name, Function function, String servicePrincipal,
                                         Output<String> sourceArn, CustomResourceOptions options) {
        return new Permission(name, PermissionArgs.builder()
                .function(function.name())
                .action("lambda:InvokeFunction")
                .principal(servicePrincipal)
                .sourceArn(sourceArn)
                .build(), options);
    }

    /**
     * What a function waits for: its role with every policy (a first invocation must not find it without rights)
     * and its own log group, created first so Lambda does not create one without retention.
     */
    public static List<Resource> prerequisites(IamRole role, LogGroup logGroup) {
        List<Resource> prerequisites = new ArrayList<>(role.resources);
        prerequisites.add(logGroup);
        return prerequisites;
    }
}
