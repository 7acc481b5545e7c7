package dev.cellbridge.serial.internal;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs link state changes. */
final class LinkEventLog implements Consumer<LinkEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LinkKeeper.class);

    @Override
    public void accept(LinkEvent event) {
        if (event instanceof LinkEvent.Opened opened) {
            LOG.info("Serial link {}: opened {} ({}); SerialLink service registered",
                    opened.name(), opened.uri(), opened.canonicalUri());
        } else if (event instanceof LinkEvent.OpenFailed failed) {
            LOG.warn("Serial link {}: cannot open: {}; retrying every {} to {} ms until it opens",
                    failed.name(), failed.message(), failed.initialDelayMs(), failed.maxDelayMs());
        } else if (event instanceof LinkEvent.Lost lost) {
            LOG.warn("Serial link {}: lost ({}); service withdrawn, reopening", lost.name(), lost.reason());
        } else if (event instanceof LinkEvent.Stopped stopped) {
            LOG.info("Serial link {}: stopped", stopped.name());
        }
    }
}
