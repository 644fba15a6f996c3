package io.github.mqttbridge.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts for docs/benchmarks.md, drawn headless so that the suite runs on a server without a display. */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Grouped bars: one group per category (for example a payload size), one bar per series (for example a client).
     * Maps keep their iteration order, so pass LinkedHashMaps.
     */
    public static Path bars(Path file, String title, String categoryAxis, String valueAxis,
            Map<String, Map<String, Double>> valuesBySeries) throws IOException {
        var dataset = new DefaultCategoryDataset();
        valuesBySeries.forEach((series, byCategory) ->
                byCategory.forEach((category, value) -> dataset.addValue(value, series, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryAxis, valueAxis, dataset,
                PlotOrientation.VERTICAL, true, false, false);
        return save(chart, file);
    }

    /**
     * Lines through (x, y) points, one line per series; a logarithmic x axis suits percentiles (50, 99, 99.9) or
     * counts that grow by factors (1, 1,000, 100,000 topics).
     */
    public static Path lines(Path file, String title, String xAxis, String yAxis, boolean logarithmicX,
            Map<String, List<double[]>> pointsBySeries) throws IOException {
        return lines(file, title, xAxis, yAxis, logarithmicX, false, pointsBySeries);
    }

    /**
     * As {@link #lines(Path, String, String, String, boolean, Map)}, with a logarithmic y axis too when the values
     * span factors (MB/s from 64-byte to 64 KiB payloads), and a marker on every measured point.
     */
    public static Path lines(Path file, String title, String xAxis, String yAxis, boolean logarithmicX,
            boolean logarithmicY, Map<String, List<double[]>> pointsBySeries) throws IOException {
        var dataset = new XYSeriesCollection();
        pointsBySeries.forEach((name, points) -> {
            var series = new XYSeries(name);
            points.forEach(p -> series.add(p[0], p[1]));
            dataset.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xAxis, yAxis, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        if (logarithmicX) {
            chart.getXYPlot().setDomainAxis(new LogarithmicAxis(xAxis));
        }
        if (logarithmicY) {
            chart.getXYPlot().setRangeAxis(new LogarithmicAxis(yAxis));
            ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
        }
        return save(chart, file);
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
