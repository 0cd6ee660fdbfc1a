package io.mynode.repl.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar on stderr while a run goes on, redrawn five times a second:
 * {@code [#########...........]  45%  4512 ops  2256 ops/s}. Drawn only on a terminal, so logs of
 * scripted runs hold the summary alone. A daemon thread draws; closing it erases the line.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private final Thread drawer;
    private final PrintStream err = System.err;

    private Progress(Run run, long count, Duration duration) {
        long start = System.nanoTime();
        drawer = Thread.ofPlatform().daemon().name("bench-progress").unstarted(() -> {
            try {
                while (true) {
                    Thread.sleep(200);
                    draw(run.done(), System.nanoTime() - start, count, duration);
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    static Progress start(Run run, long count, Duration duration) {
        Progress p = new Progress(run, count, duration);
        if (io.mynode.repl.Main.onTerminal()) {
            p.drawer.start();
        }
        return p;
    }

    private void draw(long done, long elapsedNanos, long count, Duration duration) {
        double fraction = count > 0 ? (double) done / count : (double) elapsedNanos / duration.toNanos();
        fraction = Math.max(0, Math.min(1, fraction));
        int filled = (int) (fraction * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        err.printf(Locale.ROOT, "\r[%s] %3.0f%%  %d ops  %.0f ops/s ", bar, fraction * 100, done,
                done * 1e9 / Math.max(1, elapsedNanos));
        err.flush();
    }

    @Override
    public void close() {
        if (drawer.isAlive()) {
            drawer.interrupt();
            try {
                drawer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
        }
    }
}
