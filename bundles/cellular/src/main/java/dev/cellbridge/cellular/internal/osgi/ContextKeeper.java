package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.at.Subscription;
import dev.cellbridge.cellular.CellularEvent;
import dev.cellbridge.cellular.ManagedPdpContext;
import dev.cellbridge.cellular.ManagedPdpContext.State;
import dev.cellbridge.cellular.Modem;
import dev.cellbridge.cellular.PdpContextConfig;
import dev.cellbridge.cellular.PdpContextState;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one PDP context as planned on the current modem: configures it (AT+QICSGP), activates it asynchronously
 * (AT+QIACTEX, so the AT channel stays free for everything else meanwhile), then sets its DNS servers
 * (AT+QIDNSCFG, which needs an active context); follows {@code +QIURC: "pdpdeact"} and failed activations with
 * new attempts after capped, doubling waits when the plan says so; deactivates the context when released. All
 * work runs on the given single-threaded scheduler, so nothing here blocks its callers (the component's SCR
 * threads) and the state needs no locks. A new plan for an active context with other QICSGP settings
 * deactivates and activates it again (its sockets end); a context already active when the keeper first sees the
 * modem is adopted as it is when it runs with the planned settings (AT+QICSGP? tells), else activated again.
 *
 * <p>The keeper claims (modem, context ID) in {@link ContextClaims} on its thread too, before it touches the
 * module for a new context ID or modem: a refused configuration never sends anything for a context another one
 * manages, and a claim given up for another context ID is given up only after that context was deactivated.
 */
