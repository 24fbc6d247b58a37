package io.signalbox.attributes.core;

import io.signalbox.attributes.InterventionCriteria;
import io.signalbox.attributes.InterventionDefinition;
import io.signalbox.attributes.Operator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule intervention compiled for evaluation against attribute values.
 *
 * <p>Values are looked up by {@code group:attribute} (no version) through a function the engine supplies; they are
 * the JSON-friendly values {@link CompiledGroup#values} returns, null for none. A leaf on a missing (null) value is
 * false except under {@code is null}; {@code all} is AND, {@code any} OR, {@code none} NOR; operators behave as
 * documented on {@link Operator}.
 *
 * <p>Triggering is edge-based: {@link #fires} compares the criteria on the values before and after an update and is
 * true only when they go from false to true. A rule using {@code changed} fires instead on every update where a
 * {@code changed} attribute took a different value (the first value included) while the rest of the criteria hold.
 * Thread-safe and immutable.
 */
public final class InterventionRule {
    private final InterventionDefinition definition;
    private final Node root;
    private final Set<String> references;
    private final boolean usesChanged;

    private sealed interface Node permits Leaf, Group {}

    private record Leaf(String attribute, Comparison comparison) implements Node {}

    private record Group(int kind, Node[] members) implements Node {}

    private static final int ALL = 0;
    private static final int ANY = 1;
    private static final int NONE = 2;

    private InterventionRule(InterventionDefinition definition) {
        this.definition = definition;
        Set<String> found = new LinkedHashSet<>();
        boolean[] changed = new boolean[1];
        this.root = compile(definition.criteria(), found, changed);
        this.references = Collections.unmodifiableSet(found);
        this.usesChanged = changed[0];
    }

    public static InterventionRule compile(InterventionDefinition definition) {
        return new InterventionRule(definition);
    }

    private static Node compile(InterventionCriteria criteria, Set<String> references, boolean[] changed) {
        return switch (criteria) {
            case InterventionCriteria.Leaf leaf -> {
                references.add(leaf.attribute());
                changed[0] |= leaf.operator() == Operator.CHANGED;
                yield new Leaf(leaf.attribute(), Comparison.of(leaf.operator(), leaf.value()));
            }
            case InterventionCriteria.All all -> group(ALL, all.members(), references, changed);
            case InterventionCriteria.Any any -> group(ANY, any.members(), references, changed);
            case InterventionCriteria.None none -> group(NONE, none.members(), references, changed);
        };
    }

    private static Node group(int kind, List<InterventionCriteria> members, Set<String> references, boolean[] changed) {
        List<Node> nodes = new ArrayList<>(members.size());
        for (InterventionCriteria member : members) {
            nodes.add(compile(member, references, changed));
        }
        return new Group(kind, nodes.toArray(Node[]::new));
    }

    public InterventionDefinition definition() {
        return definition;
    }

    /** The {@code group:attribute} references of the criteria, in order of appearance. */
    public Set<String> references() {
        return references;
    }

    /** Whether the criteria use {@code changed}. */
    public boolean usesChanged() {
        return usesChanged;
    }

    /** Whether the criteria hold for these values; {@code changed} leaves are false here. */
    public boolean matches(Function<String, Object> valueOf) {
        return evaluate(root, valueOf, null);
    }

    /**
     * Whether the criteria hold for the new values, with each {@code changed} leaf true when its attribute's old and
     * new values differ.
     */
    public boolean matches(Function<String, Object> oldValueOf, Function<String, Object> newValueOf) {
        return evaluate(root, newValueOf, oldValueOf);
    }

    /** Whether an update from the old values to the new ones triggers the intervention (see the class description). */
    public boolean fires(Function<String, Object> oldValueOf, Function<String, Object> newValueOf) {
        if (usesChanged) {
            return matches(oldValueOf, newValueOf);
        }
        return !matches(oldValueOf) && matches(newValueOf);
    }

    private static boolean evaluate(Node node, Function<String, Object> valueOf, Function<String, Object> oldValueOf) {
        if (node instanceof Leaf leaf) {
            if (leaf.comparison().operator() == Operator.CHANGED) {
                return oldValueOf != null
                        && !Values.same(oldValueOf.apply(leaf.attribute()), valueOf.apply(leaf.attribute()));
            }
            return leaf.comparison().test(valueOf.apply(leaf.attribute()));
        }
        Group group = (Group) node;
        for (Node member : group.members()) {
            boolean holds = evaluate(member, valueOf, oldValueOf);
            if (group.kind() == ALL && !holds) {
                return false;
            }
            if (group.kind() != ALL && holds) {
                return group.kind() == ANY;
            }
        }
        return group.kind() != ANY;
    }
}
