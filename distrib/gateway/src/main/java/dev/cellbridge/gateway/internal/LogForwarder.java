package dev.cellbridge.gateway.internal;

import java.io.PrintStream;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Prints the OSGi log's warnings and errors on stderr: what the framework (bundle and framework errors) and Felix
 * SCR (component failures) report there would otherwise stay in the framework's storage. Our bundles log through
 * SLF4J (slf4j-simple, also stderr).
 */
final class LogForwarder implements LogListener, AutoCloseable {

    private final PrintStream out;
    private final ServiceTracker<LogReaderService, LogReaderService> tracker;

    LogForwarder(BundleContext context, PrintStream out) {
        this.out = out;
        this.tracker = new ServiceTracker<>(context, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(org.osgi.framework.ServiceReference<LogReaderService> reference) {
                LogReaderService reader = super.addingService(reference);
                if (reader != null) {
                    reader.addLogListener(LogForwarder.this);
                }
                return reader;
            }

            @Override
            public void removedService(org.osgi.framework.ServiceReference<LogReaderService> reference,
                LogReaderService reader) {
                reader.removeLogListener(LogForwarder.this);
                super.removedService(reference, reader);
            }
        };
    }

    void open() {
        tracker.open();
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        if (level != LogLevel.WARN && level != LogLevel.ERROR && level != LogLevel.AUDIT) {
            return;
        }
        String source = entry.getBundle() == null ? "?" : entry.getBundle().getSymbolicName();
        StringBuilder line = new StringBuilder("[").append(level).append("] ").append(source).append(": ")
            .append(entry.getMessage());
        Throwable exception = entry.getException();
        synchronized (out) {
            out.println(line);
            if (exception != null) {
                exception.printStackTrace(out);
            }
        }
    }

    @Override
    public void close() {
        tracker.close();
    }
}
