package com.usersplatform.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes whole lines to one stream from many threads, in group commits: a thread whose line finds no write in
 * progress writes (and flushes) it before returning, together with every line other threads add meanwhile; a thread
 * whose line arrives during a write leaves it to that writer and returns at once. So a line is written before
 * {@link #write} returns whenever nobody else is writing, and otherwise within the write in progress plus one more;
 * lines are never interleaved and keep the order in which they were added.
 *
 * <p>Why: the access log writes a line per request. Written and flushed under the stream's lock (what
 * {@link java.io.PrintStream} does), every request thread that found the lock held by one in the {@code write}
 * system call parked until it was free, and under load the park and wake-up of those virtual threads cost more than
 * the line itself (one line per request was ~15 % of the users service's CPU per GET; {@code docs/performance.md}).
 * Here the lock only guards appending to a buffer, and one thread at a time does the I/O for everyone.
 *
 * <p>Lines never wait in memory without a writer, and memory stays bounded: when {@code maxPending} bytes are
 * already waiting behind a write (the stream is blocked, e.g. a full pipe), a thread adding a line waits until the
 * writer takes them, so a stalled stream slows the callers as a direct write would, instead of growing the heap.
 */
final class LineWriter {
    /** Bytes that may wait behind a write in progress before callers are held back. */
    static final int DEFAULT_MAX_PENDING = 256 * 1024;

    private final OutputStream out;
    private final int maxPending;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer takes the pending lines and when it stops writing. */
    private final Condition changed = lock.newCondition();
    private ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
    /** The buffer the writer fills {@link #pending} from next; only the writer touches it. */
    private ByteArrayOutputStream spare = new ByteArrayOutputStream(8192);
    private boolean writing;

    LineWriter(OutputStream out) {
        this(out, DEFAULT_MAX_PENDING);
    }

    LineWriter(OutputStream out, int maxPending) {
        this.out = out;
        this.maxPending = maxPending;
    }

    /** Adds {@code line} (which carries its own line end) and writes it now unless another thread is writing. */
    void write(byte[] line) {
        lock.lock();
        try {
            while (writing && pending.size() >= maxPending) {
                changed.awaitUninterruptibly();
            }
            pending.write(line, 0, line.length);
            if (writing) {
                return; // the thread writing now takes this line in its next round
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        drain();
    }

    /**
     * Returns once every line added before the call is written, waiting for a write in progress to finish its
     * rounds: the last lines of a stopping service are out before the JVM exits, whichever thread writes them.
     */
    void flush() {
        lock.lock();
        try {
            while (writing) {
                changed.awaitUninterruptibly();
            }
            if (pending.size() == 0) {
                return;
            }
            writing = true; // lines left by a writer that an Error stopped
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** Writes rounds of pending lines until none are left; only one thread at a time runs this. */
    private void drain() {
        boolean done = false;
        try {
            while (true) {
                ByteArrayOutputStream batch;
                lock.lock();
                try {
                    if (pending.size() == 0) {
                        writing = false;
                        done = true;
                        changed.signalAll();
                        return;
                    }
                    batch = pending;
                    pending = spare;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                try {
                    batch.writeTo(out);
                    out.flush();
                } catch (IOException e) {
                    // Stdout's PrintStream never throws; a stream that does loses this batch, not the next ones.
                } finally {
                    batch.reset();
                    spare = batch;
                }
            }
        } finally {
            if (!done) { // an Error escaped the write: let the next caller become the writer
                lock.lock();
                try {
                    writing = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
