package com.usersplatform.users;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.usersplatform.common.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated create or update body: {@code name} trimmed, 1-100 characters; {@code email} trimmed, lower-cased,
 * a valid address of at most 254 characters. Unknown fields are ignored. For updates a null field means "keep".
 *
 * @param name  the name, or null when absent (updates only)
 * @param email the email, or null when absent (updates only)
 */
record UserInput(String name, String email) {
    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // Dot-atom local part (RFC 5322) and a host name of dot-separated labels with a letter-only TLD.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Parses a create body: both fields required. */
    static UserInput forCreate(byte[] body) {
        JsonNode json = parse(body);
        String name = text(json, "name", true);
        String email = text(json, "email", true);
        return new UserInput(validName(name), validEmail(email));
    }

    /** Parses an update body: at least one field. */
    static UserInput forUpdate(byte[] body) {
        JsonNode json = parse(body);
        String name = text(json, "name", false);
        String email = text(json, "email", false);
        if (name == null && email == null) {
            throw new ValidationException(null, "Provide at least one of name, email");
        }
        return new UserInput(name == null ? null : validName(name), email == null ? null : validEmail(email));
    }

    private static JsonNode parse(byte[] body) {
        JsonNode json;
        try {
            json = READER.readTree(body);
        } catch (IOException e) {
            throw new ValidationException(null, "Request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new ValidationException(null, "Request body must be a JSON object");
        }
        return json;
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null) {
            if (required) {
                throw new ValidationException(field, field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new ValidationException(field, field + " must be a string");
        }
        return value.asText();
    }

    private static String validName(String raw) {
        String name = raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > NAME_MAX) {
            throw new ValidationException("name", "name must be 1-" + NAME_MAX + " characters after trimming");
        }
        if (CONTROL.matcher(name).find()) {
            throw new ValidationException("name", "name must not contain control characters");
        }
        return name;
    }

    private static String validEmail(String raw) {
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw new ValidationException("email", "email is required");
        }
        if (email.length() > EMAIL_MAX) {
            throw new ValidationException("email", "email must be at most " + EMAIL_MAX + " characters");
        }
        if (!EMAIL.matcher(email).matches() || email.indexOf('@') > 64) {
            throw new ValidationException("email", "email must be a valid email address");
        }
        return email;
    }
}
