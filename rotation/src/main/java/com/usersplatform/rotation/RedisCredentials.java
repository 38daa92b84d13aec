package com.usersplatform.rotation;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The secret's value: {@code {"username", "password", "user_arn"}} (the shape the users service reads from its
 * credentials file). Fields other than the password are carried over unchanged from version to version.
 */
public final class RedisCredentials {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String USER_ARN_MARKER = ":user:";

    private final JsonObject json;

    private RedisCredentials(JsonObject json) {
        this.json = json;
    }

    /** Parses a secret value; the error names the missing field but never echoes the value. */
    public static RedisCredentials parse(String secretString) {
        JsonElement element;
        try {
            element = JsonParser.parseString(secretString);
        } catch (JsonParseException e) {
            throw new RotationException("secret value is not valid JSON");
        }
        if (!element.isJsonObject()) {
            throw new RotationException("secret value must be a JSON object");
        }
        RedisCredentials credentials = new RedisCredentials(element.getAsJsonObject());
        for (String field : new String[] {"username", "password", "user_arn"}) {
            credentials.field(field);
        }
        return credentials;
    }

    public String username() {
        return field("username");
    }

    public String password() {
        return field("password");
    }

    public String userArn() {
        return field("user_arn");
    }

    /** The ElastiCache user id named by {@code user_arn} ({@code arn:aws:elasticache:REGION:ACCOUNT:user:ID}). */
    public String userId() {
        String arn = userArn();
        int at = arn.lastIndexOf(USER_ARN_MARKER);
        if (!arn.startsWith("arn:") || at < 0 || at + USER_ARN_MARKER.length() == arn.length()) {
            throw new RotationException("secret field user_arn is not an ElastiCache user ARN");
        }
        return arn.substring(at + USER_ARN_MARKER.length());
    }

    /** The same credentials with another password. */
    public RedisCredentials withPassword(String password) {
        JsonObject copy = json.deepCopy();
        copy.addProperty("password", password);
        return new RedisCredentials(copy);
    }

    /** The secret value to store. */
    public String toJson() {
        return GSON.toJson(json);
    }

    @Override
    public String toString() {
        return "RedisCredentials[username=" + username() + ", password=<redacted>]";
    }

    private String field(String name) {
        JsonElement value = json.get(name);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()
                || value.getAsString().isEmpty()) {
            throw new RotationException("secret field " + name + " must be a non-empty string");
        }
        return value.getAsString();
    }
}
