package no.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\t", "\n", "\r", "\u001B[31m", "\u007F", "\u0085", "\u200B",
            "\u200D", "\u202E", "\u2066", "\uFEFF", "\u00AD", "\uE000", "\uDB80\uDC00", "\uD800", "\uDFFF",
            "\uFFFF", "\u0378", "\u2028", "\u2029"})
    void controlFormatPrivateUseSurrogateAndUnassignedCharactersAreRefused(String character) {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class,
                () -> InvalidInput.require("PS " + character + " 12/20", "decisionReference"));

        assertThat(refused.rule()).isEqualTo("printable-text");
        assertThat(refused.field()).isEqualTo("decisionReference");
        assertThat(refused.getMessage()).doesNotContain(character).contains("U+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Oslo", "Bærum", "Ålesund", "Guovdageaidnu – Kautokeino", "Porsáŋgu", "Kárášjohka",
            "Unjárga – Nesseby", "Deatnu – Tana", "Gáivuotna – Kåfjord – Kaivuono", "Snåase – Snåsa", "Raarvihke",
            "Hábmer – Hamarøy", "Loabák – Lavangen", "Čuđe đ ŋ š ŧ ž Č Đ Ŋ Š Ŧ Ž", "Porsanki ä ö",
            "'\"“”«»\\", "😀🇳🇴", "o\u0301", "مرحبا", "שלום", "'; DROP TABLE domain_event_entry; --",
            "<script>alert(1)</script>", "a\u00A0b"})
    void printableTextInEveryScriptIsTaken(String text) {
        assertThatCode(() -> InvalidInput.require(text, "name")).doesNotThrowAnyException();
        assertThatCode(() -> InvalidInput.optional(text, "reference")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u00A0", "\u3000 ", "\u2003"})
    void blankTextIsNoText(String blank) {
        assertThat(catchThrowableOfType(InvalidInput.class, () -> InvalidInput.require(blank, "name")).rule())
                .isEqualTo("required");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> InvalidInput.optional(blank, "reference")).rule())
                .isEqualTo("not-blank");
    }

    @Test
    void textsAreAtMost255Characters() {
        assertThatCode(() -> InvalidInput.require("æ".repeat(255), "name")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(InvalidInput.class, () -> InvalidInput.require("æ".repeat(256), "name"))
                .rule()).isEqualTo("text-length");
        assertThat(catchThrowableOfType(InvalidInput.class,
                () -> InvalidInput.require("\u0000".repeat(100_000), "name")).rule()).isEqualTo("text-length");
    }
}
