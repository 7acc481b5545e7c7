package dev.cellbridge.cellular.internal.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Which context configuration manages which context ID on which modem: the first to claim a (modem, context ID)
 * keeps it until it releases it; a later claimant is refused (and told when the claim is free again). One
 * instance per bundle, shared by the context components (an internal service).
 */
@Component(service = ContextClaims.class)
public final class ContextClaims {

    /** A context component as the claims know it. */
    interface Claimant {
        /** Its configuration's PID, for the refusal's log line. */
        String pid();

        /** A claim it was refused may be free now: claim again. Called without locks held. */
        void claimsChanged();
    }

    private record Key(String modemName, int contextId) {
    }

    private final Map<Key, Claimant> owners = new HashMap<>();
    private final Set<Claimant> refused = new LinkedHashSet<>();

    /**
     * Claims (modem, context ID) for {@code who}, giving up any other claim it holds.
     *
     * @return empty when {@code who} holds the claim now; otherwise the claimant that holds it
     */
    Optional<Claimant> claim(String modemName, int contextId, Claimant who) {
        List<Claimant> notify;
        Optional<Claimant> result;
        synchronized (this) {
            boolean releasedOther = owners.entrySet().removeIf(e -> e.getValue() == who
                    && !e.getKey().equals(new Key(modemName, contextId)));
            Claimant owner = owners.putIfAbsent(new Key(modemName, contextId), who);
            if (owner == null || owner == who) {
                refused.remove(who);
                result = Optional.empty();
            } else {
                refused.add(who);
                result = Optional.of(owner);
            }
            notify = releasedOther ? othersThan(who) : List.of();
        }
        notify.forEach(Claimant::claimsChanged);
        return result;
    }

    /** Gives up every claim of {@code who}; the refused claimants are told. */
    void release(Claimant who) {
        List<Claimant> notify;
        synchronized (this) {
            refused.remove(who);
            boolean released = owners.values().removeIf(c -> c == who);
            notify = released ? othersThan(who) : List.of();
        }
        notify.forEach(Claimant::claimsChanged);
    }

    private List<Claimant> othersThan(Claimant who) {
        List<Claimant> out = new ArrayList<>(refused);
        out.remove(who);
        return out;
    }
}
