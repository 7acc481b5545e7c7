package dev.cellbridge.relay.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin that records what was posted (optionally slowly, like a slow handler behind it). */
class RecordingEventAdmin implements EventAdmin {

    final List<Event> posted = new CopyOnWriteArrayList<>();
    final List<Thread> posters = new CopyOnWriteArrayList<>();
    volatile long delayMillis;

    @Override
    public void postEvent(Event event) {
        posters.add(Thread.currentThread());
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("the relay must post asynchronously, never send: " + event.getTopic());
    }

    List<Event> on(String topic) {
        List<Event> l = new ArrayList<>();
        for (Event e : posted) {
            if (e.getTopic().equals(topic)) {
                l.add(e);
            }
        }
        return l;
    }
}