final class ContextKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(ContextKeeper.class);

    private final String name;
    private final ScheduledExecutorService executor;
    private final Duration activationTimeout;
    private final Consumer<ManagedPdpContext.Status> listener;
    private final ContextClaims claims;
    private final ContextClaims.Claimant claimant;

    // confined to the executor's thread
    private ContextPlan plan;
    private Modem modem;
    private String modemName = "";
    private Subscription events;
    private int generation;
    /** What AT+QICSGP last set on the current modem; null after a modem change. */
    private PdpContextConfig applied;
    private CompletableFuture<PdpContextState> activation;
    private ScheduledFuture<?> retry;
    private Duration delay;
    private String blocked;
    private volatile ManagedPdpContext.Status status;

    /**
     * @param name              for log lines (the configuration's PID)
     * @param contextId         reported until a plan names it
     * @param executor          single-threaded; owned by the caller
     * @param activationTimeout how long to wait for {@code +QIACTEX} (the note: 150 s)
     * @param listener          told every status change, on the executor's thread
     * @param claims            who manages which context; the keeper claims for {@code claimant}, whose
     *                          {@link ContextClaims.Claimant#claimsChanged()} calls {@link #reclaim()}
     * @param claimant          the configuration this keeper works for
     */
    ContextKeeper(String name, int contextId, ScheduledExecutorService executor, Duration activationTimeout,
            Consumer<ManagedPdpContext.Status> listener, ContextClaims claims, ContextClaims.Claimant claimant) {
        this.name = name;
        this.claims = claims;
        this.claimant = claimant;
        this.executor = executor;
        this.activationTimeout = activationTimeout;
        this.listener = listener;
        this.status = new ManagedPdpContext.Status("", contextId, State.INACTIVE, "", "", "no modem");
    }

    ManagedPdpContext.Status status() {
        return status;
    }

    /** A new plan (validated). */
    void configure(ContextPlan next) {
        executor.execute(() -> {
            ContextPlan previous = plan;
            plan = next;
            if (previous == null || !previous.retryInitial().equals(next.retryInitial())
                    || previous.contextId() != next.contextId()) {
                delay = next.retryInitial();
            } else if (delay.compareTo(next.retryMax()) > 0) {
                delay = next.retryMax(); // a lower cap applies to the next wait already
            }
            if (previous != null && previous.contextId() != next.contextId()) {
                if (modem != null && blocked == null) {
                    // the old context is no longer ours: leave the module as a deleted configuration would
                    deactivateQuietly(previous.contextId());
                }
                generation++;
                activation = null;
                applied = null;
            }
            claim(); // only after the deactivation: a configuration waiting for the old ID may take it now
            reconcile();
        });
    }

    /** A claim this keeper was refused may be free now: claims again, and takes the context over if it got it. */
    void reclaim() {
        try {
            executor.execute(() -> {
                if (blocked != null) {
                    claim();
                    reconcile();
                }
            });
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    /** Claims (modem, context ID); while another configuration holds it, the keeper leaves the context alone. */
    private void claim() {
        if (plan == null || modem == null) {
            return;
        }
        int id = plan.contextId();
        Optional<ContextClaims.Claimant> owner = claims.claim(modemName, id, claimant);
        String reason = owner.map(o -> "context " + id + " on modem " + modemName + " is managed by configuration "
                + o.pid()).orElse(null);
        if (reason != null && !reason.equals(blocked)) {
            LOG.error("PDP context configuration {} refused: {}", name, reason);
            generation++;
            activation = null;
            cancelRetry();
        } else if (reason == null && blocked != null) {
            LOG.info("PDP context configuration {}: now manages context {} on modem {}", name, id, modemName);
            applied = null;
        }
        blocked = reason;
    }

    /** The modem to keep the context on (replaces any previous one). */
    void modemAvailable(Modem next, String nextName) {
        executor.execute(() -> {
            unsubscribe();
            generation++;
            modem = next;
            modemName = nextName;
            applied = null;
            activation = null;
            cancelRetry();
            if (plan != null) {
                delay = plan.retryInitial();
            }
            claim();
            int gen = generation;
            events = next.subscribe(event -> {
                if (event instanceof CellularEvent.PdpDeactivated d) {
                    executor.execute(() -> onPdpDeactivated(gen, d.contextId()));
                }
            });
            reconcile();
        });
    }

    /** The modem is gone (if it is the current one): the context is inactive until one comes. */
    void modemGone(Modem gone) {
        executor.execute(() -> {
            if (modem != gone) {
                return;
            }
            unsubscribe();
            generation++;
            modem = null;
            modemName = "";
            applied = null;
            activation = null;
            cancelRetry();
            setStatus(State.INACTIVE, "", "", "no modem");
        });
    }

    /**
     * Stops keeping the context: deactivates it on the module (AT+QIDEACT) unless another configuration manages
     * it, and stops following the modem.
     *
     * @return done when the module answered (or the attempt failed)
     */
    Future<?> release() {
        return executor.submit(() -> {
            generation++;
            cancelRetry();
            if (modem != null && plan != null && blocked == null) {
                deactivateQuietly(plan.contextId());
            }
            unsubscribe();
            activation = null;
            modem = null;
            claims.release(claimant); // only now: a configuration waiting for this context may take it over
            setStatus(State.INACTIVE, "", "", "configuration removed");
        });
    }

    private void reconcile() {
        cancelRetry();
        if (plan == null) {
            return;
        }
        if (blocked != null) {
            setStatus(State.FAILED, "", "", blocked);
            return;
        }
        if (modem == null) {
            setStatus(State.INACTIVE, "", "", "no modem");
            return;
        }
        if (activation != null) {
            return; // its completion reconciles again
        }
        int id = plan.contextId();
        try {
            PdpContextState active = activeState(id);
            if (!plan.config().equals(applied)) {
                // a context found active is kept only if it runs with the planned settings: QICSGP does not
                // change a live context
                PdpContextConfig live = active == null ? null : applied != null ? applied : modem.contextConfig(id);
                if (active != null && !plan.config().equals(live)) {
                    LOG.info("PDP context {} ({}): active with other settings; deactivating it to apply them", id,
                            name);
                    modem.deactivate(id);
                    active = null;
                }
                if (active == null) {
                    modem.configureContext(plan.config());
                }
                applied = plan.config();
            }
            if (!plan.activate()) {
                if (active != null) {
                    modem.deactivate(id);
                }
                setStatus(State.INACTIVE, "", "", "activation is off");
                return;
            }
            if (active != null) {
                becameActive(active);
                return;
            }
            startActivation(id);
        } catch (IOException | RuntimeException e) {
            failed("configuring or activating context " + id + " failed: " + e.getMessage());
        }
    }

    private PdpContextState activeState(int id) throws IOException {
        for (PdpContextState s : modem.contexts()) {
            if (s.contextId() == id && s.active()) {
                return s;
            }
        }
        return null;
    }

    private void startActivation(int id) throws IOException {
        boolean again = status.state() == State.REACTIVATING;
        setStatus(again ? State.REACTIVATING : State.ACTIVATING, "", "", again ? status.problem() : "");
        int gen = generation;
        CompletableFuture<PdpContextState> f = modem.activateAsync(id).toCompletableFuture();
        activation = f;
        ScheduledFuture<?> timeout = executor.schedule(() -> {
            if (gen == generation && activation == f) {
                activation = null;
                f.cancel(false); // frees the modem's pending activation, so the retry is not "already being activated"
                failed("no +QIACTEX for context " + id + " within " + activationTimeout.toSeconds() + " s");
            }
        }, activationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        f.whenComplete((state, error) -> executor.execute(() -> {
            timeout.cancel(false);
            if (gen != generation || activation != f) {
                return;
            }
            activation = null;
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                failed("activating context " + id + " failed: " + cause.getMessage());
            } else {
                becameActive(state);
                if (!plan.activate() || !plan.config().equals(applied) || plan.contextId() != id) {
                    reconcile(); // the plan changed meanwhile
                }
            }
        }));
    }

    private void becameActive(PdpContextState state) {
        delay = plan.retryInitial();
        String problem = "";
        if (!plan.dnsPrimary().isEmpty()) {
            try {
                modem.dnsServers(plan.contextId(), plan.dnsPrimary(),
                        plan.dnsSecondary().isEmpty() ? null : plan.dnsSecondary());
            } catch (IOException | RuntimeException e) {
                problem = "DNS servers refused: " + e.getMessage();
                LOG.warn("PDP context {} ({}): {}", plan.contextId(), name, problem);
            }
        }
        if (status.state() != State.ACTIVE) {
            LOG.info("PDP context {} ({}) active on modem {}: {}", plan.contextId(), name, modemName,
                    state.ipv4() != null ? state.ipv4() : state.ipv6());
        }
        setStatus(State.ACTIVE, Objects.toString(state.ipv4(), ""), Objects.toString(state.ipv6(), ""), problem);
    }

    private void onPdpDeactivated(int gen, int contextId) {
        if (gen != generation || plan == null || contextId != plan.contextId() || blocked != null) {
            return;
        }
        LOG.warn("PDP context {} ({}): deactivated by the network", contextId, name);
        if (plan.activate() && plan.reactivate()) {
            scheduleRetry("deactivated by the network");
        } else {
            setStatus(State.INACTIVE, "", "", "deactivated by the network");
        }
    }

    private void failed(String text) {
        String problem = withoutPassword(text);
        if (plan.activate() && plan.reactivate()) {
            LOG.warn("PDP context {} ({}): {}; trying again in {} s", plan.contextId(), name, problem,
                    delay.toMillis() / 1000.0);
            scheduleRetry(problem);
        } else {
            LOG.error("PDP context {} ({}): {}", plan.contextId(), name, problem);
            setStatus(State.FAILED, "", "", problem);
        }
    }

    private void scheduleRetry(String problem) {
        cancelRetry();
        setStatus(State.REACTIVATING, "", "", problem);
        int gen = generation;
        retry = executor.schedule(() -> {
            if (gen == generation) {
                retry = null;
                reconcile();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        Duration doubled = delay.multipliedBy(2);
        delay = doubled.compareTo(plan.retryMax()) > 0 ? plan.retryMax() : doubled;
    }

    /**
     * The text with the password hidden: the AT layer's errors quote the command line, and AT+QICSGP carries the
     * password (quoted; PdpContextConfig allows no quotes inside).
     */
    private String withoutPassword(String text) {
        String password = plan.config().password();
        return password.isEmpty() || text == null ? text : text.replace("\"" + password + "\"", "\"****\"");
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void deactivateQuietly(int id) {
        try {
            if (activation != null || activeState(id) != null) {
                modem.deactivate(id);
                LOG.info("PDP context {} ({}) deactivated", id, name);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("PDP context {} ({}): deactivating failed: {}", id, name, e.getMessage());
        }
    }

    private void unsubscribe() {
        if (events != null) {
            events.close();
            events = null;
        }
    }

    private void setStatus(State state, String ipv4, String ipv6, String problem) {
        int id = plan != null ? plan.contextId() : status.contextId();
        ManagedPdpContext.Status next = new ManagedPdpContext.Status(modemName, id, state, ipv4, ipv6, problem);
        if (!next.equals(status)) {
            status = next;
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("PDP context {} ({}): status listener failed", id, name, e);
            }
        }
    }
}
