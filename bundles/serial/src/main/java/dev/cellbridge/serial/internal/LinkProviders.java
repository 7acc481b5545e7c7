package dev.cellbridge.serial.internal;

import dev.cellbridge.serial.LinkUri;
import dev.cellbridge.serial.SerialLinkException;

/** Picks the provider for a parsed link URI. */
public final class LinkProviders {

    private LinkProviders() {
    }

    /**
     * Opens {@code target}; the link reports {@code uriText} as its {@code uri()}.
     *
     * @param cancellation lets another thread abort a slow open (TCP connect)
     */
    public static ProviderLink open(LinkUri target, String uriText, Cancellation cancellation) throws SerialLinkException {
        if (target instanceof LinkUri.Serial serial) {
            return JSerialCommLink.open(serial, uriText);
        }
        return TcpLink.connect((LinkUri.Tcp) target, uriText, cancellation);
    }
}
