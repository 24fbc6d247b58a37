package io.signalbox.attributes;

import java.util.List;

/**
 * A definition that is malformed or breaks a rule. Each problem names the definition, the field path and the value,
 * for example {@code attribute group 'web_user' v2: attributes[1].period must be positive, was PT0S}; the message
 * joins them with {@code "; "}.
 */
public final class DefinitionException extends IllegalArgumentException {
    private final List<String> problems;

    public DefinitionException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public DefinitionException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, each a full sentence fragment naming definition, field and value. */
    public List<String> problems() {
        return problems;
    }
}
