package io.signalbox.tracking;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.signalbox.events.Json;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The cached outcome of resolving one schema key. */
sealed interface Resolution {

    static Missing missing(ArrayNode lookupHistory) {
        ObjectNode error = Json.NODES.objectNode();
        error.put("error", "ResolutionError");
        error.set("lookupHistory", lookupHistory);
        return new Missing(error);
    }

    /**
     * No repository has the schema.
     *
     * @param error the Iglu {@code ResolutionError} object; shared, copy before handing out
     */
    record Missing(ObjectNode error) implements Resolution {}

    /**
     * The schema was found.
     *
     * @param raw the text as stored
     * @param json the parsed schema
     * @param compiled the validator, or {@code null} when the schema itself is invalid
     * @param compileError why the schema could not be compiled, or {@code null}
     * @param fastCheck a quick check that vouches for most valid data, or {@code null} when the schema is not simple
     */
    record Found(String raw, JsonNode json, Schema compiled, String compileError, SimpleSchemaCheck fastCheck)
            implements Resolution {

        /** Validates data; empty when valid, else an Iglu {@code ValidationError}. */
        Optional<ObjectNode> validate(JsonNode data) {
            if (compiled == null) {
                return Optional.of(schemaIssue(compileError));
            }
            if (fastCheck != null && fastCheck.passes(data)) {
                return Optional.empty();
            }
            List<Error> errors;
            try {
                errors = compiled.validate(data);
            } catch (RuntimeException e) {
                return Optional.of(schemaIssue(String.valueOf(e.getMessage())));
            }
            return errors.isEmpty() ? Optional.empty() : Optional.of(validationError(errors));
        }

        private static ObjectNode validationError(List<Error> errors) {
            ObjectNode error = Json.NODES.objectNode();
            error.put("error", "ValidationError");
            ArrayNode reports = error.putArray("dataReports");
            for (Error problem : errors) {
                reports.add(report(problem));
            }
            return error;
        }

        private static ObjectNode report(Error problem) {
            String path = problem.getInstanceLocation() == null
                    ? "$"
                    : problem.getInstanceLocation().toString();
            ObjectNode report = Json.NODES.objectNode();
            report.put("message", path + ": " + problem.getMessage());
            report.put("path", path);
            report.put("keyword", problem.getKeyword());
            ArrayNode targets = report.putArray("targets");
            Object[] arguments = problem.getArguments();
            if (arguments != null) {
                for (Object argument : arguments) {
                    targets.add(String.valueOf(argument));
                }
            }
            return report;
        }

        private static ObjectNode schemaIssue(String message) {
            ObjectNode error = Json.NODES.objectNode();
            error.put("error", "ValidationError");
            ObjectNode issue = Json.NODES.objectNode();
            issue.put("path", "$");
            issue.put("message", message);
            error.putArray("schemaIssues").add(issue);
            return error;
        }
    }
}
