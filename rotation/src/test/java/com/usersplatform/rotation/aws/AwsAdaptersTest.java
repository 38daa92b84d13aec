package com.usersplatform.rotation.aws;

import static com.usersplatform.rotation.aws.AwsApiStub.formValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.rotation.RotationException;
import com.usersplatform.rotation.SecretStore;
import com.usersplatform.rotation.SecretVersions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The AWS adapters through the real SDK clients and HTTP stack: what they send (checked against the API
 * reference's parameters) and how they read the documented responses, errors included.
 */
class AwsAdaptersTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:redis-app-Ab12Cd";
    private static final String XMLNS = "xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\"";

    @Test
    void secretStoreSpeaksTheSecretsManagerApi() {
        try (AwsApiStub aws = new AwsApiStub(AwsAdaptersTest::secretsManager)) {
            AwsSecretStore store = new AwsSecretStore(aws.secretsManager());

            SecretVersions versions = store.describe(SECRET);
            assertTrue(versions.rotationEnabled());
            assertEquals(Map.of("v1", Set.of("AWSCURRENT"), "t2", Set.of("AWSPENDING")), versions.stagesByVersion());
            assertEquals(java.time.Instant.parse("2026-01-01T00:00:00Z"), versions.currentSince(),
                    "LastRotatedDate (epoch seconds), not LastChangedDate");

            assertEquals(Optional.of("{\"username\":\"app\"}"), store.value(SECRET, SecretStore.CURRENT, null));
            assertEquals(Optional.empty(), store.value(SECRET, SecretStore.PENDING, "t2"), "404 means no value yet");
            store.putPending(SECRET, "t2", "{\"password\":\"x\"}");
            store.updateStage(SECRET, SecretStore.CURRENT, "t2", "v1");
            store.updateStage(SECRET, SecretStore.PENDING, null, "t2");

            List<AwsApiStub.Request> sent = aws.requests();
            assertEquals(List.of("DescribeSecret", "GetSecretValue", "GetSecretValue", "PutSecretValue",
                    "UpdateSecretVersionStage", "UpdateSecretVersionStage"),
                    sent.stream().map(AwsApiStub.Request::operation).toList());
            assertEquals(json("{\"SecretId\":\"" + SECRET + "\",\"VersionStage\":\"AWSCURRENT\"}"), json(sent, 1));
            assertEquals(json("{\"SecretId\":\"" + SECRET + "\",\"VersionId\":\"t2\",\"VersionStage\":\"AWSPENDING\"}"),
                    json(sent, 2));
            assertEquals(json("{\"SecretId\":\"" + SECRET + "\",\"ClientRequestToken\":\"t2\","
                    + "\"SecretString\":\"{\\\"password\\\":\\\"x\\\"}\",\"VersionStages\":[\"AWSPENDING\"]}"),
                    json(sent, 3));
            assertEquals(json("{\"SecretId\":\"" + SECRET + "\",\"VersionStage\":\"AWSCURRENT\","
                    + "\"MoveToVersionId\":\"t2\",\"RemoveFromVersionId\":\"v1\"}"), json(sent, 4));
            assertEquals(json("{\"SecretId\":\"" + SECRET + "\",\"VersionStage\":\"AWSPENDING\","
                    + "\"RemoveFromVersionId\":\"t2\"}"), json(sent, 5));
        }
    }

    @Test
    void cacheUsersSendsOnlyTheUserIdAndThePasswords() {
        try (AwsApiStub aws = new AwsApiStub(AwsAdaptersTest::elastiCache)) {
            AwsCacheUsers users = new AwsCacheUsers(aws.elastiCache());

            assertEquals("modifying", users.status("users-platform-app"));
            users.setPasswords("users-platform-app", List.of("Current-password-0123456789", "Pending-pass/word"));
            RotationException missing = assertThrows(RotationException.class, () -> users.status("gone"));
            assertEquals("ElastiCache user gone does not exist", missing.getMessage());

            String modify = aws.requests().get(1).body();
            assertEquals("ModifyUser", formValue(modify, "Action"));
            assertEquals("users-platform-app", formValue(modify, "UserId"));
            assertEquals("Current-password-0123456789", formValue(modify, "Passwords.member.1"));
            assertEquals("Pending-pass/word", formValue(modify, "Passwords.member.2"));
            for (String untouched : List.of("AccessString", "AppendAccessString", "NoPasswordRequired",
                    "AuthenticationMode.Type", "Engine")) {
                assertFalse(modify.contains(untouched + "="), untouched + " must not be sent");
            }
        }
    }

    private static AwsApiStub.Response secretsManager(AwsApiStub.Request request) {
        return switch (request.operation()) {
            case "DescribeSecret" -> AwsApiStub.Response.json("{\"ARN\":\"" + SECRET + "\",\"RotationEnabled\":true,"
                    + "\"LastRotatedDate\":1.7672256E9,\"LastChangedDate\":1.7672292E9,"
                    + "\"VersionIdsToStages\":{\"v1\":[\"AWSCURRENT\"],\"t2\":[\"AWSPENDING\"]}}");
            case "GetSecretValue" -> request.body().contains("\"t2\"")
                    ? new AwsApiStub.Response(400, "application/x-amz-json-1.1",
                            "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the"
                                    + " specified secret value for VersionId: t2\"}",
                            Map.of("x-amzn-ErrorType", "ResourceNotFoundException"))
                    : AwsApiStub.Response.json("{\"ARN\":\"" + SECRET + "\",\"VersionId\":\"v1\","
                            + "\"SecretString\":\"{\\\"username\\\":\\\"app\\\"}\"}");
            default -> AwsApiStub.Response.json("{\"ARN\":\"" + SECRET + "\"}");
        };
    }

    private static AwsApiStub.Response elastiCache(AwsApiStub.Request request) {
        String operation = request.operation();
        if (operation.equals("DescribeUsers") && "gone".equals(formValue(request.body(), "UserId"))) {
            return AwsApiStub.Response.xml("<DescribeUsersResponse " + XMLNS + "><DescribeUsersResult><Users/>"
                    + "</DescribeUsersResult></DescribeUsersResponse>");
        }
        String user = "<UserId>users-platform-app</UserId><Status>modifying</Status>";
        return AwsApiStub.Response.xml(operation.equals("DescribeUsers")
                ? "<DescribeUsersResponse " + XMLNS + "><DescribeUsersResult><Users><member>" + user
                        + "</member></Users></DescribeUsersResult></DescribeUsersResponse>"
                : "<ModifyUserResponse " + XMLNS + "><ModifyUserResult>" + user
                        + "</ModifyUserResult></ModifyUserResponse>");
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static JsonObject json(List<AwsApiStub.Request> sent, int index) {
        return json(sent.get(index).body());
    }
}
