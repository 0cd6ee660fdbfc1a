package io.mynode.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a launcher of the distribution as a user would from a shell: arguments, text on stdin,
 * stdout and stderr captured. The process is killed if it outlives its timeout.
 */
record Command(List<String> argv) {

    record Result(int exit, String out, String err) {}

    static Command of(String launcher, String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(Cluster.HOME.resolve("bin").resolve(launcher).toString());
        argv.addAll(List.of(args));
        return new Command(argv);
    }

    Result run(String stdin, Duration timeout) {
        return run(stdin, timeout, Map.of(), null);
    }

    Result run(String stdin, Duration timeout, Map<String, String> env, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process p = null;
        try {
            p = builder.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process may exit before reading all of its input; its output tells why
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                o.join(1000);
                e.join(1000);
                throw new AssertionError(argv + " did not end within " + timeout + "; stdout:\n"
                        + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8));
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    static Thread pump(InputStream from, OutputStream to) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the stream closes when the process dies
            }
        });
    }
}
