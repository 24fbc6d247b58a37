package io.signalbox.scoring.predict;

import io.signalbox.scoring.model.ModelInfo;
import io.signalbox.scoring.model.Prediction;
import io.signalbox.scoring.model.ProspectModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Scores a prospect: reads its attributes through the API and runs the model being served. */
public final class PredictService {
    private final ModelStore models;
    private final AttributeClient attributes;
    private final List<Consumer<Scored>> listeners = new CopyOnWriteArrayList<>();

    public PredictService(ModelStore models, AttributeClient attributes) {
        this.models = models;
        this.attributes = attributes;
    }

    /** One scored prospect: the values read, the model's answer and which model gave it. */
    public record Scored(String domainUserId, Map<String, Object> signals, Prediction prediction, ModelInfo model) {}

    /** Tells a listener about every prospect scored from now on, on the scoring thread; it must be quick. */
    public void addListener(Consumer<Scored> listener) {
        listeners.add(listener);
    }

    /** The model being served, if any. */
    public Optional<ModelInfo> model() {
        return models.current().map(ProspectModel::info);
    }

    /** Where the model files are looked for. */
    public java.nio.file.Path modelDirectory() {
        return models.directory();
    }

    /**
     * Scores one prospect; empty when no model is loaded yet.
     *
     * @throws AttributeClient.AttributeReadException when the API cannot be read
     */
    public Optional<Scored> score(String domainUserId)
            throws AttributeClient.AttributeReadException, InterruptedException {
        Optional<ProspectModel> served = models.current();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ProspectModel model = served.get();
        ModelInfo info = model.info();
        Map<String, Object> signals =
                attributes.read(info.groupFullName(), info.attributes(), "domain_userid", domainUserId);
        Scored scored = new Scored(domainUserId, signals, model.predict(signals), info);
        listeners.forEach(listener -> listener.accept(scored));
        return Optional.of(scored);
    }
}
