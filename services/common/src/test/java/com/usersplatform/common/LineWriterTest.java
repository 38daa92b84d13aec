package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit of log lines: written at once when alone, batched behind a write, whole, ordered, bounded. */
class LineWriterTest {
    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLineIsWrittenAndFlushedBeforeWriteReturnsWhenNobodyElseWrites() {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.write(line("one"));
        assertEquals(List.of("one\n"), out.writes);
        assertEquals(1, out.flushes.get());
        writer.write(line("two"));
        assertEquals(List.of("one\n", "two\n"), out.writes);
        assertEquals(2, out.flushes.get());
    }

    @Test
    void linesAddedDuringAWriteReturnAtOnceAndGoOutTogetherInTheWritersNextRound() throws Exception {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        Thread first = blockedWrite(writer, out, "a");
        Thread others = Thread.ofPlatform().start(() -> {
            writer.write(line("b"));
            writer.write(line("c"));
        });
        others.join(5000);
        assertFalse(others.isAlive(), "lines added during a write do not wait for it");
        assertTrue(out.writes.isEmpty(), "nothing else is written while the first write blocks");
        out.release.countDown();
        first.join(5000);
        assertFalse(first.isAlive());
        assertEquals(List.of("a\n", "b\nc\n"), out.writes, "one more write carries both waiting lines, in order");
    }

    @Test
    void linesFromManyThreadsArriveWholeInEachThreadsOrderAndNoneIsLost() throws Exception {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out, 512);
        int threads = 8;
        int perThread = 3000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            started.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    writer.write(line("thread-" + id + " line-" + i + " " + "x".repeat(i % 40)));
                }
            }));
        }
        for (Thread thread : started) {
            thread.join(30_000);
        }
        List<String> lines = String.join("", out.writes).lines().toList();
        assertEquals(threads * perThread, lines.size());
        int[] next = new int[threads];
        for (String text : lines) {
            String[] parts = text.split(" ");
            int id = Integer.parseInt(parts[0].substring("thread-".length()));
            int number = Integer.parseInt(parts[1].substring("line-".length()));
            assertEquals(next[id]++, number, "thread " + id + "'s lines in order, none torn: " + text);
            assertEquals("x".repeat(number % 40), parts.length > 2 ? parts[2] : "");
        }
        assertTrue(out.writes.size() <= lines.size());
    }

    @Test
    void aStalledStreamHoldsCallersBackOnceTheBoundIsWaiting() throws Exception {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out, 8);
        Thread first = blockedWrite(writer, out, "first");
        writer.write(line("1234567")); // 8 bytes now wait behind the blocked write: exactly the bound
        Thread held = Thread.ofPlatform().start(() -> writer.write(line("held")));
        held.join(300);
        assertTrue(held.isAlive(), "a caller waits while the bound is waiting behind a stalled write");
        out.release.countDown();
        held.join(5000);
        first.join(5000);
        assertFalse(held.isAlive());
        assertEquals("first\n1234567\nheld\n", String.join("", out.writes));
    }

    @Test
    void aFailedWriteLosesOnlyItsBatchAndAnEscapedErrorLeavesTheNextCallerToWrite() {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        out.failNext = new IOException("disk full");
        writer.write(line("lost"));
        writer.write(line("kept"));
        assertEquals(List.of("kept\n"), out.writes);

        out.failNext = new StreamBroken();
        assertThrows(StreamBroken.class, () -> writer.write(line("broken")));
        writer.write(line("after"));
        assertEquals(List.of("kept\n", "after\n"), out.writes, "a new caller writes again after the error");
    }

    @Test
    void flushReturnsOnlyOnceTheLinesWaitingBehindAWriteAreWritten() throws Exception {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        Thread first = blockedWrite(writer, out, "a");
        writer.write(line("b"));
        Thread flusher = Thread.ofPlatform().start(writer::flush);
        flusher.join(300);
        assertTrue(flusher.isAlive(), "flush waits for the write in progress and its next round");
        out.release.countDown();
        flusher.join(5000);
        assertFalse(flusher.isAlive());
        assertEquals(List.of("a\n", "b\n"), out.writes);
        first.join(5000);
    }

    @Test
    void flushWritesLinesThatAWriterStoppedByAnErrorLeftBehind() throws Exception {
        RecordingStream out = new RecordingStream();
        out.failNext = new StreamBroken(); // after the block: the writer's own line is lost with its failed write
        LineWriter writer = new LineWriter(out);
        Thread first = blockedWrite(writer, out, "a");
        writer.write(line("left behind"));
        Thread flusher = Thread.ofPlatform().start(writer::flush); // waits for the writer, which then fails
        flusher.join(300);
        assertTrue(flusher.isAlive());
        out.release.countDown();
        first.join(5000);
        flusher.join(5000);
        assertFalse(flusher.isAlive(), "a waiting flush is woken when the failed writer gives up");
        assertEquals(List.of("left behind\n"), out.writes);
    }

    /** Starts a thread writing {@code text} through {@code writer} and returns once its write blocks in {@code out}. */
    private static Thread blockedWrite(LineWriter writer, RecordingStream out, String text)
            throws InterruptedException {
        out.blockFirstWrite();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                writer.write(line(text));
            } catch (StreamBroken expected) {
                // a test that fails this write checks what happens to the other lines
            }
        });
        assertTrue(out.blocked.await(5, TimeUnit.SECONDS), "the first line is being written");
        return thread;
    }

    private static final class StreamBroken extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** Records each write call's bytes and the flushes; can block its first write or fail the next one. */
    private static final class RecordingStream extends OutputStream {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger flushes = new AtomicInteger();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private boolean blockFirst;
        Throwable failNext;

        void blockFirstWrite() {
            blockFirst = true;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (blockFirst) {
                blockFirst = false;
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failNext != null) {
                Throwable failure = failNext;
                failNext = null;
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (IOException) failure;
            }
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    }
}
