package com.usersplatform.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.usersplatform.common.Logs;
import com.usersplatform.common.ServiceInfo;

/** Sends every JSON log line of this JVM (both in-process services) to memory, for assertions. */
public final class LogCapture {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private LogCapture() {
    }

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logs.install(new ServiceInfo("it", "test"), new PrintStream(capture.buffer, true, StandardCharsets.UTF_8));
        return capture;
    }

    /** Lines logged so far that contain {@code text}. */
    public List<String> linesContaining(String text) {
        String all;
        synchronized (buffer) {
            all = buffer.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(line -> line.contains(text)).toList();
    }
}
