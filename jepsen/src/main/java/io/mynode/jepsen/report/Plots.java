package io.mynode.jepsen.report;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Op;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Jepsen's two performance plots, as PNG with XChart: {@code latency-raw.png} (every operation's
 * latency against the time it was invoked, log scale, by function and outcome) and
 * {@code rate.png} (completions per second, by function and outcome). Grey bands of vertical lines
 * mark when the nemesis was active, so a reader can see faults in the latency.
 *
 * <p>Rendering is headless ({@code java.awt.headless=true}); it needs no display.
 */
public final class Plots {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;

    /** Latency points: colour says the outcome (green ok, red fail, orange info), shape the function. */
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.CROSS, SeriesMarkers.TRIANGLE_DOWN
    };

    private Plots() {}

    /** Writes {@code latency-raw.png} and {@code rate.png} into {@code dir}. */
    public static void write(History history, Path dir) {
        System.setProperty("java.awt.headless", "true");
        save(latency(history), dir.resolve("latency-raw.png"));
        save(rate(history), dir.resolve("rate.png"));
    }

    static XYChart latency(History history) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency").xAxisTitle("time (s)").yAxisTitle("latency (ms)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, List<double[]>> series = new TreeMap<>();
        double maxLatency = 1;
        double minLatency = Double.MAX_VALUE;
        for (History.Operation o : history.operations()) {
            if (o.latencyNanos().isEmpty()) {
                continue;
            }
            double ms = Math.max(o.latencyNanos().get() / 1e6, 0.01);
            maxLatency = Math.max(maxLatency, ms);
            minLatency = Math.min(minLatency, ms);
            series.computeIfAbsent(o.f().name() + " " + o.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    k -> new ArrayList<>()).add(new double[] {o.invoke().time() / 1e9, ms});
        }
        if (series.isEmpty()) {
            chart.addSeries("no operations", new double[] {0}, new double[] {1});
            return chart;
        }
        nemesis(chart, Intervals.of(history), Math.min(minLatency, maxLatency), maxLatency);
        List<String> functions = series.keySet().stream().map(n -> n.substring(0, n.indexOf(' '))).distinct().toList();
        series.forEach((name, points) -> {
            XYSeries s = chart.addSeries(name, column(points, 0), column(points, 1));
            s.setMarker(MARKERS[functions.indexOf(name.substring(0, name.indexOf(' '))) % MARKERS.length]);
            s.setMarkerColor(color(name));
        });
        return chart;
    }

    static XYChart rate(History history) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Throughput").xAxisTitle("time (s)").yAxisTitle("operations / s").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        double end = history.ops().isEmpty() ? 1 : history.ops().getLast().time() / 1e9;
        double bucket = Math.max(0.1, Math.ceil(end / 60 * 10) / 10);
        int buckets = (int) Math.ceil(end / bucket) + 1;
        Map<String, double[]> counts = new TreeMap<>();
        for (History.Operation o : history.operations()) {
            if (o.completion().isEmpty()) {
                continue;
            }
            String name = o.f().name() + " " + o.outcome().name().toLowerCase(java.util.Locale.ROOT);
            int b = (int) Math.min(buckets - 1, o.completion().get().time() / 1e9 / bucket);
            counts.computeIfAbsent(name, k -> new double[buckets])[b] += 1 / bucket;
        }
        double[] xs = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            xs[i] = i * bucket;
        }
        if (counts.isEmpty()) {
            chart.addSeries("no operations", new double[] {0}, new double[] {0});
            return chart;
        }
        double max = counts.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
        nemesis(chart, Intervals.of(history), 0, max);
        counts.forEach((name, ys) -> {
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }

    /** A grey band per fault: vertical lines across the plot, drawn first so data sits on top. */
    private static void nemesis(XYChart chart, Intervals intervals, double low, double high) {
        int i = 0;
        for (Intervals.Interval iv : intervals.all()) {
            int lines = 12;
            double[] xs = new double[lines * 3];
            double[] ys = new double[lines * 3];
            for (int j = 0; j < lines; j++) {
                double x = iv.start() + (iv.end() - iv.start()) * j / (lines - 1);
                xs[3 * j] = x;
                ys[3 * j] = low;
                xs[3 * j + 1] = x;
                ys[3 * j + 1] = high;
                xs[3 * j + 2] = x;
                ys[3 * j + 2] = Double.NaN;
            }
            // Series names must be unique; only the first is shown in the legend, for all of them.
            XYSeries s = chart.addSeries(i++ == 0 ? "nemesis active" : "nemesis " + iv.fault() + " #" + i, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(new Color(0, 0, 0, 28));
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(i == 1);
        }
    }

    private static Color color(String series) {
        if (series.endsWith(" ok")) {
            return new Color(0x2b, 0x8c, 0x3e, 200);
        } else if (series.endsWith(" fail")) {
            return new Color(0xd6, 0x27, 0x28, 200);
        }
        return new Color(0xff, 0x9f, 0x1c, 200);
    }

    private static double[] column(List<double[]> points, int i) {
        double[] out = new double[points.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = points.get(j)[i];
        }
        return out;
    }

    private static void save(XYChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("writing plot " + file, e);
        }
    }
}
