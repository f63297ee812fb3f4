package dev.metakube.eval;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Draws the report's charts as inline SVG: line charts, grouped bar charts and the reliability diagram. Plain
 * string building with a fixed viewBox, so the page scales and needs no script or external file.
 */
final class Svg {
    static final String[] PALETTE = {"#2563eb", "#f97316", "#16a34a", "#dc2626", "#9333ea", "#0891b2", "#ca8a04"};
    private static final int W = 640;
    private static final int H = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 48;
    private static final int BOTTOM = 48;

    private Svg() {
    }

    /** A named series of (x, y) points. */
    record Series(String name, List<double[]> points) {
    }

    static String lineChart(String id, String title, List<Series> series, String xLabel, String yLabel, double xMax,
                            double yMax) {
        StringBuilder b = open(id, title);
        axes(b, xLabel, yLabel, xMax, yMax, v -> fmt(v, xMax >= 10 ? 0 : 1), v -> pct(v));
        for (int s = 0; s < series.size(); s++) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : series.get(s).points()) {
                pts.append(f(x(p[0], xMax))).append(',').append(f(y(p[1], yMax))).append(' ');
            }
            b.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color(s)).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"><title>").append(esc(series.get(s).name()))
                    .append("</title></polyline>\n");
        }
        legend(b, series.stream().map(Series::name).toList());
        return close(b);
    }

    /** Bars grouped by {@code groups}, one bar per series in each group; {@code values[series][group]}. */
    static String groupedBars(String id, String title, List<String> groups, List<String> seriesNames,
                              double[][] values, String yLabel, double yMax, DoubleFunction<String> label) {
        StringBuilder b = open(id, title);
        axes(b, "", yLabel, 0, yMax, v -> "", label);
        double plotW = W - LEFT - RIGHT;
        double groupW = plotW / Math.max(1, groups.size());
        double barW = groupW * 0.8 / Math.max(1, seriesNames.size());
        for (int g = 0; g < groups.size(); g++) {
            double gx = LEFT + g * groupW + groupW * 0.1;
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values[s][g];
                double top = y(v, yMax);
                b.append("<rect x=\"").append(f(gx + s * barW)).append("\" y=\"").append(f(top))
                        .append("\" width=\"").append(f(barW - 2)).append("\" height=\"")
                        .append(f(H - BOTTOM - top)).append("\" fill=\"").append(color(s)).append("\"><title>")
                        .append(esc(groups.get(g) + ", " + seriesNames.get(s) + ": " + label.apply(v)))
                        .append("</title></rect>\n");
                b.append("<text x=\"").append(f(gx + s * barW + barW / 2 - 1)).append("\" y=\"")
                        .append(f(top - 3)).append("\" font-size=\"9\" text-anchor=\"middle\">")
                        .append(esc(label.apply(v))).append("</text>\n");
            }
            b.append("<text x=\"").append(f(gx + groupW * 0.4)).append("\" y=\"").append(H - BOTTOM + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(esc(groups.get(g)))
                    .append("</text>\n");
        }
        legend(b, seriesNames);
        return close(b);
    }

    /** Accuracy per confidence bin as bars against the diagonal of perfect calibration. */
    static String reliability(String id, String title, List<Metrics.Bin> bins, int total) {
        StringBuilder b = open(id, title);
        axes(b, "confidence", "accuracy", 1, 1, v -> fmt(v, 1), v -> pct(v));
        b.append("<line x1=\"").append(f(x(0, 1))).append("\" y1=\"").append(f(y(0, 1))).append("\" x2=\"")
                .append(f(x(1, 1))).append("\" y2=\"").append(f(y(1, 1)))
                .append("\" stroke=\"#9ca3af\" stroke-dasharray=\"4 3\"/>\n");
        for (Metrics.Bin bin : bins) {
            if (bin.count() == 0) {
                continue;
            }
            double x0 = x(bin.lo(), 1);
            double w = x(bin.hi(), 1) - x0 - 1;
            double top = y(bin.accuracy(), 1);
            double opacity = 0.35 + 0.65 * Math.min(1, 10.0 * bin.count() / Math.max(1, total));
            b.append("<rect x=\"").append(f(x0)).append("\" y=\"").append(f(top)).append("\" width=\"").append(f(w))
                    .append("\" height=\"").append(f(H - BOTTOM - top)).append("\" fill=\"").append(PALETTE[0])
                    .append("\" fill-opacity=\"").append(f(opacity)).append("\"><title>")
                    .append(esc(String.format(Locale.ROOT, "confidence %.2f-%.2f: %d diagnoses, accuracy %.2f,"
                            + " mean confidence %.2f", bin.lo(), bin.hi(), bin.count(), bin.accuracy(),
                            bin.confidence()))).append("</title></rect>\n");
            b.append("<circle cx=\"").append(f(x(bin.confidence(), 1))).append("\" cy=\"")
                    .append(f(y(bin.confidence(), 1))).append("\" r=\"3\" fill=\"").append(PALETTE[1])
                    .append("\"/>\n");
            b.append("<text x=\"").append(f(x0 + w / 2)).append("\" y=\"").append(f(top - 3))
                    .append("\" font-size=\"8\" text-anchor=\"middle\">").append(bin.count()).append("</text>\n");
        }
        legend(b, List.of("accuracy per bin (n above)", "mean confidence"));
        return close(b);
    }

    private static StringBuilder open(String id, String title) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg id=\"").append(esc(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\" font-family=\"system-ui, sans-serif\">\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"600\">")
                .append(esc(title)).append("</text>\n");
        return b;
    }

    private static String close(StringBuilder b) {
        return b.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder b, String xLabel, String yLabel, double xMax, double yMax,
                             DoubleFunction<String> xTick, DoubleFunction<String> yTick) {
        b.append("<g stroke=\"#e5e7eb\">\n");
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
                    .append(f(y(v, yMax))).append("\" y2=\"").append(f(y(v, yMax))).append("\"/>\n");
        }
        b.append("</g>\n<g font-size=\"10\" fill=\"#374151\">\n");
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y(v, yMax) + 3))
                    .append("\" text-anchor=\"end\">").append(esc(yTick.apply(v))).append("</text>\n");
        }
        if (xMax > 0) {
            for (int i = 0; i <= 5; i++) {
                double v = xMax * i / 5;
                b.append("<text x=\"").append(f(x(v, xMax))).append("\" y=\"").append(H - BOTTOM + 14)
                        .append("\" text-anchor=\"middle\">").append(esc(xTick.apply(v))).append("</text>\n");
            }
        }
        b.append("<text x=\"").append(f(LEFT + (W - LEFT - RIGHT) / 2.0)).append("\" y=\"").append(H - 8)
                .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>\n");
        b.append("<text transform=\"translate(14,").append(f(TOP + (H - TOP - BOTTOM) / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>\n");
        b.append("</g>\n<line x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"")
                .append(W - RIGHT).append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#6b7280\"/>\n");
    }

    private static void legend(StringBuilder b, List<String> names) {
        double x = W - RIGHT;
        for (int i = names.size() - 1; i >= 0; i--) {
            String n = names.get(i);
            x -= 18 + 6.2 * n.length();
            b.append("<rect x=\"").append(f(x)).append("\" y=\"27\" width=\"10\" height=\"10\" fill=\"")
                    .append(color(i)).append("\"/><text x=\"").append(f(x + 13)).append("\" y=\"36\" font-size=\"10\">")
                    .append(esc(n)).append("</text>\n");
        }
    }

    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    private static double x(double v, double max) {
        return LEFT + (W - LEFT - RIGHT) * (max <= 0 ? 0 : v / max);
    }

    private static double y(double v, double max) {
        double c = max <= 0 ? 0 : Math.max(0, Math.min(1, v / max));
        return H - BOTTOM - (H - TOP - BOTTOM) * c;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /** Escapes text for XML and HTML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A round axis maximum at or above {@code v}: 1, 2, 5 times a power of ten. */
    static double niceMax(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
