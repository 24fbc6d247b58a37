package io.signalbox.scoring.train;

import io.signalbox.scoring.evaluation.Evaluation;
import io.signalbox.scoring.training.SplitKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG plots of a training report, drawn headless with JFreeChart. */
final class Charts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final Color[] COLOURS = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    static void roc(Path file, Evaluation.Result main, Map<SplitKind, Evaluation.Result> others) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(String.format("test (AUC %.3f)", main.rocAuc()), main.roc()));
        others.forEach((kind, result) -> data.addSeries(
                series(String.format("%s split (AUC %.3f)", kind.wireName(), result.rocAuc()), result.roc())));
        data.addSeries(series("chance", List.of(new Evaluation.Point(0, 0), new Evaluation.Point(1, 1))));
        save(file, lines("ROC curve", "false-positive rate", "true-positive rate", data, true));
    }

    static void precisionRecall(Path file, Evaluation.Result result) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(
                series(String.format("test (average precision %.3f)", result.prAuc()), result.precisionRecall()));
        data.addSeries(series(
                String.format("base rate %.3f", result.baseRate()),
                List.of(new Evaluation.Point(0, result.baseRate()), new Evaluation.Point(1, result.baseRate()))));
        save(file, lines("Precision-recall curve", "recall", "precision", data, true));
    }

    static void calibration(Path file, Evaluation.Result result) throws IOException {
        List<Evaluation.Point> observed = new ArrayList<>();
        for (Evaluation.Bin bin : result.calibration()) {
            if (bin.rows() > 0) {
                observed.add(new Evaluation.Point(bin.meanScore(), bin.observedRate()));
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(
                series(String.format("test (calibration error %.3f)", result.expectedCalibrationError()), observed));
        data.addSeries(series("perfect", List.of(new Evaluation.Point(0, 0), new Evaluation.Point(1, 1))));
        JFreeChart chart = lines("Calibration", "mean score in bin", "observed rate", data, true);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesShapesVisible(0, true);
        save(file, chart);
    }

    static void importance(Path file, Map<String, Double> importance) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        importance.forEach((attribute, value) -> data.addValue(value, "importance", attribute));
        JFreeChart chart = ChartFactory.createBarChart(
                "Feature importance",
                null,
                "mean |contribution| (log-odds)",
                data,
                PlotOrientation.HORIZONTAL,
                false,
                false,
                false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, COLOURS[0]);
        int height = Math.max(HEIGHT, 40 + 22 * importance.size());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
    }

    private static XYSeries series(String name, List<Evaluation.Point> points) {
        XYSeries series = new XYSeries(name, false, true);
        points.forEach(p -> series.add(p.x(), p.y()));
        return series;
    }

    private static JFreeChart lines(String title, String x, String y, XYSeriesCollection data, boolean lastDashed) {
        JFreeChart chart =
                ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int count = data.getSeriesCount();
        for (int i = 0; i < count; i++) {
            boolean dashed = lastDashed && i == count - 1;
            renderer.setSeriesPaint(i, dashed ? Color.GRAY : COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(
                    i,
                    dashed
                            ? new BasicStroke(
                                    1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    private static void save(Path file, JFreeChart chart) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
