package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The JSON log line: its fixed fields, levels, extra fields, failures, and that it reaches the stream at once. */
class JsonLogsTest {
    private static final ServiceInfo SERVICE = new ServiceInfo("demo", "9.8.7");

    private static JsonNode format(LogRecord record) throws Exception {
        String line = new JsonLogFormatter(SERVICE).format(record);
        assertTrue(line.endsWith(System.lineSeparator()), "one line per record");
        assertEquals(1, line.lines().count(), line);
        return Json.mapper().readTree(line);
    }

    @Test
    void mapsJulLevelsToTheFourLogLevels() throws Exception {
        assertEquals("ERROR", format(new LogRecord(Level.SEVERE, "x")).get("level").asText());
        assertEquals("WARN", format(new LogRecord(Level.WARNING, "x")).get("level").asText());
        assertEquals("INFO", format(new LogRecord(Level.INFO, "x")).get("level").asText());
        assertEquals("DEBUG", format(new LogRecord(Level.CONFIG, "x")).get("level").asText());
        assertEquals("DEBUG", format(new LogRecord(Level.FINE, "x")).get("level").asText());
    }

    @Test
    void stampsServiceLoggerRequestIdAndFormatsPlainMessages() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "user {0} created");
        record.setParameters(new Object[] {"u-1"});
        record.setLoggerName("users.api");
        record.setMillis(0);
        RequestIds.bind("rid-77");
        JsonNode line;
        try {
            line = format(record);
        } finally {
            RequestIds.unbind();
        }
        assertEquals("1970-01-01T00:00:00Z", line.get("timestamp").asText());
        assertEquals("demo", line.get("service").asText());
        assertEquals("9.8.7", line.get("version").asText());
        assertEquals("users.api", line.get("logger").asText());
        assertEquals("user u-1 created", line.get("message").asText());
        assertEquals("rid-77", line.get("request_id").asText());
        assertTrue(format(new LogRecord(Level.INFO, "x")).get("request_id").isNull(), "unbound after the request");
    }

    @Test
    void failuresCarryTheExceptionClassAndStackTrace() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("broken pipe"));
        JsonNode line = format(record);
        assertEquals("java.lang.IllegalStateException", line.get("exception").asText());
        assertTrue(line.get("stack_trace").asText().contains("broken pipe"), line.toString());
        assertFalse(format(new LogRecord(Level.INFO, "fine")).has("exception"));
    }

    @Test
    void installedHandlerWritesStructuredLinesImmediatelyAndHonoursTheLevel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logs.install(SERVICE, new PrintStream(out, false, StandardCharsets.UTF_8));
        Logger logger = Logger.getLogger("json-logs-test");
        Logs.info(logger, "cache warmed", Map.of("entries", 42, "source", "redis"));
        // No flush here: the handler must have flushed the line itself.
        JsonNode line = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("cache warmed", line.get("message").asText());
        assertEquals(42, line.get("entries").asInt());
        assertEquals("redis", line.get("source").asText());
        assertEquals("INFO", line.get("level").asText());

        out.reset();
        Logs.log(logger, Level.FINE, "too detailed", Map.of());
        logger.fine("also too detailed");
        assertEquals("", out.toString(StandardCharsets.UTF_8), "below the default INFO level");

        logger.warning("plain {0}");
        JsonNode plain = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("WARN", plain.get("level").asText());
        assertEquals("plain {0}", plain.get("message").asText());
    }

    @Test
    void theDefaultInstallWritesToStandardOutput() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
        try {
            Logs.install(SERVICE, Level.INFO);
            Logs.info(Logger.getLogger("json-logs-test"), "to stdout", Map.of());
        } finally {
            System.setOut(original);
        }
        assertEquals("to stdout", Json.mapper().readTree(out.toString(StandardCharsets.UTF_8)).get("message").asText());
    }

    @Test
    void onlyRecordsAtTheConfiguredLevelAndAboveAreWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logs.install(SERVICE, Level.WARNING, new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger logger = Logger.getLogger("json-logs-level-test");
        logger.info("below the level");
        logger.warning("at the level");
        String written = out.toString(StandardCharsets.UTF_8);
        assertTrue(written.contains("at the level"), written);
        assertFalse(written.contains("below the level"), written);
    }

    @Test
    void aLineStillBeingFormattedDoesNotHoldUpTheOthers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logs.install(SERVICE, new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger logger = Logger.getLogger("json-logs-test");
        SlowValue slow = new SlowValue();
        Thread slowLogger = Thread.ofPlatform().start(() -> Logs.info(logger, "slow", Map.of("value", slow)));
        try {
            assertTrue(slow.formatting.await(5, TimeUnit.SECONDS), "the slow line is being formatted");
            Thread fastLogger = Thread.ofPlatform().start(() -> Logs.info(logger, "fast", Map.of()));
            fastLogger.join(2000);
            assertFalse(fastLogger.isAlive(), "the second line waited for the first one's formatting");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"message\":\"fast\""));
        } finally {
            slow.release.countDown();
            slowLogger.join(5000);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"value\":\"slow\""));
    }

    /** A field value whose JSON serialisation waits until released (stands in for a slow formatting). */
    private static final class SlowValue implements JsonSerializable {
        final CountDownLatch formatting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            formatting.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gen.writeString("slow");
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers,
                                      com.fasterxml.jackson.databind.jsontype.TypeSerializer type) throws IOException {
            serialize(gen, serializers);
        }
    }
}
