package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.serial.SerialLink;
import dev.cellbridge.serial.SerialLinks;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Opens the modem's link: the {@code link.uri} directly, or, when {@code link.name} is set, the {@link SerialLink}
 * service of that name (a configured serial link component), waiting for it to be registered. The modem's AT
 * channel owns what it gets: closing it closes the service's link too, and the serial link component then
 * reopens it.
 */
final class OsgiLinkOpener implements ModemKeeper.LinkOpener {

    private static final long POLL_MS = 500;

    private final BundleContext context;
    private ServiceTracker<SerialLink, SerialLink> tracker;
    private String trackedName;

    OsgiLinkOpener(BundleContext context) {
        this.context = context;
    }

    @Override
    public SerialLink open(ModemSettings settings, BooleanSupplier stopped) throws IOException {
        if (settings.linkName().isEmpty()) {
            close();
            return SerialLinks.open(settings.linkUri());
        }
        ServiceTracker<SerialLink, SerialLink> t = trackerFor(settings.linkName());
        while (!stopped.getAsBoolean()) {
            SerialLink link;
            try {
                link = t.waitForService(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for serial link " + settings.linkName(), e);
            }
            if (link != null) {
                if (link.isOpen()) {
                    return link;
                }
                // registered but closed: its component withdraws it and registers it again once reopened;
                // waitForService returns at once while it is registered, so wait here
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for serial link " + settings.linkName(), e);
                }
            }
        }
        return null;
    }

    private synchronized ServiceTracker<SerialLink, SerialLink> trackerFor(String name) throws IOException {
        if (tracker == null || !name.equals(trackedName)) {
            close();
            try {
                tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + SerialLink.class.getName()
                        + ")(" + SerialLink.SERVICE_PROPERTY_NAME + "=" + escape(name) + "))"), null);
            } catch (InvalidSyntaxException e) {
                throw new IOException("bad serial link name " + name + ": " + e.getMessage(), e);
            }
            tracker.open();
            trackedName = name;
        }
        return tracker;
    }

    /** Stops following the serial link service. */
    synchronized void close() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
            trackedName = null;
        }
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
