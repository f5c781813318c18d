package payoutroutes;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Every log line written while installed, with its stack traces, to check what the service lets out. */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> stackTraces = java.util.Collections.synchronizedList(new ArrayList<>());

    private CapturedLogs() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
    }

    static CapturedLogs install() {
        CapturedLogs appender = new CapturedLogs();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        // an additive logger passes its events on to the root: captured there, each event is captured once
        context.getConfiguration().getLoggers().values().stream().filter(logger -> !logger.isAdditive())
                .forEach(logger -> logger.addAppender(appender, Level.ALL, null));
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
        if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
            warnings.add(line.toString());
        }
        if (event.getThrown() != null) {
            stackTraces.add(line.toString());
        }
    }

    /** The lines at WARN or worse. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The lines that carry a stack trace. */
    List<String> stackTraces() {
        return List.copyOf(stackTraces);
    }

    /** Forgets what was captured so far, to look at what one request makes. */
    void clear() {
        lines.clear();
        warnings.clear();
        stackTraces.clear();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggers().values().forEach(logger -> logger.removeAppender(getName()));
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
