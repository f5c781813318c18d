package payoutroutes;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line written while installed, with its stack traces, to check what the service lets out: as the message
 * and its exceptions, and exactly as the console writes it (its layout: readable lines or JSON, payouts.log.format).
 */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    private final Layout<?> console;
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> stackTraces = java.util.Collections.synchronizedList(new ArrayList<>());

    private CapturedLogs(Layout<?> console) {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
        this.console = console;
    }

    static CapturedLogs install() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        CapturedLogs appender = new CapturedLogs(context.getConfiguration().getAppender("console").getLayout());
        appender.start();
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
        Object out = console.toSerializable(event);
        written.add(out instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(out));
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
        written.clear();
        warnings.clear();
        stackTraces.clear();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** What the console wrote: each event in its layout, stack traces included. */
    List<String> written() {
        return List.copyOf(written);
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
