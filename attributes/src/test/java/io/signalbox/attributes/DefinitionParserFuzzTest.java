package io.signalbox.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the definition parser with whole definition files, JSON or YAML. A document either
 * parses or is refused with a {@link DefinitionException} (any other exception is a crash), and what parses reads
 * back the same after {@link DefinitionWriter} has written it, as the registry stores it.
 *
 * <p>The normal test run replays {@code src/test/resources/.../DefinitionParserFuzzTestInputs}; {@code JAZZER_FUZZ=1}
 * fuzzes (see the README's section on fuzzing).
 */
class DefinitionParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void definitionFilesParseOrFailWithDefinitionException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);

        Definitions definitions;
        try {
            definitions = DefinitionParser.parseDocument(text);
        } catch (DefinitionException refused) {
            assertThat(refused.problems()).isNotEmpty().doesNotContainNull();
            return;
        }

        assertThat(DefinitionParser.parseDocument(DefinitionWriter.document(definitions)))
                .isEqualTo(definitions);
    }
}
