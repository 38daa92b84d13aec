package com.usersplatform.infra.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigLoader;

import java.util.List;
import java.util.Map;

/** Small readers over recorded resources, shared by the tests of the AWS resources. */
public final class Plans {

    private Plans() {
    }

    public static StackConfig config(String stack) {
        return StackConfigLoader.fromPulumiConfig(stack, InfraHarness.config(stack));
    }

    public static RecordedResource named(OfflineRun.Result result, String type, String name) {
        return result.ofType(type).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name));
    }

    /** The EKS add-on named {@code addonName}, e.g. {@code vpc-cni}. */
    public static RecordedResource addon(OfflineRun.Result result, String addonName) {
        return result.ofType("aws:eks/addon:Addon").stream().filter(a -> addonName.equals(a.input("addonName")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + addonName + " add-on"));
    }

    /** The service accounts an add-on's Pod Identity associations give its role to. */
    public static List<Object> podIdentityServiceAccounts(RecordedResource addon) {
        return list(addon.input("podIdentityAssociations")).stream().map(a -> map(a).get("serviceAccount")).toList();
    }

    /** The stand-in ARN the mocks gave the stack's KMS key (what encrypted resources must reference). */
    public static String keyArn(OfflineRun.Result result) {
        return "arn:aws:kms:" + region(result) + ":123456789012:key/" + named(result, "aws:kms/key:Key", "kms").name() + "-key-id";
    }

    /** The stand-in ARN the mocks gave a secret. */
    public static String secretArn(OfflineRun.Result result, String logicalName) {
        return "arn:aws:secretsmanager:" + region(result) + ":123456789012:secret:" + logicalName + "-AbCdEf";
    }

    public static String region(OfflineRun.Result result) {
        return String.valueOf(result.single("pulumi:providers:aws").inputs().get("region"));
    }

    public static JsonElement json(Object text) {
        return JsonParser.parseString(String.valueOf(text));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
