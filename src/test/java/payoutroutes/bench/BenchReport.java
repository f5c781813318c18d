package payoutroutes.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's results: one markdown file (the tables the README shows) and one PNG (latency against load, and
 * throughput over the sustained run), drawn by gnuplot from data files the run writes beside its logs.
 */
final class BenchReport {

    /** One line of the main table. */
    record Row(String run, String load, Wrk.Result result, SandboxCounts sandbox, long rssPeakMb) {
    }

    /** One minute of the sustained run. */
    record Minute(int minute, Wrk.Result result, SandboxCounts sandbox, long rssMb) {
    }

    /** One point of latency against load. */
    record Point(String path, int offered, Wrk.Result result) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Minute> minutes = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void add(Minute minute) {
        minutes.add(minute);
    }

    void add(Point point) {
        points.add(point);
    }

    void note(String note) {
        notes.add(note);
    }

    List<Row> rows() {
        return rows;
    }

    List<Minute> minutes() {
        return minutes;
    }

    String markdown(String heading) {
        StringBuilder md = new StringBuilder();
        md.append(heading).append("\n\n");
        md.append("| run | load | per second | p50 ms | p99 ms | p99.9 ms | errors | duplicate sends "
                + "| events delivered | event lag p50 / p99 ms | service RSS peak MB |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Wrk.Result r = row.result();
            SandboxCounts s = row.sandbox();
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %.1f | %.1f | %d | %d | %s | %s | %s |%n",
                    row.run(), row.load(), r.perSecond(), r.p50(), r.p99(), r.p999(), r.errors(), s.duplicates(),
                    s.eventsVerified() == 0 ? "-" : String.format(Locale.ROOT, "%,d", s.eventsVerified()),
                    s.eventsVerified() == 0 ? "-" : s.lagMs(0.5) + " / " + s.lagMs(0.99),
                    row.rssPeakMb() == 0 ? "-" : String.valueOf(row.rssPeakMb())));
        }
        if (!minutes.isEmpty()) {
            md.append("\nSustained (full path, overpay, 64 connections), minute by minute:\n\n");
            md.append("| minute | payouts/s | p50 ms | p99 ms | errors | events delivered/s | event lag p99 ms "
                    + "| service RSS MB |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Minute m : minutes) {
                Wrk.Result r = m.result();
                md.append(String.format(Locale.ROOT, "| %d | %,.0f | %.1f | %.1f | %d | %,.0f | %d | %d |%n",
                        m.minute(), r.perSecond(), r.p50(), r.p99(), r.errors(),
                        m.sandbox().eventsVerified() / r.seconds(), m.sandbox().lagMs(0.99), m.rssMb()));
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n");
            notes.forEach(note -> md.append("- ").append(note).append("\n"));
        }
        return md.toString();
    }

    /** The data files and the gnuplot script; then gnuplot draws {@code png}. */
    void plot(Path dataDir, Path png, String title) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        for (String path : List.of("direct", "full")) {
            StringBuilder data = new StringBuilder("# offered achieved p50 p99 p99.9\n");
            points.stream().filter(p -> p.path().equals(path)).forEach(p -> data.append(String.format(Locale.ROOT,
                    "%d %.1f %.3f %.3f %.3f%n", p.offered(), p.result().perSecond(), p.result().p50(),
                    p.result().p99(), p.result().p999())));
            Files.writeString(dataDir.resolve(path + ".dat"), data);
        }
        StringBuilder sustained = new StringBuilder("# minute payouts/s p99\n");
        minutes.forEach(m -> sustained.append(String.format(Locale.ROOT, "%d %.1f %.3f%n", m.minute(),
                m.result().perSecond(), m.result().p99())));
        Files.writeString(dataDir.resolve("sustained.dat"), sustained);
        String script = """
                set terminal pngcairo size 1400,560 font ",10"
                set output '%s'
                set multiplot layout 1,2 title '%s'
                set title 'Latency against load (overpay create; paced by wrk)'
                set xlabel 'achieved requests/s'
                set ylabel 'latency ms (log)'
                set logscale y
                set grid
                set key top left
                plot '%s' using 2:3 with linespoints lw 2 pt 7 title 'sandbox directly p50', \\
                     '%s' using 2:4 with linespoints lw 2 pt 5 title 'sandbox directly p99', \\
                     '%s' using 2:3 with linespoints lw 2 pt 7 title 'full payout path p50', \\
                     '%s' using 2:4 with linespoints lw 2 pt 5 title 'full payout path p99'
                unset logscale y
                set title 'Sustained load, minute by minute (64 connections)'
                set xlabel 'minute'
                set ylabel 'payouts/s'
                set y2label 'p99 ms'
                set ytics nomirror
                set y2tics
                set yrange [0:*]
                set y2range [0:*]
                plot '%s' using 1:2 with linespoints lw 2 pt 7 title 'payouts/s', \\
                     '%s' using 1:3 axes x1y2 with linespoints lw 2 pt 5 title 'p99 ms'
                unset multiplot
                """.formatted(png.toAbsolutePath(), title.replace("'", ""),
                dataDir.resolve("direct.dat").toAbsolutePath(), dataDir.resolve("direct.dat").toAbsolutePath(),
                dataDir.resolve("full.dat").toAbsolutePath(), dataDir.resolve("full.dat").toAbsolutePath(),
                dataDir.resolve("sustained.dat").toAbsolutePath(), dataDir.resolve("sustained.dat").toAbsolutePath());
        Path gp = dataDir.resolve("plot.gp");
        Files.writeString(gp, script, StandardCharsets.UTF_8);
        Process gnuplot = new ProcessBuilder("gnuplot", gp.toString()).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gnuplot.log").toFile()).start();
        if (gnuplot.waitFor() != 0) {
            throw new IllegalStateException("gnuplot failed; see " + dataDir.resolve("gnuplot.log"));
        }
    }
}
