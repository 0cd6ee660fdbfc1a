package io.mynode.storage.lsm.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** The swap-storage results as a Markdown table and a PNG of two bar charts (XChart). */
final class Report {
    private Report() {}

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String table(List<SwapStorage.Result> results, List<String> engines, List<String> missing) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | engine | ops/s | p99 (us) | write amp | space amp | vs rocksdb |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (String w : SwapStorage.WORKLOADS) {
            SwapStorage.Result rocks = find(results, "rocksdb", w);
            for (String e : engines) {
                SwapStorage.Result r = find(results, e, w);
                if (r == null) {
                    continue;
                }
                String ratio = rocks == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.opsPerSecond() / rocks.opsPerSecond());
                out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %s | %s | %s |%n", w, e, r.opsPerSecond(),
                        r.p99Micros(), fmt(r.writeAmp()), fmt(r.spaceAmp()), ratio));
            }
        }
        for (String m : missing) {
            out.append("\nengine '").append(m).append("' was not on the class path and was skipped.\n");
        }
        out.append("\nWith several rounds each figure is the engine's best round for that workload. p99 for readseq is the mean time per entry of one full scan; write amp counts bytes written to "
                + "storage (/proc/self/io) per user byte during the workload and its final flush; space amp is the "
                + "directory's bytes per live user byte after that flush.\n");
        return out.toString();
    }

    private static SwapStorage.Result find(List<SwapStorage.Result> results, String engine, String workload) {
        for (SwapStorage.Result r : results) {
            if (r.engine().equals(engine) && r.workload().equals(workload)) {
                return r;
            }
        }
        return null;
    }

    static void chart(List<SwapStorage.Result> results, List<String> engines, int keys, Path png) throws IOException {
        CategoryChart ops = new CategoryChartBuilder().width(1000).height(450)
                .title(String.format(Locale.ROOT, "Throughput, %,d keys (higher is better)", keys))
                .xAxisTitle("workload").yAxisTitle("thousand ops/s").build();
        CategoryChart p99 = new CategoryChartBuilder().width(1000).height(450)
                .title("p99 latency per operation (lower is better)").xAxisTitle("workload").yAxisTitle("microseconds").build();
        for (CategoryChart c : List.of(ops, p99)) {
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        }
        for (String e : engines) {
            List<String> names = new ArrayList<>();
            List<Double> kops = new ArrayList<>();
            List<Double> lat = new ArrayList<>();
            for (String w : SwapStorage.WORKLOADS) {
                SwapStorage.Result r = find(results, e, w);
                if (r != null) {
                    names.add(w);
                    kops.add(r.opsPerSecond() / 1000);
                    lat.add(r.p99Micros());
                }
            }
            ops.addSeries(e, names, kops);
            p99.addSeries(e, names, lat);
        }
        List<Chart<?, ?>> charts = List.of(ops, p99);
        BitmapEncoder.saveBitmap(charts, 2, 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
