package dev.metakube.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetaKubeConfigPropertiesTest {
    private static MetaKubeConfig with(String key, String value) {
        return MetaKubeConfig.builder().property(key, value).build();
    }

    @Test
    void anUnsetPropertyIsTheFallback() {
        MetaKubeConfig c = MetaKubeConfig.defaults();
        assertEquals(7, c.intProperty("a.b", 7, 1));
        assertEquals(0.25, c.doubleProperty("a.b", 0.25, 0, 1));
        assertTrue(c.booleanProperty("a.b", true));
    }

    @Test
    void aSetPropertyIsParsedWithSurroundingSpaceIgnored() {
        assertEquals(12, with("k", " 12 ").intProperty("k", 7, 1));
        assertEquals(0.5, with("k", "0.5").doubleProperty("k", 0.1, 0, 1));
        assertFalse(with("k", "FALSE").booleanProperty("k", true));
        assertTrue(with("k", "True").booleanProperty("k", false));
    }

    @Test
    void aBadValueFailsNamingTheKeyAndTheValue() {
        InvalidInputException notANumber = assertThrows(InvalidInputException.class,
                () -> with("metakube.x", "twelve").intProperty("metakube.x", 7, 1));
        assertEquals("metakube.x", notANumber.where());
        assertTrue(notANumber.getMessage().contains("'twelve'"), notANumber.getMessage());

        InvalidInputException tooSmall = assertThrows(InvalidInputException.class,
                () -> with("metakube.x", "0").intProperty("metakube.x", 7, 1));
        assertTrue(tooSmall.getMessage().contains("at least 1") && tooSmall.getMessage().contains("'0'"),
                tooSmall.getMessage());

        InvalidInputException tooLarge = assertThrows(InvalidInputException.class,
                () -> with("metakube.x", "300").intProperty("metakube.x", 1, 1, 256));
        assertTrue(tooLarge.getMessage().contains("from 1 to 256"), tooLarge.getMessage());

        InvalidInputException outOfRange = assertThrows(InvalidInputException.class,
                () -> with("metakube.y", "1.5").doubleProperty("metakube.y", 0.1, 0, 1));
        assertEquals("metakube.y", outOfRange.where());
        assertTrue(outOfRange.getMessage().contains("'1.5'"), outOfRange.getMessage());

        assertThrows(InvalidInputException.class, () -> with("k", "NaN").doubleProperty("k", 0.1, 0, 1));
        InvalidInputException notABoolean = assertThrows(InvalidInputException.class,
                () -> with("k", "yes").booleanProperty("k", true));
        assertTrue(notABoolean.getMessage().contains("true or false"), notABoolean.getMessage());
    }
}
