package io.signalbox.attributes;

import java.util.List;
import java.util.Objects;

/**
 * The condition of a rule intervention: a leaf comparing one attribute, or a group of conditions nested to any
 * depth. {@code none} is NOR: true when no member holds.
 */
public sealed interface InterventionCriteria
        permits InterventionCriteria.Leaf,
                InterventionCriteria.All,
                InterventionCriteria.Any,
                InterventionCriteria.None {

    /**
     * One attribute compared with a value.
     *
     * @param attribute the attribute, {@code group:attribute}, without a version
     * @param operator how to compare
     * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}, a list of those, or {@code
     *     null} for operators that take none
     */
    record Leaf(String attribute, Operator operator, Object value) implements InterventionCriteria {
        public Leaf {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
        }

        /** The group part of {@code group:attribute}. */
        public String group() {
            return attribute.substring(0, attribute.indexOf(':'));
        }

        /** The attribute part of {@code group:attribute}. */
        public String attributeName() {
            return attribute.substring(attribute.indexOf(':') + 1);
        }
    }

    /** True when every member holds. */
    record All(List<InterventionCriteria> members) implements InterventionCriteria {
        public All {
            members = List.copyOf(members);
        }
    }

    /** True when at least one member holds. */
    record Any(List<InterventionCriteria> members) implements InterventionCriteria {
        public Any {
            members = List.copyOf(members);
        }
    }

    /** True when no member holds. */
    record None(List<InterventionCriteria> members) implements InterventionCriteria {
        public None {
            members = List.copyOf(members);
        }
    }
}
