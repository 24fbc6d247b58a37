package io.signalbox.events;

/**
 * A SchemaVer version {@code MODEL-REVISION-ADDITION}; a change of model is breaking.
 *
 * @param model the first number, at least 1
 * @param revision the second number
 * @param addition the third number
 */
public record SchemaVer(int model, int revision, int addition) implements Comparable<SchemaVer> {

    public SchemaVer {
        if (model < 1 || revision < 0 || addition < 0) {
            throw new IllegalArgumentException(
                    "SchemaVer numbers must be model >= 1, revision >= 0, addition >= 0, were " + model + "-" + revision
                            + "-" + addition);
        }
    }

    /**
     * Parses {@code M-R-A}.
     *
     * @throws IllegalArgumentException when the text is not a full SchemaVer
     */
    public static SchemaVer parse(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("SchemaVer must look like 1-0-0, was '" + text + "'");
        }
        try {
            return new SchemaVer(number(parts[0]), number(parts[1]), number(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SchemaVer must look like 1-0-0, was '" + text + "'", e);
        }
    }

    private static int number(String part) {
        if (part.isEmpty() || part.length() > 6 || !part.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(part);
        }
        return Integer.parseInt(part);
    }

    @Override
    public int compareTo(SchemaVer other) {
        int byModel = Integer.compare(model, other.model);
        if (byModel != 0) {
            return byModel;
        }
        int byRevision = Integer.compare(revision, other.revision);
        return byRevision != 0 ? byRevision : Integer.compare(addition, other.addition);
    }

    @Override
    public String toString() {
        return model + "-" + revision + "-" + addition;
    }
}
