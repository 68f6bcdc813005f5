package io.github.loyaltyrules.ledger.internal;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps what is logged to it, for tests of what the library logs. */
public final class RecordingLogger implements System.Logger {

    /** One logged line. */
    public record Line(Level level, String message, Throwable thrown) {
    }

    private final List<Line> lines = new ArrayList<>();

    /**
     * Returns what was logged, in order.
     *
     * @return the lines
     */
    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(new Line(level, msg, thrown));
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(new Line(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                null));
    }
}
