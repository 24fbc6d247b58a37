package io.signalbox.engine.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RecordLimitingReaderTest {
    private static final char CUT = RecordLimitingReader.TRUNCATED;

    private static String read(String text, int limit, boolean quoted) throws IOException {
        StringWriter out = new StringWriter();
        try (Reader reader = new RecordLimitingReader(new StringReader(text), limit, quoted)) {
            reader.transferTo(out);
        }
        return out.toString();
    }

    @Test
    void shouldCountLineBreaksInsideQuotesAsPartOfTheRecord() throws IOException {
        String text = "ab,\"c\r\nd\"\r\nxyz\n\"\"\"q\"\"\"\n";

        assertThat(read(text, 9, true)).isEqualTo(text);
        assertThat(read(text, 8, true)).startsWith("ab,\"c\r\nd" + CUT + "\"\r\nxyz\n");
    }

    @Test
    void shouldCutALongLineAndGoOnWithTheNext() throws IOException {
        assertThat(read("abcdefgh\nxy\r\nabcdef", 4, false)).isEqualTo("abcd" + CUT + "\nxy\r\nabcd" + CUT);
    }

    @Test
    void shouldCloseAQuotedFieldItCutsAndSkipToTheEndOfTheRecord() throws IOException {
        String text = "a,\"bcdef\ngh\",i\nnext\n";

        assertThat(read(text, 5, true)).isEqualTo("a,\"bc" + CUT + "\"\nnext\n");
    }

    @Test
    void shouldAddAFieldWhenItCutsOutsideQuotes() throws IOException {
        assertThat(read("\"ab\",cdefg\nok\n", 6, true)).isEqualTo("\"ab\",c," + CUT + "\nok\n");
    }

    @Test
    void shouldTreatADoubledQuoteAsText() throws IOException {
        String text = "\"a\"\"\nb\",c\n";

        assertThat(read(text, 100, true)).isEqualTo(text);
        assertThat(read(text, 4, true)).isEqualTo("\"a\"\"" + CUT + "\"\n");
    }
}
