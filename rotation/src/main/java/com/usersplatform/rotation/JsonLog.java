package com.usersplatform.rotation;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line (Lambda sends stdout to CloudWatch Logs). Callers pass only identifiers (secret ARN,
 * version id, user id, step), never secret values; Gson escapes whatever they pass.
 */
public final class JsonLog {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final PrintStream out;
    private final Clock clock;
    private final Map<String, String> context;

    public JsonLog(PrintStream out, Clock clock) {
        this(out, clock, Map.of());
    }

    private JsonLog(PrintStream out, Clock clock, Map<String, String> context) {
        this.out = out;
        this.clock = clock;
        this.context = context;
    }

    /** A log whose lines also carry {@code fields}. */
    public JsonLog with(Map<String, String> fields) {
        Map<String, String> merged = new LinkedHashMap<>(context);
        merged.putAll(fields);
        return new JsonLog(out, clock, merged);
    }

    public void info(String message) {
        write("INFO", message, null);
    }

    public void error(String message, Throwable error) {
        write("ERROR", message, error);
    }

    private void write(String level, String message, Throwable error) {
        JsonObject line = new JsonObject();
        line.addProperty("timestamp", clock.instant().toString());
        line.addProperty("level", level);
        line.addProperty("service", "rotation");
        line.addProperty("message", message);
        context.forEach(line::addProperty);
        if (error != null) {
            line.addProperty("error", error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        synchronized (out) {
            out.println(GSON.toJson(line));
        }
    }
}
