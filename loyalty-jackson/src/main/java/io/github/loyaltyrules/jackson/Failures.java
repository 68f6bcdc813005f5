package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Read failures with short messages that show at most a little of the offending text. */
final class Failures {

    /** Most characters of an input shown in a message. */
    static final int SHOWN = 40;

    private Failures() {
    }

    static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
    }

    static JsonMappingException of(JsonParser p, String message) {
        return JsonMappingException.from(p, message);
    }

    static JsonMappingException of(JsonParser p, String message, RuntimeException cause) {
        return JsonMappingException.from(p, message + ": " + cause.getMessage(), cause);
    }
}
