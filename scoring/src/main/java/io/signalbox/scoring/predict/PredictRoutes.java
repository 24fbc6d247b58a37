package io.signalbox.scoring.predict;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.events.Json;
import io.signalbox.scoring.model.ModelInfo;
import io.signalbox.scoring.model.Prediction;
import io.signalbox.tracking.http.RequestBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /predict} with {@code {"domain_userid": "…"}}: reads the prospect's attributes through the API, scores
 * them with the model being served and answers {@code signals} (the values as read, nulls included), {@code
 * scoring_attributes} (the model's inputs after defaults), {@code score}, {@code explanations} (each attribute's
 * contribution), {@code model_version} and {@code decision}. An unknown prospect is scored from default values.
 * {@code GET /predict/model} describes the model served.
 *
 * <p>Open without a key, like the intervention stream: the browser of the prospect asks for its own score, and the
 * domain user id it names is the credential.
 */
public final class PredictRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PredictRoutes.class);
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_ID_CHARS = 256;

    private final PredictService service;

    public PredictRoutes(PredictService service) {
        this.service = service;
    }

    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.post("/predict", this::predict);
        routes.get("/predict/model", this::model);
    }

    private void predict(Context ctx) throws InterruptedException {
        byte[] body;
        try {
            body = RequestBodies.readUpTo(ctx, MAX_BODY_BYTES);
        } catch (IOException e) {
            error(ctx, 400, "the request body could not be read");
            return;
        }
        if (body == null) {
            error(ctx, 413, "the request body is larger than the limit of " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String id;
        try {
            id = domainUserId(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        Optional<PredictService.Scored> scored;
        try {
            scored = service.score(id);
        } catch (AttributeClient.AttributeReadException e) {
            LOG.warn("Reading attributes for /predict failed: {}", e.getMessage());
            error(ctx, 502, "the attributes could not be read from the API");
            return;
        }
        if (scored.isEmpty()) {
            error(
                    ctx,
                    503,
                    "no model is loaded yet: train one with 'signalbox train' (it goes to " + service.modelDirectory()
                            + ")");
            return;
        }
        ctx.contentType("application/json").result(Json.write(answer(scored.get())));
    }

    /** The answer of {@code /predict} for a scored prospect. */
    public static ObjectNode answer(PredictService.Scored scored) {
        Prediction prediction = scored.prediction();
        ModelInfo info = scored.model();
        ObjectNode answer = Json.NODES.objectNode();
        answer.put("domain_userid", scored.domainUserId());
        answer.set("signals", DefinitionWriter.value(scored.signals()));
        answer.set("scoring_attributes", DefinitionWriter.value(prediction.scoringAttributes()));
        answer.put("score", prediction.score());
        ObjectNode explanations = answer.putObject("explanations");
        prediction.explanations().forEach(explanations::put);
        answer.put("model_version", info.version());
        answer.put("decision", prediction.decision());
        answer.put("threshold", info.threshold());
        return answer;
    }

    private void model(Context ctx) {
        Optional<ModelInfo> served = service.model();
        if (served.isEmpty()) {
            error(ctx, 404, "no model is loaded yet");
            return;
        }
        ModelInfo info = served.get();
        ObjectNode answer = Json.NODES.objectNode();
        answer.put("version", info.version());
        answer.put("kind", info.kind());
        answer.put("attribute_group", info.attributeGroup());
        answer.put("attribute_group_version", info.attributeGroupVersion());
        info.attributes().forEach(answer.putArray("attributes")::add);
        answer.put("threshold", info.threshold());
        answer.put("trained_at", info.trainedAt().toString());
        ctx.contentType("application/json").result(Json.write(answer));
    }

    private static String domainUserId(String text) {
        JsonNode body;
        try {
            body = Json.parse(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the request body must be JSON such as {\"domain_userid\": \"…\"}");
        }
        JsonNode id = body == null ? null : body.get("domain_userid");
        if (id == null
                || !id.isString()
                || id.asString().isBlank()
                || id.asString().length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException(
                    "domain_userid is required: a string of 1 to " + MAX_ID_CHARS + " characters");
        }
        return id.asString();
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status)
                .contentType("application/json")
                .result(Json.write(Json.NODES.objectNode().put("error", message)));
    }
}
